package io.gauntlet.algorithms;

import io.gauntlet.core.env.EnvRegistry;
import io.gauntlet.core.env.EnvSpec;
import io.gauntlet.core.experiment.AlgorithmSpec;
import io.gauntlet.core.experiment.Hyperparameters;
import io.gauntlet.core.experiment.Run;
import io.gauntlet.core.experiment.TrainingState;
import io.gauntlet.core.random.Rng;
import io.gauntlet.core.random.Seeds;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A Run kept in memory for tests and timings: episodes, diagnostics rows and the last checkpoint. */
final class MemoryRun implements Run {
    final EnvSpec env;
    final Hyperparameters params;
    final long seed;
    final long budget;
    long steps;
    int iteration;
    TrainingState resume;
    TrainingState lastState;
    final List<double[]> episodes = new ArrayList<>(); // {return, length, envStepsAtEnd}
    final List<Map<String, Double>> rows = new ArrayList<>();
    boolean quiet = true;

    MemoryRun(String envId, AlgorithmSpec algo, Map<String, String> overrides, long seed, long budget) {
        this.env = EnvRegistry.spec(envId);
        this.params = new Hyperparameters(algo.params(), overrides);
        this.seed = seed;
        this.budget = budget;
    }

    static MemoryRun of(String envId, AlgorithmSpec algo, Map<String, String> overrides, long seed, long budget) {
        return new MemoryRun(envId, algo, overrides, seed, budget);
    }

    void train(AlgorithmSpec algo) throws java.io.IOException {
        algo.make(params).train(this);
    }

    @Override public EnvSpec env() { return env; }
    @Override public Hyperparameters params() { return params; }
    @Override public long seed() { return seed; }
    @Override public Rng rng(String name) { return Seeds.stream(seed, name); }
    @Override public long seedFor(String name) { return Seeds.derive(seed, name); }
    @Override public long stepBudget() { return budget; }
    @Override public long totalEnvSteps() { return steps; }
    @Override public void addEnvSteps(long n) { steps += n; }

    @Override
    public void recordEpisode(double undiscountedReturn, int length) {
        episodes.add(new double[] {undiscountedReturn, length, steps});
    }

    @Override
    public void endIteration(Map<String, Double> diagnostics, TrainingState state) {
        rows.add(new LinkedHashMap<>(diagnostics));
        if (state != null) lastState = state;
        if (!quiet) System.out.println("iter " + iteration + " steps " + steps + " last10 " + lastMean(10) + " " + diagnostics);
        iteration++;
    }

    @Override public int iteration() { return iteration; }
    @Override public Optional<TrainingState> resumeState() { return Optional.ofNullable(resume); }
    @Override public void log(String message) { if (!quiet) System.out.println(message); }

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
