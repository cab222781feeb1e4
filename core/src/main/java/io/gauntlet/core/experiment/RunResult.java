package io.gauntlet.core.experiment;

import java.nio.file.Path;

/**
 * The outcome of {@link Harness#run}: where the run lives, whether it had already finished before this call
 * (then nothing was redone), and its final counters. {@code lastAverageReturn} is NaN when no iteration
 * finished an episode.
 */
public record RunResult(
        Path directory, boolean alreadyFinished, int iterations, long totalEnvSteps, double lastAverageReturn,
        double elapsedSeconds) {}
