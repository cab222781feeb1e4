package io.gauntlet.core.experiment;

import io.gauntlet.core.Stateful;
import io.gauntlet.core.env.Env;
import io.gauntlet.core.env.EnvSpec;
import io.gauntlet.core.env.Snapshot;
import io.gauntlet.core.random.Rng;
import io.gauntlet.core.random.Seeds;
import io.gauntlet.core.wrappers.RecordEpisodeStatistics;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The harness's side of {@link Run}: counts steps, gathers episodes, writes rows, keeps the registry of tracked
 * state and writes checkpoints of it.
 */
final class HarnessRun implements Run {
    /** When to write a checkpoint after an iteration (the last one always gets one). */
    @FunctionalInterface
    interface CheckpointSchedule {
        boolean due(int iterationsDone, double secondsSinceLastCheckpoint, double secondsLastCheckpointTook);

        /**
         * Every 5 s, and never more than 5% of the run's time: a checkpoint holds every tracked part (DDPG's whole
         * replay buffer), and a crash loses at most this much work (the rows after the checkpoint are redone). The
         * system property {@value #SECONDS_PROPERTY} changes the 5 s (e.g. longer on a slow shared file system).
         */
        CheckpointSchedule EVERY_FEW_SECONDS = (done, since, took) -> since >= Math.max(Interval.SECONDS, 20 * took);

        String SECONDS_PROPERTY = "gauntlet.checkpoint.seconds";

        /** Holds the interval read once from {@link #SECONDS_PROPERTY}. */
        final class Interval {
            static final double SECONDS = Double.parseDouble(System.getProperty(SECONDS_PROPERTY, "5"));

            private Interval() {}
        }
    }

    private final RunConfig config;
    private final Path checkpointDir;
    private final ProgressCsv csv;
    private final RunLog log;
    private final Optional<TrainingState> resumeState;
    private final Consumer<IterationSummary> listener;
    private final CheckpointSchedule schedule;
    private final Map<String, Stateful> parts = new LinkedHashMap<>();

    private int iteration;
    private long totalEnvSteps;
    private final double elapsedBefore;
    private final long startNanos;
    private long iterationStartNanos;
    private double lastAverageReturn;
    private long lastCheckpointNanos;
    private double lastCheckpointSeconds;
    private int checkpointedIteration = -1;

    private double[] returns = new double[16];
    private double[] lengths = new double[16];
    private int episodes;

    // Tasks whose final diagnostics describe an episode: their names, this iteration's sums, and the best episode so
    // far ({return, diagnostics...}, tracked), set up by the first makeEnv.
    private String[] episodeDiagnostics;
    private double[] episodeDiagnosticSums;
    private double[] bestEpisode;

    HarnessRun(RunConfig config, Path runDir, ProgressCsv csv, RunLog log, Optional<Checkpoint> checkpoint,
            Consumer<IterationSummary> listener, CheckpointSchedule schedule) {
        this.config = config;
        this.checkpointDir = runDir.resolve(Harness.CHECKPOINT_DIR);
        this.csv = csv;
        this.log = log;
        this.listener = listener;
        this.schedule = schedule;
        this.resumeState = checkpoint.map(Checkpoint::state);
        this.iteration = checkpoint.map(Checkpoint::iterations).orElse(0);
        this.totalEnvSteps = checkpoint.map(Checkpoint::totalEnvSteps).orElse(0L);
        this.elapsedBefore = checkpoint.map(Checkpoint::elapsedSeconds).orElse(0.0);
        this.startNanos = System.nanoTime();
        this.iterationStartNanos = startNanos;
        this.lastCheckpointNanos = startNanos;
        this.lastAverageReturn = csv.lastAverageReturn();
        if (checkpoint.isPresent()) checkpointedIteration = iteration;
    }

    @Override
    public EnvSpec env() {
        return config.env();
    }

    @Override
    public Env makeEnv() {
        Env task = config.env().make();
        boolean describes = task.finalDiagnosticsDescribeEpisode();
        if (describes && episodeDiagnostics == null) {
            episodeDiagnostics = task.diagnosticNames();
            episodeDiagnosticSums = new double[episodeDiagnostics.length];
            bestEpisode = new double[1 + episodeDiagnostics.length];
            java.util.Arrays.fill(bestEpisode, Double.NaN);
            track("episodes/best", bestEpisode);
        }
        return new RecordEpisodeStatistics(task, new RecordEpisodeStatistics.Listener() {
            @Override
            public void episode(double undiscountedReturn, int length) {
                recordEpisode(undiscountedReturn, length);
            }

            @Override
            public void episode(double undiscountedReturn, int length, double[] finalDiagnostics) {
                recordEpisode(undiscountedReturn, length);
                if (describes) recordFinalDiagnostics(undiscountedReturn, finalDiagnostics);
            }
        });
    }

    /** Adds an episode's final diagnostics to the iteration's sums; keeps them if its return is the best so far. */
    private void recordFinalDiagnostics(double undiscountedReturn, double[] diagnostics) {
        for (int k = 0; k < episodeDiagnosticSums.length; k++) episodeDiagnosticSums[k] += diagnostics[k];
        if (!(undiscountedReturn <= bestEpisode[0])) { // NaN before the first episode
            bestEpisode[0] = undiscountedReturn;
            System.arraycopy(diagnostics, 0, bestEpisode, 1, episodeDiagnostics.length);
        }
    }

    @Override
    public long seed() {
        return config.seed();
    }

