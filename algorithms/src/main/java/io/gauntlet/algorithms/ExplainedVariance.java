package io.gauntlet.algorithms;

/**
 * How much of the return a value estimate explains, 1 − Var(returns − values) / Var(returns), as the references
 * log it. rllab's {@code explained_variance_1d} adds 1e-8 to the denominator and reads a constant return as 1
 * (or 0 when the estimate varies); CleanRL's reads it as NaN. Each algorithm logs its reference's, so the column
 * compares with that reference's logs.
 */
final class ExplainedVariance {
    private ExplainedVariance() {}

    /** rllab's definition (REINFORCE, TNPG, TRPO, RWR). */
    static double rllab(double[] predicted, double[] actual, int n) {
        double varY = squaredDeviations(actual, null, n) / n;
        if (varY < 1e-8) return squaredDeviations(predicted, null, n) / n > 0 ? 0 : 1;
        return 1 - squaredDeviations(actual, predicted, n) / n / (varY + 1e-8);
    }

    /** CleanRL's definition (PPO). */
    static double cleanRl(double[] values, double[] returns, int n) {
        double sr = squaredDeviations(returns, null, n);
        return sr == 0 ? Double.NaN : 1 - squaredDeviations(returns, values, n) / sr;
    }

    /** Σ (x − mean x)² of x = a (or x = a − b when b is not null). */
    private static double squaredDeviations(double[] a, double[] b, int n) {
        double mean = 0;
        for (int i = 0; i < n; i++) mean += a[i] - (b == null ? 0 : b[i]);
        mean /= n;
        double s = 0;
        for (int i = 0; i < n; i++) {
            double d = a[i] - (b == null ? 0 : b[i]) - mean;
            s += d * d;
        }
        return s;
    }
}
