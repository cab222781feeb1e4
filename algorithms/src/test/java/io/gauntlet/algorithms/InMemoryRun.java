package io.gauntlet.algorithms;

import io.gauntlet.core.env.EnvSpec;
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

/**
 * A {@link Run} that keeps everything in memory, for tests: each iteration's row holds TotalEnvSteps,
 * AverageReturn and NumEpisodes (of the episodes recorded in it) followed by the algorithm's diagnostics.
 */
final class InMemoryRun implements Run {
    final EnvSpec env;
    final Hyperparameters params;
    final long seed;
    final long budget;
    final List<Map<String, Double>> rows = new ArrayList<>();
    final List<TrainingState> checkpoints = new ArrayList<>();
    final List<String> logLines = new ArrayList<>();
    private final TrainingState resume;
    private long steps;
    private int iteration;
    private double returnSum;
    private int episodes;

    InMemoryRun(EnvSpec env, Hyperparameters params, long seed, long budget) {
        this(env, params, seed, budget, null, 0, 0);
    }

    /** A resumed run: as if an earlier attempt had completed {@code iteration} iterations and {@code steps} steps. */
    InMemoryRun(EnvSpec env, Hyperparameters params, long seed, long budget, TrainingState resume, int iteration, long steps) {
        this.env = env;
        this.params = params;
        this.seed = seed;
        this.budget = budget;
        this.resume = resume;
        this.iteration = iteration;
        this.steps = steps;
    }

    @Override
    public EnvSpec env() {
        return env;
    }

    @Override
    public Hyperparameters params() {
        return params;
    }

    @Override
    public long seed() {
        return seed;
    }

    @Override
    public Rng rng(String name) {
        return Seeds.stream(seed, name);
    }

    @Override
    public long seedFor(String name) {
        return Seeds.derive(seed, name);
    }

    @Override
    public long stepBudget() {
        return budget;
    }

    @Override
    public long totalEnvSteps() {
        return steps;
    }

    @Override
    public void addEnvSteps(long n) {
        steps += n;
    }

    @Override
    public void recordEpisode(double undiscountedReturn, int length) {
        returnSum += undiscountedReturn;
        episodes++;
    }

    @Override
    public void endIteration(Map<String, Double> diagnostics, TrainingState state) {
        Map<String, Double> row = new LinkedHashMap<>();
        row.put("TotalEnvSteps", (double) steps);
        row.put("AverageReturn", episodes == 0 ? Double.NaN : returnSum / episodes);
        row.put("NumEpisodes", (double) episodes);
        row.putAll(diagnostics);
        rows.add(row);
        checkpoints.add(state);
        returnSum = 0;
        episodes = 0;
        iteration++;
    }

    @Override
    public int iteration() {
        return iteration;
    }

    @Override
    public Optional<TrainingState> resumeState() {
        return Optional.ofNullable(resume);
    }

    @Override
    public void log(String message) {
        logLines.add(message);
    }

    double averageReturn(int row) {
        return rows.get(row).get("AverageReturn");
    }
}
