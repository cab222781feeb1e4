package io.gauntlet.benchmarks.report;

import io.gauntlet.core.random.Rng;
import io.gauntlet.core.stats.Stats;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * One algorithm on one task, over its seeds:
 * <ul>
 *   <li>the return at the task's common budget ({@code commonSteps}: the most env steps every run on the task has
 *       made, so algorithms run at different budgets, or still running, are compared at equal ones), per seed and as
 *       mean ± standard deviation, its interquartile mean with a seeded 95% bootstrap interval, and whether it is bold:
 *       the best mean, or not significantly worse by Welch's t-test (p ≥ 0.05);</li>
 *   <li>the final return, at the algorithm's own budget;</li>
 *   <li>rllab's score (average return over all iterations), per seed and as mean ± standard deviation, bold by the
 *       same rule (rllab's Table 1);</li>
 *   <li>env steps per second, and the learning curves against env steps and wall-clock seconds.</li>
 * </ul>
 * Welch's test decides only with at least {@value #SEEDS_FOR_A_TEST} seeds on both sides (rllab's protocol ran 5): with
 * 3 it can tell almost nothing apart, and "not significantly worse" would bold nearly every row. Below that only the
 * best mean is bold.
 */
public record Summary(String env, String algo, List<RunData> runs, long commonSteps, double[] atCommon, double[] finals,
        double[] scores, Stats.Interval iqm, boolean bold, boolean scoreBold, Curve curve, Curve timeCurve) {

    static final int BOOTSTRAP_RESAMPLES = 2000;
    public static final int SEEDS_FOR_A_TEST = 5;

    /** Summaries of every algorithm on one task; {@code runsByAlgo} in display order. */
    public static List<Summary> ofTask(String env, List<List<RunData>> runsByAlgo) {
        long common = Long.MAX_VALUE;
        for (List<RunData> runs : runsByAlgo) for (RunData r : runs) common = Math.min(common, r.lastSteps());
        final long at = common;
        List<double[]> atCommon = values(runsByAlgo, r -> r.returnAt(at));
        List<double[]> scores = values(runsByAlgo, RunData::score);
        boolean[] bold = bold(atCommon), scoreBold = bold(scores);
        List<Summary> out = new ArrayList<>();
        for (int a = 0; a < runsByAlgo.size(); a++) {
            List<RunData> runs = runsByAlgo.get(a);
            double[] v = atCommon.get(a);
            Stats.Interval iqm = v.length == 0 ? new Stats.Interval(Double.NaN, Double.NaN, Double.NaN)
                    : Stats.bootstrap(v, Stats::iqm, BOOTSTRAP_RESAMPLES, 0.95, new Rng(0));
            out.add(new Summary(env, runs.get(0).algo(), List.copyOf(runs), at, v,
                    values(List.of(runs), RunData::finalReturn).get(0), scores.get(a), iqm, bold[a], scoreBold[a],
                    Curve.of(runs, Curve.Axis.STEPS), Curve.of(runs, Curve.Axis.SECONDS)));
        }
        return out;
    }

    /** Each algorithm's values, NaN (a seed with no finished episode yet) left out. */
    private static List<double[]> values(List<List<RunData>> runsByAlgo, Function<RunData, Double> f) {
        List<double[]> out = new ArrayList<>();
        for (List<RunData> runs : runsByAlgo) out.add(runs.stream().mapToDouble(f::apply).filter(x -> !Double.isNaN(x)).toArray());
        return out;
    }

    /** The best mean, and every sample not significantly worse than it when both have enough seeds for the test. */
    static boolean[] bold(List<double[]> samples) {
        int best = -1;
        for (int a = 0; a < samples.size(); a++) {
            double[] x = samples.get(a);
            if (x.length > 0 && (best < 0 || Stats.mean(x) > Stats.mean(samples.get(best)))) best = a;
        }
        boolean[] bold = new boolean[samples.size()];
        for (int a = 0; a < samples.size(); a++) {
            double[] x = samples.get(a);
            bold[a] = a == best || (best >= 0 && x.length >= SEEDS_FOR_A_TEST && samples.get(best).length >= SEEDS_FOR_A_TEST
                    && Stats.welchPValue(x, samples.get(best)) >= 0.05);
        }
        return bold;
    }

    public int seeds() {
        return runs.size();
    }

    /** The budget the runs were given (the largest, if their budgets differ). */
    public long budget() {
        return runs.stream().mapToLong(RunData::budget).max().orElse(0);
    }

    public static double mean(double[] x) {
        return x.length == 0 ? Double.NaN : Stats.mean(x);
    }

    /** The sample standard deviation; NaN for fewer than two values (one seed has no spread to show). */
    public static double std(double[] x) {
        return x.length < 2 ? Double.NaN : Stats.std(x);
    }

    public double atCommonMean() {
        return mean(atCommon);
    }

    public double finalMean() {
        return mean(finals);
    }

    public double scoreMean() {
        return mean(scores);
    }

    /** Mean env steps per second of the runs. */
    public double stepsPerSecond() {
        return mean(runs.stream().mapToDouble(RunData::stepsPerSecond).filter(x -> !Double.isNaN(x)).toArray());
    }

    /** The per-seed values of {@code x} in seed order, separated by spaces (a CSV cell). */
    static String perSeed(double[] x) {
        return String.join(" ", Arrays.stream(x).mapToObj(Double::toString).toList());
    }
}
