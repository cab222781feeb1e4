package io.gauntlet.envs;

/** Argument checks shared by the tasks' {@code setState} and {@code step}. */
public final class StateChecks {
    private StateChecks() {}

    /** Throws unless {@code state} has one finite value per name. */
    public static void requireState(String task, double[] state, String... names) {
        if (state.length != names.length) {
            throw new IllegalArgumentException(task + ": state has " + names.length + " values (" + String.join(", ", names)
                    + "), got " + state.length);
        }
        for (int i = 0; i < state.length; i++) {
            if (!Double.isFinite(state[i])) {
                throw new IllegalArgumentException(task + ": state value " + names[i] + " must be finite, got " + state[i]);
            }
        }
    }

    /** Throws unless the continuous action value is finite (the tasks clip it, they never propagate a NaN). */
    public static void requireFinite(String task, double action) {
        if (!Double.isFinite(action)) {
            throw new IllegalArgumentException(task + ": action must be finite, got " + action);
        }
    }

    /** Throws unless {@code action} is one of the integers 0..n-1. */
    public static int requireDiscrete(String task, double action, int n) {
        if (!(action >= 0 && action < n && action == Math.rint(action))) {
            throw new IllegalArgumentException(task + ": action must be an integer in 0.." + (n - 1) + ", got " + action);
        }
        return (int) action;
    }
}
