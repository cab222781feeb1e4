package io.gauntlet.core.experiment;

/** What the harness tells its listener after each iteration (for progress bars). */
public record IterationSummary(
        RunConfig config, int iteration, long totalEnvSteps, long stepBudget, double averageReturn, double elapsedSeconds) {}
