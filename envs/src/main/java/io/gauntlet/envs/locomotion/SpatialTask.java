package io.gauntlet.envs.locomotion;

import io.gauntlet.envs.physics.spatial.SpatialMjcf;
import io.gauntlet.envs.physics.spatial.SpatialModel;
import io.gauntlet.envs.physics.spatial.SpatialSim;

/**
 * A task on the spatial engine ({@link PhysicsTask} on a {@link SpatialSim}). What it observes of the simulation
 * beyond the state (body poses, inertias, velocities, contact forces) is what the last evaluation of the dynamics
 * left, as Gymnasium reads mjData after mj_step: under RK4, that of the step's fourth stage.
 */
public abstract class SpatialTask extends PhysicsTask {
    protected final SpatialModel model;
    protected final SpatialSim sim;

    protected SpatialTask(String id, String modelResource, int frameSkip, int observationDim, ResetNoise noise,
                          String... diagnosticNames) {
        this(id, new SpatialSim(SpatialMjcf.loadResource(modelResource)), frameSkip, observationDim, noise, diagnosticNames);
    }

    private SpatialTask(String id, SpatialSim sim, int frameSkip, int observationDim, ResetNoise noise, String[] diagnosticNames) {
        super(id, sim, frameSkip, observationDim, noise, diagnosticNames);
        this.sim = sim;
        this.model = sim.model;
    }

    public SpatialModel model() {
        return model;
    }

    /** The simulator, for rendering and tests (read it; stepping it bypasses the task). */
    public SpatialSim sim() {
        return sim;
    }

    /** Bodies {@code from} onwards' contact forces ({@link SpatialSim#cfrcExt}), each clipped to ±lim, into obs at offset. */
    protected final void observeContactForces(double[] obs, int offset, int from, double lim) {
        double[] f = sim.cfrcExt;
        for (int i = 6 * from; i < f.length; i++) obs[offset++] = clip(f[i], lim);
    }

    /** Σ over every body of its contact forces clipped to ±lim, squared. */
    protected final double clippedContactForceSquares(double lim) {
        double s = 0;
        for (double x : sim.cfrcExt) {
            double c = clip(x, lim);
            s += c * c;
        }
        return s;
    }
}
