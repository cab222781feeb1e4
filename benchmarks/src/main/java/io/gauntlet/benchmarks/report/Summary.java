package io.gauntlet.benchmarks.report;

import io.gauntlet.core.random.Rng;
import io.gauntlet.core.stats.Stats;
import java.util.ArrayList;
import java.util.List;

/**
 * The summary row of one algorithm on one task: number of seeds; final average return (last iteration's) as mean
 * with a Student-t 95% interval; rllab's score (average return over all iterations, averaged over seeds); the
 * interquartile mean of the final returns with a seeded 95% bootstrap interval; and whether rllab would bold it
 * (the best final mean on the task, or not significantly worse by Welch's t-test at p = 0.05).
 */
public record Summary(
        String env, String algo, int seeds, double finalMean, double finalLow, double finalHigh, double score,
        double iqm, double iqmLow, double iqmHigh, boolean bold, Curve curve) {

    static final int BOOTSTRAP_RESAMPLES = 2000;

    /** Summaries of every algorithm on one task; {@code runsByAlgo} in display order. */
    public static List<Summary> ofTask(String env, List<List<RunData>> runsByAlgo) {
        List<double[]> finals = new ArrayList<>();
        int best = -1;
        for (int a = 0; a < runsByAlgo.size(); a++) {
            double[] f = runsByAlgo.get(a).stream().mapToDouble(RunData::finalReturn).filter(v -> !Double.isNaN(v)).toArray();
            finals.add(f);
            if (f.length > 0 && (best < 0 || Stats.mean(f) > Stats.mean(finals.get(best)))) best = a;
        }
        List<Summary> out = new ArrayList<>();
        for (int a = 0; a < runsByAlgo.size(); a++) {
            List<RunData> runs = runsByAlgo.get(a);
            double[] f = finals.get(a);
            double[] scores = runs.stream().mapToDouble(RunData::score).filter(v -> !Double.isNaN(v)).toArray();
            Stats.Interval ci = f.length == 0 ? new Stats.Interval(Double.NaN, Double.NaN, Double.NaN) : Stats.tInterval95(f);
            Stats.Interval iqm = f.length == 0 ? new Stats.Interval(Double.NaN, Double.NaN, Double.NaN)
                    : Stats.bootstrap(f, Stats::iqm, BOOTSTRAP_RESAMPLES, 0.95, new Rng(0));
            boolean bold = a == best || (best >= 0 && f.length >= 2 && finals.get(best).length >= 2
                    && Stats.welchPValue(f, finals.get(best)) >= 0.05);
            out.add(new Summary(env, runs.get(0).algo(), runs.size(), ci.estimate(), ci.low(), ci.high(),
                    scores.length == 0 ? Double.NaN : Stats.mean(scores), iqm.estimate(), iqm.low(), iqm.high(), bold,
                    Curve.of(runs)));
        }
        return out;
    }
}
