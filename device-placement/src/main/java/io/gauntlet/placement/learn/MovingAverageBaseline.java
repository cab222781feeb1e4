package io.gauntlet.placement.learn;

import io.gauntlet.core.Stateful;

/**
 * REINFORCE's baseline in Mirhoseini et al. 2017 (grappler's {@code bl_dec}): an exponential moving average of the
 * rewards, b ← decay · b + (1 − decay) · mean(batch rewards), started at the first batch's mean. Each batch's
 * advantages are taken against the baseline before that batch updates it.
 */
public final class MovingAverageBaseline implements Stateful {
    private final double decay;
    private double value = Double.NaN;

    public MovingAverageBaseline(double decay) {
        if (!(decay >= 0 && decay < 1)) throw new IllegalArgumentException("baseline decay must be in [0, 1), got " + decay);
        this.decay = decay;
    }

    /** The baseline now (NaN before the first batch). */
    public double value() {
        return value;
    }

    /** Writes {@code reward − b} for the first {@code n} rewards into {@code advantages}, then moves b towards their mean. */
    public void advantages(double[] rewards, int n, double[] advantages) {
        advantages(rewards, n, null, advantages);
    }

    /**
     * As {@link #advantages(double[], int, double[])} over the rewards {@code counted} marks (all when null): the others
     * get advantage 0 and do not move the baseline, which stays put when none is counted (grappler's masking of failed
     * placements once {@code stop_updating_after_steps} have passed).
     */
    public void advantages(double[] rewards, int n, boolean[] counted, double[] advantages) {
        double mean = 0;
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (counted == null || counted[i]) {
                mean += rewards[i];
                m++;
            }
        }
        if (m == 0) {
            java.util.Arrays.fill(advantages, 0, n, 0);
            return;
        }
        mean /= m;
        if (Double.isNaN(value)) value = mean;
        for (int i = 0; i < n; i++) advantages[i] = counted == null || counted[i] ? rewards[i] - value : 0;
        value = decay * value + (1 - decay) * mean;
    }

    @Override
    public double[] snapshot() {
        return new double[] {value};
    }

    @Override
    public void restore(double[] snapshot) {
        if (snapshot.length != 1) throw new IllegalArgumentException("a baseline is one value, got " + snapshot.length);
        value = snapshot[0];
    }
}
