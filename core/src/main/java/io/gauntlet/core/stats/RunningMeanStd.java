package io.gauntlet.core.stats;

import io.gauntlet.core.Stateful;
import io.gauntlet.core.env.Snapshot;
import java.util.Arrays;

/**
 * Per-component running mean and population variance of a stream of vectors, under one of two named update rules
 * ({@link Rule}). What the normalising wrappers keep; its state goes into env snapshots exactly.
 */
public final class RunningMeanStd implements Stateful {
    /** How the statistics start and how samples are merged. */
    public enum Rule {
        /**
         * Gymnasium's (and so CleanRL's and Stable-Baselines'): before any sample the statistics read count 1e-4,
         * mean 0, variance 1, and every update merges a batch's moments by Chan et al.'s parallel rule, in that
         * order of operations, so results agree with Gymnasium's to the last bit. The prior keeps the first
         * normalised values finite and small.
         */
        GYMNASIUM,
        /** Welford's: exact moments of the samples seen, from none (variance 0 until two differ). */
        WELFORD
    }

    private final Rule rule;
    private final double[] mean;
    private final double[] var;
    private double count;

    public RunningMeanStd(int dim, Rule rule) {
        this.rule = rule;
        this.mean = new double[dim];
        this.var = new double[dim];
        clear();
    }

    public Rule rule() {
        return rule;
    }

    public int dim() {
        return mean.length;
    }

    /** Back to no samples. */
    public void clear() {
        Arrays.fill(mean, 0);
        Arrays.fill(var, rule == Rule.GYMNASIUM ? 1 : 0);
        count = rule == Rule.GYMNASIUM ? 1e-4 : 0;
    }

    /** Merges one sample: a row of {@link #dim()} values at {@code offset}. */
    public void update(double[] x, int offset) {
        double newCount = count + 1;
        for (int i = 0; i < mean.length; i++) {
            double delta = x[offset + i] - mean[i];
            if (rule == Rule.GYMNASIUM) {
                // Gymnasium's merge with a batch of one (batch variance 0), operation for operation.
                double m2 = var[i] * count + delta * delta * count / newCount;
                mean[i] += delta / newCount;
                var[i] = m2 / newCount;
            } else {
                mean[i] += delta / newCount;
                var[i] = (var[i] * count + delta * (x[offset + i] - mean[i])) / newCount;
            }
        }
        count = newCount;
    }

    public void update(double[] x) {
        update(x, 0);
    }

    /** Merges one value (dimension 1). */
    public void update(double x) {
        update(new double[] {x}, 0);
    }

    /**
     * Merges {@code rows} samples (row-major, {@link #dim()} values each). Under {@link Rule#GYMNASIUM} the batch is
     * one update, as a vector env's wrapper does it; under {@link Rule#WELFORD} the rows are merged one by one.
     */
    public void updateBatch(double[] x, int rows) {
        int d = mean.length;
        if (rule == Rule.WELFORD) {
            for (int r = 0; r < rows; r++) update(x, r * d);
            return;
        }
        for (int i = 0; i < d; i++) {
            double bm = 0;
            for (int r = 0; r < rows; r++) bm += x[r * d + i];
            bm /= rows;
            double bv = 0;
            for (int r = 0; r < rows; r++) {
                double dv = x[r * d + i] - bm;
                bv += dv * dv;
            }
            bv /= rows;
            double delta = bm - mean[i];
            double tot = count + rows;
            double m2 = var[i] * count + bv * rows + delta * delta * count * rows / tot;
            mean[i] += delta * rows / tot;
            var[i] = m2 / tot;
        }
        count += rows;
    }

    /** (x − mean) / sqrt(var + eps) in place, for the row at {@code offset}. */
    public void normalize(double[] x, int offset, double eps) {
        for (int i = 0; i < mean.length; i++) x[offset + i] = (x[offset + i] - mean[i]) / Math.sqrt(var[i] + eps);
    }

    public double mean(int i) {
        return mean[i];
    }

    /** Population variance of component {@code i}. */
    public double var(int i) {
        return var[i];
    }

    public double std(int i) {
        return Math.sqrt(var[i]);
    }

    /** Samples merged (Gymnasium's rule starts at 1e-4). */
    public double count() {
        return count;
    }

    /** [mean, variance, count]. */
    @Override
    public double[] snapshot() {
        Snapshot.Writer w = Snapshot.writer("RunningMeanStd", snapshotSize());
        save(w);
        return w.finish();
    }

    @Override
    public void restore(double[] snapshot) {
        restore(Snapshot.reader("RunningMeanStd", snapshot, snapshotSize()));
    }

    /** Values {@link #save} writes: mean, variance, count. */
    public int snapshotSize() {
        return 2 * mean.length + 1;
    }

    public void save(Snapshot.Writer w) {
        w.put(mean).put(var).put(count);
    }

    public void restore(Snapshot.Reader r) {
        r.get(mean);
        r.get(var);
        count = r.getDouble();
    }
}
