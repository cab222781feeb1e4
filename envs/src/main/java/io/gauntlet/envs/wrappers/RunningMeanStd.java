package io.gauntlet.envs.wrappers;

import io.gauntlet.core.env.Snapshot;
import java.util.Arrays;

/**
 * Running per-component mean and (population) variance of a stream of vectors, by Welford's update, which stays
 * accurate where the textbook sum-of-squares formula cancels catastrophically.
 */
public final class RunningMeanStd {
    private final double[] mean;
    private final double[] m2;
    private long count;

    public RunningMeanStd(int dim) {
        mean = new double[dim];
        m2 = new double[dim];
    }

    public void update(double[] x) {
        count++;
        for (int i = 0; i < mean.length; i++) {
            double delta = x[i] - mean[i];
            mean[i] += delta / count;
            m2[i] += delta * (x[i] - mean[i]);
        }
    }

    /** Update with a single value (dimension 1). */
    public void update(double x) {
        count++;
        double delta = x - mean[0];
        mean[0] += delta / count;
        m2[0] += delta * (x - mean[0]);
    }

    public long count() {
        return count;
    }

    public double mean(int i) {
        return mean[i];
    }

    /** Population variance (0 before two samples). */
    public double variance(int i) {
        return count == 0 ? 0 : m2[i] / count;
    }

    public double[] mean() {
        return mean.clone();
    }

    public double[] std() {
        double[] s = new double[mean.length];
        for (int i = 0; i < s.length; i++) s[i] = Math.sqrt(variance(i));
        return s;
    }

    /** Values {@link #save} writes: mean, M2, count. */
    public int snapshotSize() {
        return 2 * mean.length + Snapshot.LONG;
    }

    public void save(Snapshot.Writer w) {
        w.put(mean).put(m2).putLong(count);
    }

    public void restore(Snapshot.Reader r) {
        r.get(mean);
        r.get(m2);
        count = r.getLong();
    }

    public void clear() {
        count = 0;
        Arrays.fill(mean, 0);
        Arrays.fill(m2, 0);
    }
}