    @Override
    public Rng rng(String name) {
        Rng rng = Seeds.stream(config.seed(), name);
        track("rng/" + name, new Stateful() {
            @Override
            public double[] snapshot() {
                return Snapshot.writer("Rng", Snapshot.RNG).put(rng).finish();
            }

            @Override
            public void restore(double[] snapshot) {
                Snapshot.reader("Rng", snapshot, Snapshot.RNG).get(rng);
            }
        });
        return rng;
    }

    @Override
    public long seedFor(String name) {
        return Seeds.derive(config.seed(), name);
    }

    @Override
    public long stepBudget() {
        return config.steps();
    }

    @Override
    public long totalEnvSteps() {
        return totalEnvSteps;
    }

    @Override
    public void addEnvSteps(long steps) {
        if (steps < 0) throw new IllegalArgumentException("negative step count: " + steps);
        totalEnvSteps += steps;
    }

    @Override
    public <T extends Stateful> T track(String name, T part) {
        if (parts.putIfAbsent(name, part) != null) throw new IllegalStateException("training state '" + name + "' is tracked twice");
        resumeState.ifPresent(s -> s.restore(name, part));
        return part;
    }

    @Override
    public boolean resumed() {
        return resumeState.isPresent();
    }

    /** One finished episode (from the envs this run made), for the iteration's statistics. */
    void recordEpisode(double undiscountedReturn, int length) {
        if (episodes == returns.length) {
            returns = Arrays.copyOf(returns, 2 * episodes);
            lengths = Arrays.copyOf(lengths, 2 * episodes);
        }
        returns[episodes] = undiscountedReturn;
        lengths[episodes] = length;
        episodes++;
    }

    @Override
    public void endIteration(Map<String, Double> diagnostics) throws IOException {
        long now = System.nanoTime();
        double average = Double.NaN, std = Double.NaN, max = Double.NaN, min = Double.NaN, avgLength = Double.NaN;
        if (episodes > 0) {
            double sum = 0, lengthSum = 0;
            max = Double.NEGATIVE_INFINITY;
            min = Double.POSITIVE_INFINITY;
            for (int i = 0; i < episodes; i++) {
                sum += returns[i];
                lengthSum += lengths[i];
                max = Math.max(max, returns[i]);
                min = Math.min(min, returns[i]);
            }
            average = sum / episodes;
            double ss = 0;
            for (int i = 0; i < episodes; i++) ss += (returns[i] - average) * (returns[i] - average);
            std = Math.sqrt(ss / episodes); // population std, as rllab's np.std
            avgLength = lengthSum / episodes;
            lastAverageReturn = average;
        }
        double elapsed = elapsedBefore + (now - startNanos) * 1e-9;
        double itrTime = (now - iterationStartNanos) * 1e-9;
        csv.append(new double[] {iteration, totalEnvSteps, average, std, max, min, episodes, avgLength, elapsed, itrTime},
                withEpisodeDiagnostics(diagnostics));
        episodes = 0;
        iteration++;
        if (budgetExhausted() || schedule.due(iteration, (now - lastCheckpointNanos) * 1e-9, lastCheckpointSeconds)) {
            writeCheckpoint();
        }
        if (listener != null) {
            listener.accept(new IterationSummary(config, iteration, totalEnvSteps, config.steps(), average, elapsed));
        }
        iterationStartNanos = System.nanoTime();
    }

    /**
     * The algorithm's diagnostics after the task's episode columns, if it has any: for each final diagnostic D, its
     * mean over this iteration's episodes (D) and its value in the best episode so far (BestD). Clears the sums.
     */
    private Map<String, Double> withEpisodeDiagnostics(Map<String, Double> diagnostics) {
        if (episodeDiagnostics == null) return diagnostics;
        Map<String, Double> all = new LinkedHashMap<>();
        for (int k = 0; k < episodeDiagnostics.length; k++) {
            all.put(episodeDiagnostics[k], episodes == 0 ? Double.NaN : episodeDiagnosticSums[k] / episodes);
            all.put("Best" + episodeDiagnostics[k], bestEpisode[1 + k]);
            episodeDiagnosticSums[k] = 0;
        }
        for (Map.Entry<String, Double> d : diagnostics.entrySet()) {
            if (all.put(d.getKey(), d.getValue()) != null) {
                throw new IllegalStateException("diagnostic '" + d.getKey() + "' repeats a column of the task's episodes");
            }
        }
        return all;
    }

    /** Checkpoints every tracked part as it is now (between iterations), unless this iteration already has one. */
    void writeCheckpoint() throws IOException {
        if (checkpointedIteration == iteration) return;
        long start = System.nanoTime();
        TrainingState state = new TrainingState();
        for (Map.Entry<String, Stateful> p : parts.entrySet()) state.put(p.getKey(), p.getValue().snapshot());
        new Checkpoint(iteration, totalEnvSteps, elapsedSeconds(), state).writeAtomically(checkpointDir);
        lastCheckpointNanos = System.nanoTime();
        lastCheckpointSeconds = (lastCheckpointNanos - start) * 1e-9;
        checkpointedIteration = iteration;
    }

    /** The iteration the last checkpoint covers (-1: none yet). */
    int checkpointedIteration() {
        return checkpointedIteration;
    }

    @Override
    public int iteration() {
        return iteration;
    }

    @Override
    public void log(String message) {
        log.write(message);
    }

    double lastAverageReturn() {
        return lastAverageReturn;
    }

    double elapsedSeconds() {
        return elapsedBefore + (System.nanoTime() - startNanos) * 1e-9;
    }
}
