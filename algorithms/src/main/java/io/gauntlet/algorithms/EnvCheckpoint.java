package io.gauntlet.algorithms;

import io.gauntlet.core.env.Env;
import io.gauntlet.core.env.Step;
import io.gauntlet.core.experiment.Run;
import io.gauntlet.core.experiment.TrainingState;

/**
 * For algorithms that sample whole episodes: the state an env carries from one episode to the next (a wrapper's
 * running statistics, noise stream, system-id draws) goes into the checkpoint and back, so a resumed run sees the
 * same observations as an uninterrupted one. Episodes themselves restart from seeds, so nothing else is needed.
 */
final class EnvCheckpoint {
    private static final String KEY = "env";

    private EnvCheckpoint() {}

    /** Adds the env's {@link Env#snapshot()} to {@code state}. */
    static TrainingState save(TrainingState state, Env env) {
        return state.putDoubles(KEY, env.snapshot());
    }

    /** On a resumed run, puts the env back into its checkpointed state (checkpoints from before this: no change). */
    static void restore(Run run, Env env) {
        run.resumeState().filter(s -> s.doubleNames().contains(KEY)).ifPresent(s -> env.restore(s.doubles(KEY), Step.of(env)));
    }
}
