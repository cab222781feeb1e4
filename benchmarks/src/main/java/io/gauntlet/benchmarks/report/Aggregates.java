package io.gauntlet.benchmarks.report;

import io.gauntlet.core.random.Rng;
import io.gauntlet.core.stats.Stats;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Algorithms compared across tasks as rliable does (Agarwal et al. 2021): each run's return at its task's common
 * budget normalised per task ({@link References}: random policy 0, reference 1); per algorithm the interquartile mean
 * and the mean over all its runs with stratified bootstrap 95% intervals (runs resampled within each task), the
 * performance profile (the fraction of runs scoring above τ, with a bootstrap band), and for every pair of algorithms
 * the probability of improvement P(X > Y) over the tasks both ran, with its interval. An algorithm is aggregated over
 * the tasks it ran that have references; tasks without are listed as left out.
 */
public record Aggregates(List<String> algos, Map<String, List<String>> tasks, Map<String, Stats.Interval> iqm,
        Map<String, Stats.Interval> mean, double[] taus, Map<String, double[][]> profiles, Stats.Interval[][] improvement,
        Map<String, References.Ref> used, List<String> leftOut) {

    static final int RESAMPLES = 2000;
    static final int PROFILE_POINTS = 101;

    /** Null when no task has references (nothing to aggregate). */
    public static Aggregates of(Map<String, List<Summary>> byTask, References references) {
        Map<String, References.Ref> used = new LinkedHashMap<>();
        List<String> leftOut = new ArrayList<>();
        // algo -> task -> normalised scores of its runs
        Map<String, Map<String, double[]>> scores = new LinkedHashMap<>();
        TreeSet<String> algoNames = new TreeSet<>();
        for (var e : byTask.entrySet()) {
            References.Ref ref = references.of(e.getKey());
            if (ref == null) {
                leftOut.add(e.getKey());
                continue;
            }
            used.put(e.getKey(), ref);
            for (Summary s : e.getValue()) {
                if (s.atCommon().length == 0) continue;
                double[] n = Arrays.stream(s.atCommon()).map(ref::normalise).toArray();
                scores.computeIfAbsent(s.algo(), k -> new LinkedHashMap<>()).put(e.getKey(), n);
                algoNames.add(s.algo());
            }
        }
        if (scores.isEmpty()) return null;
        List<String> algos = List.copyOf(algoNames);
        double lo = 0, hi = 1;
        for (var m : scores.values()) for (double[] t : m.values()) for (double v : t) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        double[] taus = new double[PROFILE_POINTS];
        for (int i = 0; i < taus.length; i++) taus[i] = lo + (hi - lo) * i / (taus.length - 1);

        Map<String, List<String>> tasks = new LinkedHashMap<>();
        Map<String, Stats.Interval> iqm = new LinkedHashMap<>(), mean = new LinkedHashMap<>();
        Map<String, double[][]> profiles = new LinkedHashMap<>();
        for (String a : algos) {
            double[][] table = scores.get(a).values().toArray(new double[0][]);
            tasks.put(a, List.copyOf(scores.get(a).keySet()));
            iqm.put(a, Stats.stratifiedBootstrap(table, Stats::pooledIqm, RESAMPLES, 0.95, new Rng(0)));
            mean.put(a, Stats.stratifiedBootstrap(table, Aggregates::pooledMean, RESAMPLES, 0.95, new Rng(0)));
            profiles.put(a, profile(table, taus));
        }
        Stats.Interval[][] improvement = new Stats.Interval[algos.size()][algos.size()];
        for (int x = 0; x < algos.size(); x++) {
            for (int y = 0; y < algos.size(); y++) {
                if (x == y) continue;
                Map<String, double[]> sx = scores.get(algos.get(x)), sy = scores.get(algos.get(y));
                List<String> shared = sx.keySet().stream().filter(sy::containsKey).toList();
                if (shared.isEmpty()) continue;
                // X's tasks then Y's, each row resampled on its own: both algorithms' runs resampled within each task
                double[][] both = new double[2 * shared.size()][];
                for (int t = 0; t < shared.size(); t++) {
                    both[t] = sx.get(shared.get(t));
                    both[shared.size() + t] = sy.get(shared.get(t));
                }
                int k = shared.size();
                improvement[x][y] = Stats.stratifiedBootstrap(both, b -> Stats.probabilityOfImprovement(
                        Arrays.copyOfRange(b, 0, k), Arrays.copyOfRange(b, k, 2 * k)), RESAMPLES, 0.95, new Rng(0));
            }
        }
        return new Aggregates(algos, tasks, iqm, mean, taus, profiles, improvement, used, leftOut);
    }

    static double pooledMean(double[][] scores) {
        double s = 0;
        int n = 0;
        for (double[] t : scores) for (double v : t) {
            s += v;
            n++;
        }
        return s / n;
    }

    /** {fraction above τ, band low, band high} at every τ: the band from a stratified bootstrap of the runs. */
    static double[][] profile(double[][] table, double[] taus) {
        double[] all = Arrays.stream(table).flatMapToDouble(Arrays::stream).toArray();
        double[] estimate = Stats.performanceProfile(all, taus);
        double[][] resampled = new double[RESAMPLES][];
        Rng rng = new Rng(0);
        double[] sample = new double[all.length];
        for (int r = 0; r < RESAMPLES; r++) {
            int k = 0;
            for (double[] task : table) for (int i = 0; i < task.length; i++) sample[k++] = task[rng.nextInt(task.length)];
            resampled[r] = Stats.performanceProfile(sample, taus);
        }
        double[] low = new double[taus.length], high = new double[taus.length], column = new double[RESAMPLES];
        for (int i = 0; i < taus.length; i++) {
            for (int r = 0; r < RESAMPLES; r++) column[r] = resampled[r][i];
            low[i] = Stats.quantile(column, 0.025);
            high[i] = Stats.quantile(column, 0.975);
        }
        return new double[][] {estimate, low, high};
    }
}
