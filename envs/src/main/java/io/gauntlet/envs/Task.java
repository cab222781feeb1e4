package io.gauntlet.envs;

import io.gauntlet.core.env.Env;
import io.gauntlet.core.env.EnvSpec;
import io.gauntlet.core.env.Space;
import io.gauntlet.core.env.Step;
import io.gauntlet.core.random.Rng;
import io.gauntlet.core.wrappers.TimeLimit;
import java.util.function.Supplier;

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

    /** The registry's entry for a task: {@code task} under a {@link TimeLimit} of {@code limit} steps. */
    static EnvSpec spec(String id, String description, int limit, Supplier<Env> task) {
        return new EnvSpec(id, description, limit, () -> new TimeLimit(task.get(), limit));
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
