package io.gauntlet.envs.physics;

import io.gauntlet.core.env.Snapshot;

/**
 * What a task needs of either engine (the planar {@link PlanarSim}, the spatial
 * {@code physics.spatial.SpatialSim}): MuJoCo's state (qpos, qvel, ctrl), stepping, and the model's physical
 * parameters, which a task may change between episodes (system identification).
 */
public interface Simulator {
    /** Generalised positions (nq values, MuJoCo's order); the array itself, to read and write. */
    double[] qpos();

    /** Generalised velocities (nv values). */
    double[] qvel();

    /** Motor controls (one per actuator), clipped to their ctrlrange by the dynamics. */
    double[] ctrl();

    /** Seconds per {@link #step()}. */
    double timestep();

    /** Each motor's control range (±∞ when unlimited). */
    double actuatorLow(int actuator);

    double actuatorHigh(int actuator);

    /** Puts the model at rest in its reference pose. */
    void reset();

    /** Recomputes what depends on the state after qpos or qvel were set by hand (MuJoCo's mj_forward). */
    void forward();

    /** Advances one timestep with the current controls. */
    void step();

    /** Number of values {@link #saveState} writes. */
    int stateSize();

    void saveState(Snapshot.Writer w);

    /** Restores what {@link #saveState} wrote. */
    void restoreState(Snapshot.Reader r);

    /** Body names, one per body of {@link #bodyMass()}. */
    String[] bodyNames();

    /** Body masses, the model's own array (changing it changes the dynamics). */
    double[] bodyMass();

    /** Body rotational inertias, {@link #inertiaStride()} values per body, the model's own array. */
    double[] bodyInertia();

    int inertiaStride();

    /** Sliding friction of every geom pair that may touch, the model's own array. */
    double[] pairFriction();
}
