package io.gauntlet.algorithms;

import io.gauntlet.core.Stateful;
import io.gauntlet.core.env.Env;
import io.gauntlet.core.env.EnvRegistry;
import io.gauntlet.core.env.EnvSpec;
import io.gauntlet.core.experiment.Algorithm;
import io.gauntlet.core.experiment.AlgorithmSpec;
import io.gauntlet.core.experiment.Run;
import io.gauntlet.core.experiment.RunConfig;
import io.gauntlet.core.experiment.TrainingState;
import io.gauntlet.core.random.Rng;
import io.gauntlet.core.random.Seeds;
import io.gauntlet.core.wrappers.RecordEpisodeStatistics;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link Run} kept in memory for tests and timings: every episode, one row per iteration (TotalEnvSteps,
 * AverageReturn and NumEpisodes of the iteration, then the algorithm's diagnostics), and a snapshot of the tracked
 * state after every iteration, from which {@link #resumeAfter} starts a resumed run as the harness would.
 */
final class MemoryRun implements Run {
    final RunConfig config;
    final List<double[]> episodes = new ArrayList<>(); // {return, length, envStepsAtEnd}
    final List<Map<String, Double>> rows = new ArrayList<>();
    final List<Map<String, double[]>> checkpoints = new ArrayList<>();
    final List<String> logLines = new ArrayList<>();
    boolean quiet = true;

    private final Map<String, Stateful> parts = new LinkedHashMap<>();
    private final Map<String, double[]> resume;
    private long steps;
    private int iteration;
    private double returnSum;
    private int iterationEpisodes;

    private MemoryRun(RunConfig config, Map<String, double[]> resume, int iteration, long steps) {
        this.config = config;
        this.resume = resume;
        this.iteration = iteration;
        this.steps = steps;
    }

    static MemoryRun of(EnvSpec env, AlgorithmSpec<?> spec, Map<String, String> overrides, long seed, long budget) {
        return new MemoryRun(new RunConfig(env, spec, spec.resolve(env.make().actionSpace(), overrides), seed, budget), null, 0, 0);
    }

    static MemoryRun of(String envId, AlgorithmSpec<?> spec, Map<String, String> overrides, long seed, long budget) {
        return of(EnvRegistry.spec(envId), spec, overrides, seed, budget);
    }

    Algorithm algorithm() {
        return config.algorithm().make(config.args());
    }

    MemoryRun train() throws IOException {
        algorithm().train(this);
        return this;
    }

    /** A fresh run of the same config that resumes from the checkpoint taken after {@code iterations} iterations of this one. */
    MemoryRun resumeAfter(int iterations) {
        long stepsThen = rows.get(iterations - 1).get("TotalEnvSteps").longValue();
        return new MemoryRun(config, checkpoints.get(iterations - 1), iterations, stepsThen);
    }

    /** The tracked state after the last iteration, as a checkpoint holds it. */
    TrainingState lastState() {
        return TrainingState.of(checkpoints.get(checkpoints.size() - 1));
    }

    @Override public EnvSpec env() { return config.env(); }
    @Override public long seed() { return config.seed(); }
    @Override public long seedFor(String name) { return Seeds.derive(config.seed(), name); }
    @Override public long stepBudget() { return config.steps(); }
    @Override public long totalEnvSteps() { return steps; }
    @Override public void addEnvSteps(long n) { steps += n; }
    @Override public int iteration() { return iteration; }
    @Override public boolean resumed() { return resume != null; }

    @Override
    public void log(String message) {
        logLines.add(message);
        if (!quiet) System.out.println(message);
    }

    @Override
    public Env makeEnv() {
        return new RecordEpisodeStatistics(config.env().make(), (r, n) -> {
            episodes.add(new double[] {r, n, steps});
            returnSum += r;
            iterationEpisodes++;
        });
    }

    @Override
    public Rng rng(String name) {
        Rng rng = Seeds.stream(config.seed(), name);
        track("rng/" + name, new Stateful() {
            @Override public double[] snapshot() {
                long[] s = rng.state();
                double[] d = new double[s.length];
                for (int i = 0; i < s.length; i++) d[i] = Double.longBitsToDouble(s[i]);
                return d;
            }

            @Override public void restore(double[] d) {
                long[] s = new long[d.length];
                for (int i = 0; i < d.length; i++) s[i] = Double.doubleToRawLongBits(d[i]);
                rng.setState(s);
            }
        });
        return rng;
    }

    @Override
    public <T extends Stateful> T track(String name, T part) {
        if (parts.putIfAbsent(name, part) != null) throw new IllegalStateException(name + " tracked twice");
        if (resume != null) TrainingState.of(resume).restore(name, part);
        return part;
    }

    @Override
    public void endIteration(Map<String, Double> diagnostics) {
        Map<String, Double> row = new LinkedHashMap<>();
        row.put("TotalEnvSteps", (double) steps);
        row.put("AverageReturn", iterationEpisodes == 0 ? Double.NaN : returnSum / iterationEpisodes);
        row.put("NumEpisodes", (double) iterationEpisodes);
        row.putAll(diagnostics);
        rows.add(row);
        Map<String, double[]> snapshot = new LinkedHashMap<>();
        parts.forEach((name, part) -> snapshot.put(name, part.snapshot()));
        checkpoints.add(snapshot);
        if (!quiet) System.out.println("iter " + iteration + " steps " + steps + " last10 " + lastMean(10) + " " + diagnostics);
        returnSum = 0;
        iterationEpisodes = 0;
        iteration++;
    }

    double averageReturn(int row) {
        return rows.get(row).get("AverageReturn");
    }

    /** Mean return of the last {@code k} recorded episodes (NaN if none). */
    double lastMean(int k) {
        int n = episodes.size();
        if (n == 0) return Double.NaN;
        double s = 0;
        int c = 0;
        for (int i = Math.max(0, n - k); i < n; i++, c++) s += episodes.get(i)[0];
        return s / c;
    }

    /** Best mean over any window of {@code k} consecutive episodes. */
    double bestWindowMean(int k) {
        double best = Double.NEGATIVE_INFINITY;
        for (int end = k; end <= episodes.size(); end++) {
            double s = 0;
            for (int i = end - k; i < end; i++) s += episodes.get(i)[0];
            best = Math.max(best, s / k);
        }
        return best;
    }
}
