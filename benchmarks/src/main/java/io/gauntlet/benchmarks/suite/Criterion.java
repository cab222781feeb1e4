package io.gauntlet.benchmarks.suite;

import java.util.List;
import java.util.Map;

/**
 * One row of the acceptance table, as data: an algorithm on a task with parameter overrides and a step budget,
 * run on every seed; a seed passes when its {@link Metric} reaches {@code threshold}; the row passes when at
 * least {@code seedsRequired} seeds do. A row that does not {@code gate} is reported against its threshold
 * without failing the suite (the contract's "figures reported" rows).
 */
public record Criterion(String name, String env, String algo, Map<String, String> params, long steps, List<Long> seeds,
                        Metric metric, double threshold, int seedsRequired, boolean gate) {

    /** What is measured on one run's progress rows. */
    public enum Metric {
        /** Mean return of the last (at least) 10 episodes of the run. */
        FINAL_LAST_10,
        /** Best mean return of (at least) 10 consecutive episodes at any point: "reaches the threshold within the budget". */
        REACHED_LAST_10
    }

    public Criterion {
        if (seedsRequired > seeds.size()) throw new IllegalArgumentException(name + ": needs more passing seeds than it runs");
        params = Map.copyOf(params);
        seeds = List.copyOf(seeds);
    }

    public String describe() {
        String what = metric == Metric.FINAL_LAST_10 ? "mean of the last 10 episodes" : "a 10-episode mean reached";
        return String.format("%s: %s on %s, %,d steps, %s >= %s on >= %d of %d seeds%s", name, algo, env, steps, what,
                fmt(threshold), seedsRequired, seeds.size(), gate ? "" : " (reported)");
    }

    static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
