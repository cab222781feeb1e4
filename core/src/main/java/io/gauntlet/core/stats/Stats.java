package io.gauntlet.core.stats;

import io.gauntlet.core.random.Rng;
import java.util.Arrays;
import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.inference.TTest;

/**
 * Summary statistics for comparing RL runs: the classical ones (mean, sample standard deviation, Student-t
 * confidence interval, Welch's t-test as rllab used for bolding) and the robust ones recommended by Agarwal et
 * al. (2021, "Deep RL at the edge of the statistical precipice"): interquartile mean, percentile bootstrap
 * confidence intervals (stratified over tasks) and the probability of improvement.
 *
 * <p>All functions take plain arrays and never modify them. Bootstrap functions draw from a caller-supplied
 * {@link Rng}, so a seed fixes their result.
 */
public final class Stats {
    private Stats() {}

    /** A confidence interval around a point estimate. */
    public record Interval(double estimate, double low, double high) {
        public double halfWidth() {
            return (high - low) / 2;
        }
    }

    public static double mean(double[] x) {
        requireNonEmpty(x);
        double s = 0;
        for (double v : x) s += v;
        return s / x.length;
    }

    /** Sample standard deviation (n - 1 in the denominator); 0 for a single value. */
    public static double std(double[] x) {
        requireNonEmpty(x);
        if (x.length == 1) return 0;
        double m = mean(x);
        double ss = 0;
        for (double v : x) ss += (v - m) * (v - m);
        return Math.sqrt(ss / (x.length - 1));
    }

    /** Population standard deviation (n in the denominator), numpy's default and rllab's StdReturn. */
    public static double populationStd(double[] x) {
        requireNonEmpty(x);
        double m = mean(x);
        double ss = 0;
        for (double v : x) ss += (v - m) * (v - m);
        return Math.sqrt(ss / x.length);
    }

    /**
     * Student-t confidence interval for the mean: mean ± t(1 - (1 - level)/2, n - 1) · s / √n. With one value the
     * interval is degenerate (low = high = the value): there is no spread to estimate.
     */
    public static Interval tInterval(double[] x, double level) {
        requireLevel(level);
        double m = mean(x);
        if (x.length < 2) return new Interval(m, m, m);
        double t = new TDistribution(x.length - 1).inverseCumulativeProbability(1 - (1 - level) / 2);
        double h = t * std(x) / Math.sqrt(x.length);
        return new Interval(m, m - h, m + h);
    }

    public static Interval tInterval95(double[] x) {
        return tInterval(x, 0.95);
    }

    /**
     * Interquartile mean: the mean of the values left after dropping the lowest and the highest quarter, with
     * floor(n/4) dropped at each end (scipy's {@code trim_mean(x, 0.25)}, which rliable uses).
     */
    public static double iqm(double[] x) {
        return trimmedMean(x, 0.25);
    }

    public static double trimmedMean(double[] x, double proportionToCut) {
        requireNonEmpty(x);
        if (!(proportionToCut >= 0 && proportionToCut < 0.5)) {
            throw new IllegalArgumentException("proportion to cut must be in [0, 0.5): " + proportionToCut);
        }
        double[] s = x.clone();
        Arrays.sort(s);
        int cut = (int) Math.floor(proportionToCut * s.length);
        double sum = 0;
        for (int i = cut; i < s.length - cut; i++) sum += s[i];
        return sum / (s.length - 2 * cut);
    }

    /** The q-quantile with linear interpolation between order statistics (numpy's default "linear" method). */
    public static double quantile(double[] x, double q) {
        requireNonEmpty(x);
        if (!(q >= 0 && q <= 1)) throw new IllegalArgumentException("quantile must be in [0, 1]: " + q);
        double[] s = x.clone();
        Arrays.sort(s);
        return sortedQuantile(s, q);
    }

    private static double sortedQuantile(double[] s, double q) {
        double h = (s.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, s.length - 1);
        return s[lo] + (h - lo) * (s[hi] - s[lo]);
    }

    /** Percentile bootstrap confidence interval of {@code statistic} over resamples of {@code x}. */
    public static Interval bootstrap(double[] x, ToDoubleFunction<double[]> statistic, int resamples, double level, Rng rng) {
        double[][] one = {x};
        return stratifiedBootstrap(one, scores -> statistic.applyAsDouble(scores[0]), resamples, level, rng);
    }

