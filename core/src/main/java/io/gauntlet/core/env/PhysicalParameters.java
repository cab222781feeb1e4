package io.gauntlet.core.env;

/**
 * A task whose physical constants (masses, lengths, gravity, force scale, ...) can be changed between episodes,
 * which is what the {@code system-id} wrapper resamples (rllab's system-identification variant).
 *
 * <p>The values a task is constructed with are its reference constants (Gymnasium's for Gymnasium ids).
 * Derived constants (e.g. CartPole's total mass) are recomputed by {@link #setParameters}. New values take
 * effect from the next step; they survive {@code reset} and {@code setState}.
 */
public interface PhysicalParameters {
    /** Names of the parameters, in the order of {@link #parameters()}, e.g. {@code masspole}. */
    String[] parameterNames();

    /** The current values. */
    double[] parameters();

    /** Sets every parameter; throws {@link IllegalArgumentException} for a wrong length or a non-positive value. */
    void setParameters(double[] values);

    /** Shared validation: right length, every value finite and positive. */
    static void check(String task, String[] names, double[] values) {
        if (values.length != names.length) {
            throw new IllegalArgumentException(task + ": " + names.length + " parameters (" + String.join(", ", names)
                    + "), got " + values.length);
        }
        for (int i = 0; i < values.length; i++) {
            if (!(values[i] > 0) || !Double.isFinite(values[i])) {
                throw new IllegalArgumentException(task + ": parameter " + names[i] + " must be finite and positive, got " + values[i]);
            }
        }
    }
}
