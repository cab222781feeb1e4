package io.gauntlet.algorithms;

import io.gauntlet.core.experiment.AlgorithmProvider;
import io.gauntlet.core.experiment.AlgorithmSpec;
import java.util.List;

/** The algorithms of this module, registered with {@link io.gauntlet.core.experiment.AlgorithmRegistry}. */
public final class Algorithms implements AlgorithmProvider {
    @Override
    public List<AlgorithmSpec<?>> algorithms() {
        return List.of(
                RandomAgent.SPEC,
                Reinforce.SPEC,
                Ppo.SPEC,
                Trpo.TNPG_SPEC,
                Trpo.SPEC,
                Ddpg.SPEC,
                Td3.SPEC,
                Sac.SPEC,
                Cem.SPEC,
                CmaEs.SPEC,
                Rwr.SPEC,
                Reps.SPEC);
    }

    /** A spec of this module by id (for tests and tools that do not go through the registry). */
    public static AlgorithmSpec<?> spec(String id) {
        for (AlgorithmSpec<?> s : new Algorithms().algorithms()) if (s.id().equals(id)) return s;
        throw new IllegalArgumentException("no algorithm " + id + " in this module");
    }
}
