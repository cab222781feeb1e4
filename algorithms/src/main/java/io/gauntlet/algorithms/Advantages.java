package io.gauntlet.algorithms;

/**
 * Standardising advantages, as the references do it: rllab centres and scales a whole batch by its population
 * std; CleanRL normalises each minibatch by torch's (unbiased) std. Both add 1e-8 to the std.
 */
final class Advantages {
    private Advantages() {}

    /** rllab's {@code center_advantages}: (x − mean) / (std + 1e-8) in place, population std. */
    static void centreAndScale(double[] x, int n) {
        standardise(x, n, n);
    }

    /** CleanRL's {@code norm_adv}: (x − mean) / (std + 1e-8) in place, unbiased std (n − 1). */
    static void normalizeMinibatch(double[] x, int n) {
        standardise(x, n, Math.max(1, n - 1));
    }

    private static void standardise(double[] x, int n, int dof) {
        double mean = 0;
        for (int i = 0; i < n; i++) mean += x[i];
        mean /= n;
        double var = 0;
        for (int i = 0; i < n; i++) var += (x[i] - mean) * (x[i] - mean);
        double std = Math.sqrt(var / dof);
        for (int i = 0; i < n; i++) x[i] = (x[i] - mean) / (std + 1e-8);
    }
}
