package io.gauntlet.envs.locomotion;

import io.gauntlet.core.env.Step;

/**
 * A three-link swimmer in a viscous fluid swims forward; all its propulsion is fluid drag. Gymnasium
 * Swimmer-v5's task on Gauntlet's physics: observation qpos[2:] and qvel (8), reward
 * {@code Δx/dt − 1e-4‖a‖²}, never terminates, reset noise U(±0.1). Timestep 0.01 (RK4) × frame skip 4.
 */
public final class Swimmer extends PlanarTask {
    public static final String ID = "Swimmer-planar-v0";
    public static final int FRAME_SKIP = 4;
    public static final double FORWARD_REWARD_WEIGHT = 1.0;
    public static final double CTRL_COST_WEIGHT = 1e-4;
    public static final double RESET_NOISE_SCALE = 0.1;

    private static final String[] DIAGNOSTICS = {"reward_forward", "reward_ctrl", "x_position", "y_position", "distance_from_origin", "x_velocity", "y_velocity"};

    public Swimmer() {
        super(ID, "/io/gauntlet/envs/locomotion/swimmer.xml", FRAME_SKIP, 8, RESET_NOISE_SCALE, false, DIAGNOSTICS);
    }

    @Override
    public void step(double[] action, Step out) {
        double yBefore = sim.qpos[1];
        double xVelocity = stepForward(action);
        double yVelocity = (sim.qpos[1] - yBefore) / dt;
        forwardMinusControl(out, FORWARD_REWARD_WEIGHT, xVelocity, CTRL_COST_WEIGHT, action);
        positionDiagnostics(out.diagnostics, 2, xVelocity, yVelocity);
        observe(out.observation);
    }

    @Override
    protected void observe(double[] obs) {
        observePositionsAndVelocities(obs, 2, Double.POSITIVE_INFINITY);
    }
}
