package io.gauntlet.placement.learn;

import io.gauntlet.core.experiment.AlgorithmProvider;
import io.gauntlet.core.experiment.AlgorithmSpec;

import java.util.List;

/** The learned placers, as algorithms that run on placement tasks only (so {@code train} and suites run them). */
public final class PlacementAlgorithms implements AlgorithmProvider {
    @Override
    public List<AlgorithmSpec<?>> algorithms() {
        return List.of(Seq2SeqPlacer.SPEC, GnnPlacer.SPEC);
    }
}
