package io.gauntlet.core.experiment;

import io.gauntlet.core.env.Env;
import io.gauntlet.core.env.EnvSpec;
import io.gauntlet.core.random.Rng;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * One training run as the algorithm sees it: (env, resolved hyper-parameters, seed, budget in env steps), the
 * random streams derived from the seed, and the sinks for progress and checkpoints. Implemented by the harness.
 */
public interface Run {
    EnvSpec env();

    /** A fresh copy of the run's task (with its standard wrappers). Seed it with a stream from {@link #rng}. */
    default Env makeEnv() {
        return env().make();
    }

    Hyperparameters params();

    long seed();

    /** An independent random stream named {@code name} ("policy", "init", "sampler", ...), derived from the seed. */
    Rng rng(String name);

    /** Seed for a named purpose, e.g. {@code seedFor("env/0")} for the first environment copy. */
    long seedFor(String name);

    /** The budget in environment steps. */
    long stepBudget();

    /** Environment steps counted so far (including any restored from a checkpoint). */
    long totalEnvSteps();

    void addEnvSteps(long steps);

    default boolean budgetExhausted() {
        return totalEnvSteps() >= stepBudget();
    }

    /** Reports one finished episode (undiscounted return, length) for this iteration's statistics. */
    void recordEpisode(double undiscountedReturn, int length);

    /**
     * Ends the current iteration: writes its progress row (the standard columns computed by the harness from
     * the recorded episodes, then {@code diagnostics} in insertion order) and, when {@code state} is not null,
     * a checkpoint from which {@link #resumeState()} can continue.
     */
    void endIteration(Map<String, Double> diagnostics, TrainingState state) throws IOException;

    /** Index of the iteration in progress (0-based; greater after a resume). */
    int iteration();

    /** The state saved by the last completed iteration of an earlier attempt of this run, if resuming. */
    Optional<TrainingState> resumeState();

    /** Appends a line to the run's log.txt. */
    void log(String message);
}
