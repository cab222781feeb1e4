package io.gauntlet.core.experiment;

import io.gauntlet.core.Stateful;
import io.gauntlet.core.env.Env;
import io.gauntlet.core.env.EnvSpec;
import io.gauntlet.core.env.Step;
import io.gauntlet.core.random.Rng;
import java.io.IOException;
import java.util.Map;

/**
 * One training run as the algorithm sees it: the task, the seed and the budget in env steps, the random streams
 * derived from the seed, the registry of the training state, and the sink for progress. Implemented by the harness.
 *
 * <p>Episodes count themselves: every env made by {@link #makeEnv()} reports each episode it finishes (undiscounted
 * return and length of the task as the user named it, below anything the algorithm wraps around it) to the
 * iteration's statistics.
 */
public interface Run {
    EnvSpec env();

    /**
     * A fresh copy of the run's task (its standard wrappers and the user's suffixes), reporting its episodes to the
     * progress statistics. Seed it with a stream from {@link #rng}.
     */
    Env makeEnv();

    long seed();

    /**
     * An independent random stream named {@code name} ("policy", "init", "env", ...), derived from the seed. It is
     * part of the training state: saved in every checkpoint and restored on resume. Each name once per run.
     */
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

    /**
     * Registers a part of the training state under {@code name} (once per name): it is saved in every checkpoint and,
     * when this run resumes, restored here and now from the checkpoint. Returns the part.
     */
    <T extends Stateful> T track(String name, T part);

    /** Registers the live array {@code values} (scalars a run carries, e.g. {@code {episodeReturn}}); returns it. */
    default double[] track(String name, double[] values) {
        track(name, Stateful.of(values));
        return values;
    }

    /**
     * Registers an env mid-episode: its {@link Env#snapshot()}; on resume it is restored and its current observation
     * written into {@code out}, so the episode goes on exactly.
     */
    default Env track(String name, Env env, Step out) {
        track(name, new Stateful() {
            @Override
            public double[] snapshot() {
                return env.snapshot();
            }

            @Override
            public void restore(double[] snapshot) {
                env.restore(snapshot, out);
            }
        });
        return env;
    }

    /** Registers an env whose episodes each start from a reset: what it carries across episodes (wrapper statistics, noise streams). */
    default Env track(String name, Env env) {
        return track(name, env, Step.of(env));
    }

    /** True when this attempt continues from a checkpoint (the tracked parts were restored as they registered). */
    boolean resumed();

    /**
     * Ends the current iteration: writes its progress row (the standard columns computed by the harness from the
     * episodes finished, then {@code diagnostics} in insertion order); the harness checkpoints the tracked state
     * after some iterations (every few seconds, and at the end).
     */
    void endIteration(Map<String, Double> diagnostics) throws IOException;

    /** Index of the iteration in progress (0-based; greater after a resume). */
    int iteration();

    /** Appends a line to the run's log.txt. */
    void log(String message);
}
