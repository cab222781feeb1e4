package io.gauntlet.core.env;

/**
 * A task whose observation mixes positions and velocities. The {@code limited-sensors} wrapper (rllab's
 * partially observable variant) keeps only the components listed here, so a policy must infer velocities.
 */
public interface PositionSensors {
    /** Indices of the observation components that are positions or angles (or functions of them), ascending. */
    int[] positionIndices();
}