    /**
     * Stratified percentile bootstrap (Agarwal et al. 2021): {@code scores[task][run]}; each resample draws runs
     * with replacement within every task independently, then applies {@code statistic} to the whole resampled
     * table. The interval is the ((1 - level)/2, 1 - (1 - level)/2) quantiles of the resampled statistic; the
     * estimate is the statistic of the data itself.
     */
    public static Interval stratifiedBootstrap(
            double[][] scores, ToDoubleFunction<double[][]> statistic, int resamples, double level, Rng rng) {
        requireLevel(level);
        if (resamples < 1) throw new IllegalArgumentException("need at least one resample: " + resamples);
        if (scores.length == 0) throw new IllegalArgumentException("no tasks to bootstrap");
        for (double[] task : scores) requireNonEmpty(task);
        double[][] sample = new double[scores.length][];
        for (int t = 0; t < scores.length; t++) sample[t] = new double[scores[t].length];
        double[] stats = new double[resamples];
        for (int r = 0; r < resamples; r++) {
            for (int t = 0; t < scores.length; t++) {
                double[] src = scores[t];
                for (int i = 0; i < src.length; i++) sample[t][i] = src[rng.nextInt(src.length)];
            }
            stats[r] = statistic.applyAsDouble(sample);
        }
        Arrays.sort(stats);
        double alpha = (1 - level) / 2;
        return new Interval(statistic.applyAsDouble(scores), sortedQuantile(stats, alpha), sortedQuantile(stats, 1 - alpha));
    }

    /** IQM over all runs of all tasks pooled, the aggregate rliable reports. */
    public static double pooledIqm(double[][] scores) {
        int n = 0;
        for (double[] t : scores) n += t.length;
        double[] all = new double[n];
        int k = 0;
        for (double[] t : scores) for (double v : t) all[k++] = v;
        return iqm(all);
    }

    /**
     * Probability that a run of X beats a run of Y on one task: P(X > Y) + ½·P(X = Y) over all pairs (the
     * Mann-Whitney U statistic divided by n·m).
     */
    public static double probabilityOfImprovement(double[] x, double[] y) {
        requireNonEmpty(x);
        requireNonEmpty(y);
        double wins = 0;
        for (double a : x) {
            for (double b : y) {
                if (a > b) wins += 1;
                else if (a == b) wins += 0.5;
            }
        }
        return wins / ((double) x.length * y.length);
    }

    /** Average over tasks of the per-task probability of improvement ({@code x[task][run]}, {@code y[task][run]}). */
    public static double probabilityOfImprovement(double[][] x, double[][] y) {
        if (x.length != y.length || x.length == 0) throw new IllegalArgumentException("need the same, non-zero number of tasks");
        double s = 0;
        for (int t = 0; t < x.length; t++) s += probabilityOfImprovement(x[t], y[t]);
        return s / x.length;
    }

    /**
     * Performance profile (Agarwal et al. 2021): for each threshold τ, the fraction of runs whose score exceeds τ.
     */
    public static double[] performanceProfile(double[] scores, double[] thresholds) {
        requireNonEmpty(scores);
        double[] out = new double[thresholds.length];
        for (int i = 0; i < thresholds.length; i++) {
            int above = 0;
            for (double s : scores) if (s > thresholds[i]) above++;
            out[i] = (double) above / scores.length;
        }
        return out;
    }

    /**
     * Two-sided p-value of Welch's unequal-variances t-test (Commons Math). rllab bolds every algorithm whose
     * final returns are not significantly worse than the best one's (p ≥ 0.05). Needs at least two values each.
     */
    public static double welchPValue(double[] x, double[] y) {
        if (x.length < 2 || y.length < 2) throw new IllegalArgumentException("Welch's t-test needs at least two values per sample");
        if (std(x) == 0 && std(y) == 0) return mean(x) == mean(y) ? 1.0 : 0.0;
        return new TTest().tTest(x, y);
    }

    private static void requireNonEmpty(double[] x) {
        if (x.length == 0) throw new IllegalArgumentException("no values");
    }

    private static void requireLevel(double level) {
        if (!(level > 0 && level < 1)) throw new IllegalArgumentException("confidence level must be in (0, 1): " + level);
    }
}
