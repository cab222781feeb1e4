package io.gauntlet.core.experiment;

import io.gauntlet.core.env.EnvSpec;
import io.gauntlet.core.random.Rng;
import io.gauntlet.core.random.Seeds;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** The harness's side of {@link Run}: counts steps, gathers episodes, writes rows and checkpoints. */
final class HarnessRun implements Run {
    private final RunConfig config;
    private final Path checkpointDir;
    private final ProgressCsv csv;
    private final RunLog log;
    private final Optional<TrainingState> resumeState;
    private final Consumer<IterationSummary> listener;

    private int iteration;
    private long totalEnvSteps;
    private final double elapsedBefore;
    private final long startNanos;
    private long iterationStartNanos;
    private double lastAverageReturn = Double.NaN;

    /**
     * Checkpoints are written at most this often (and always when the run ends or fails): writing one per
     * iteration cost PPO on CartPole 1 ms an iteration, a sixth of its run time, and a crash then loses at most
     * these few seconds of work (the progress rows after the checkpoint are dropped and redone on resume).
     */
    static final double CHECKPOINT_INTERVAL_SECONDS = 5.0;
    private Checkpoint pendingCheckpoint;
    private long lastCheckpointNanos;

    private double[] returns = new double[16];
    private double[] lengths = new double[16];
    private int episodes;

    HarnessRun(RunConfig config, Path runDir, ProgressCsv csv, RunLog log, Optional<Checkpoint> checkpoint,
            Consumer<IterationSummary> listener) {
        this.config = config;
        this.checkpointDir = runDir.resolve(Harness.CHECKPOINT_DIR);
        this.csv = csv;
        this.log = log;
        this.listener = listener;
        this.resumeState = checkpoint.map(Checkpoint::state);
        this.iteration = checkpoint.map(Checkpoint::iterations).orElse(0);
        this.totalEnvSteps = checkpoint.map(Checkpoint::totalEnvSteps).orElse(0L);
        this.elapsedBefore = checkpoint.map(Checkpoint::elapsedSeconds).orElse(0.0);
        this.startNanos = System.nanoTime();
        this.iterationStartNanos = startNanos;
        this.lastCheckpointNanos = startNanos;
        this.lastAverageReturn = csv.lastAverageReturn();
    }

    @Override
    public EnvSpec env() {
        return config.env();
    }

    @Override
    public Hyperparameters params() {
        return config.params();
    }

    @Override
    public long seed() {
        return config.seed();
    }

    @Override
    public Rng rng(String name) {
        return Seeds.stream(config.seed(), name);
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
    public void recordEpisode(double undiscountedReturn, int length) {
        if (episodes == returns.length) {
            returns = Arrays.copyOf(returns, 2 * episodes);
            lengths = Arrays.copyOf(lengths, 2 * episodes);
        }
        returns[episodes] = undiscountedReturn;
        lengths[episodes] = length;
        episodes++;
    }

    @Override
    public void endIteration(Map<String, Double> diagnostics, TrainingState state) throws IOException {
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
                diagnostics);
        episodes = 0;
        iteration++;
        if (state != null) {
            pendingCheckpoint = new Checkpoint(iteration, totalEnvSteps, elapsed, state);
            if ((System.nanoTime() - lastCheckpointNanos) * 1e-9 >= CHECKPOINT_INTERVAL_SECONDS) writeCheckpoint();
        }
        if (listener != null) {
            listener.accept(new IterationSummary(config, iteration, totalEnvSteps, config.steps(), average, elapsed));
        }
        iterationStartNanos = System.nanoTime();
    }

    /** Writes the latest checkpoint handed over, if it is not on disk yet. */
    void writeCheckpoint() throws IOException {
        if (pendingCheckpoint == null) return;
        pendingCheckpoint.writeAtomically(checkpointDir);
        pendingCheckpoint = null;
        lastCheckpointNanos = System.nanoTime();
    }

    @Override
    public int iteration() {
        return iteration;
    }

    @Override
    public Optional<TrainingState> resumeState() {
        return resumeState;
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
