package io.gauntlet.envs.locomotion;

import io.gauntlet.envs.physics.MjcfLoader;
import io.gauntlet.envs.physics.PlanarModel;
import io.gauntlet.envs.physics.PlanarSim;

/**
 * A task on the planar engine ({@link PhysicsTask} on a {@link PlanarSim}): Gymnasium's v5 planar tasks, whose reset
 * noise is uniform on qpos and uniform or Gaussian on qvel, of one scale.
 */
public abstract class PlanarTask extends PhysicsTask {
    protected final PlanarModel model;
    protected final PlanarSim sim;

    /**
     * The task's model (a class-path resource), frame skip and observation size; reset noise: qpos + U(±scale) and
     * qvel + U(±scale), or qvel + scale·N(0, 1) when {@code gaussianVelocityNoise}; the diagnostics its steps report.
     */
    protected PlanarTask(String id, String modelResource, int frameSkip, int observationDim, double resetNoise,
                         boolean gaussianVelocityNoise, String... diagnosticNames) {
        this(id, new PlanarSim(MjcfLoader.loadResource(modelResource)), frameSkip, observationDim,
                new ResetNoise(resetNoise, false, resetNoise, gaussianVelocityNoise), diagnosticNames);
    }

    private PlanarTask(String id, PlanarSim sim, int frameSkip, int observationDim, ResetNoise noise, String[] diagnosticNames) {
        super(id, sim, frameSkip, observationDim, noise, diagnosticNames);
        this.sim = sim;
        this.model = sim.model;
    }

    public PlanarModel model() {
        return model;
    }

    /** The simulator, for rendering and tests (read it; stepping it bypasses the task). */
    public PlanarSim sim() {
        return sim;
    }
}
