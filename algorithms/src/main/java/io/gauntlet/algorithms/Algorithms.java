package io.gauntlet.algorithms;

import io.gauntlet.core.experiment.AlgorithmProvider;
import io.gauntlet.core.experiment.AlgorithmSpec;
import java.util.List;

/** The algorithms of this module, registered with {@link io.gauntlet.core.experiment.AlgorithmRegistry}. */
public final class Algorithms implements AlgorithmProvider {
    @Override
    public List<AlgorithmSpec> algorithms() {
        return List.of(
                RandomAgent.SPEC,
                Reinforce.SPEC);
    }
}
