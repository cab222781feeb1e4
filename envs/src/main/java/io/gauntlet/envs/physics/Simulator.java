package io.gauntlet.envs.physics;

import io.gauntlet.core.env.Snapshot;

/**
 * What a task needs of either engine (the planar {@link PlanarSim}, the spatial
 * {@code physics.spatial.SpatialSim}): MuJoCo's state (qpos, qvel, ctrl), stepping, the motors' ranges, and the
 * model's physical parameters, which a task may change between episodes (system identification). The arrays are the
 * simulator's and the model's own: writing them changes the simulation.
 */
public abstract class Simulator {
    /** Generalised positions (MuJoCo's order), velocities, and motor controls (clipped to ctrlrange by the dynamics). */
    public final double[] qpos, qvel, ctrl;
    /** Seconds per {@link #step()}. */
    public final double timestep;
    /** Each motor's control range (±∞ when unlimited). */
    public final double[] actuatorLow, actuatorHigh;
    /** The model's physical parameters. */
    public final Parameters parameters;

    /**
     * Body names and masses, rotational inertias ({@code inertiaStride} values per body), and the sliding friction of
     * every geom pair that may touch.
     */
    public record Parameters(String[] bodyNames, double[] bodyMass, double[] bodyInertia, int inertiaStride, double[] pairFriction) {}

    protected Simulator(double[] qpos, int nv, int nu, double timestep, double[] actuatorLow, double[] actuatorHigh,
                        Parameters parameters) {
        this.qpos = qpos;
        this.qvel = new double[nv];
        this.ctrl = new double[nu];
        this.timestep = timestep;
        this.actuatorLow = actuatorLow;
        this.actuatorHigh = actuatorHigh;
        this.parameters = parameters;
    }

    /** Puts the model at rest in its reference pose. */
    public abstract void reset();

    /** Recomputes what depends on the state after qpos or qvel were set by hand (MuJoCo's mj_forward). */
    public abstract void forward();

    /** Advances one timestep with the current controls. */
    public abstract void step();

    /** Number of values {@link #saveState} writes. */
    public abstract int stateSize();

    public abstract void saveState(Snapshot.Writer w);

    /**
     * Restores what {@link #saveState} wrote; {@link #recompute()} follows once the model's parameters are restored
     * too (a snapshot keeps them after the state).
     */
    public abstract void restoreState(Snapshot.Reader r);

    /** After a restore: recomputes what the restored state implies (poses; the spatial engine's last evaluation). */
    public abstract void recompute();
}
