package io.gauntlet.core.experiment;

import java.util.List;

/** Modules contribute algorithms to the {@link AlgorithmRegistry} through {@link java.util.ServiceLoader}. */
public interface AlgorithmProvider {
    List<AlgorithmSpec<?>> algorithms();
}
