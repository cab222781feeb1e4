package io.gauntlet.envs;

import io.gauntlet.core.env.Env;
import io.gauntlet.core.env.Space;
import io.gauntlet.core.env.Step;
import io.gauntlet.core.random.Rng;

/**
 * What every task of this module shares of the {@link Env} contract: its id (for messages), its spaces, and its one
 * random stream, which {@code reset(seed)} seeds before it starts an episode (Gymnasium's {@code np_random}).
 * The classic tasks ({@link ClassicTask}) and those on a physics engine ({@code locomotion.PhysicsTask}) build on it.
 */
public abstract class Task implements Env {
    public final String id;
    protected final Rng rng = new Rng(0);
    private final Space observationSpace;
    private final Space actionSpace;

    protected Task(String id, Space observationSpace, Space actionSpace) {
        this.id = id;
        this.observationSpace = observationSpace;
        this.actionSpace = actionSpace;
    }

    @Override
    public final Space observationSpace() {
        return observationSpace;
    }

    @Override
    public final Space actionSpace() {
        return actionSpace;
    }

    @Override
    public final void reset(long seed, Step out) {
        rng.setSeed(seed);
        reset(out);
    }
}
