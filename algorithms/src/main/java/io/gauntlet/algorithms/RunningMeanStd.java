package io.gauntlet.algorithms;

/**
 * Per-dimension running mean and variance, merged batch by batch (Chan et al.'s parallel update), as Gymnasium's
 * NormalizeObservation and NormalizeReward keep them: count starts at 1e-4, mean 0, variance 1. Used to normalise
 * observations and to scale rewards by the running std of the discounted return; its state goes in checkpoints.
 */
public final class RunningMeanStd {
    private final double[] mean;
    private final double[] var;
    private double count = 1e-4;

    public RunningMeanStd(int dim) {
        mean = new double[dim];
        var = new double[dim];
        java.util.Arrays.fill(var, 1.0);
    }

    public int dim() {
        return mean.length;
    }

    /** Merges one sample (a row of length dim at {@code offset}). */
    public void update(double[] x, int offset) {
        double newCount = count + 1;
        for (int i = 0; i < mean.length; i++) {
            double delta = x[offset + i] - mean[i];
            double m2 = var[i] * count + delta * delta * count / newCount;
            mean[i] += delta / newCount;
            var[i] = m2 / newCount;
        }
        count = newCount;
    }

    /** Merges a batch of {@code rows} samples, as one batch update (Gymnasium updates once per vector step). */
    public void updateBatch(double[] x, int rows) {
        int d = mean.length;
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

    /** (x − mean) / sqrt(var + eps), clipped to ±clip, written in place. */
    public void normalize(double[] x, int offset, double eps, double clip) {
        for (int i = 0; i < mean.length; i++) {
            double v = (x[offset + i] - mean[i]) / Math.sqrt(var[i] + eps);
            x[offset + i] = Math.max(-clip, Math.min(clip, v));
        }
    }

    public double mean(int i) {
        return mean[i];
    }

    public double var(int i) {
        return var[i];
    }

    public double count() {
        return count;
    }

    /** mean, var, count in one array, for a checkpoint. */
    public double[] state() {
        int d = mean.length;
        double[] s = new double[2 * d + 1];
        System.arraycopy(mean, 0, s, 0, d);
        System.arraycopy(var, 0, s, d, d);
        s[2 * d] = count;
        return s;
    }

    public void setState(double[] s) {
        int d = mean.length;
        if (s.length != 2 * d + 1) throw new IllegalArgumentException("RunningMeanStd state needs " + (2 * d + 1) + " values");
        System.arraycopy(s, 0, mean, 0, d);
        System.arraycopy(s, d, var, 0, d);
        count = s[2 * d];
    }
}
