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
    private EnvCheckpoint() {}

    /** Adds the env's {@link Env#snapshot()} to {@code state}. */
    static TrainingState save(TrainingState state, Env env) {
        return state.putDoubles(TrainingState.ENV, env.snapshot());
    }

    /** On a resumed run, puts the env back into its checkpointed state (checkpoints from before this: no change). */
    static void restore(Run run, Env env) {
        restore(run, env, Step.of(env));
    }

    /**
     * As {@link #restore(Run, Env)}, writing the restored observation into {@code out} (DDPG continues the episode
     * from it); true when there was a snapshot to restore.
     */
    static boolean restore(Run run, Env env, Step out) {
        var state = run.resumeState().filter(s -> s.doubleNames().contains(TrainingState.ENV));
        state.ifPresent(s -> env.restore(s.doubles(TrainingState.ENV), out));
        return state.isPresent();
    }
}
