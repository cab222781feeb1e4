package io.gauntlet.envs.locomotion;

import io.gauntlet.core.env.Step;

/**
 * What Hopper and Walker2d share (Gymnasium v5): observation qpos[1:] and clip(qvel, ±10); reward
 * {@code Δx/dt + 1 (while healthy) − 1e-3‖a‖²}; terminates when unhealthy (optional, as Gymnasium's
 * {@code terminate_when_unhealthy}); reset noise U(±5e-3). Timestep 0.002 (RK4) × frame skip 4. Each task says
 * when it is healthy.
 */
abstract class LeggedTask extends PlanarTask {
    public static final int FRAME_SKIP = 4;
    public static final double FORWARD_REWARD_WEIGHT = 1.0;
    public static final double CTRL_COST_WEIGHT = 1e-3;
    public static final double HEALTHY_REWARD = 1.0;
    public static final double RESET_NOISE_SCALE = 5e-3;
    public static final double OBS_VELOCITY_CLIP = 10.0;

    private static final String[] DIAGNOSTICS = {"reward_forward", "reward_ctrl", "reward_survive", "x_position", "z_distance_from_origin", "x_velocity"};

    private final boolean terminateWhenUnhealthy;

    LeggedTask(String id, String modelResource, int observationDim, boolean terminateWhenUnhealthy) {
        super(id, modelResource, FRAME_SKIP, observationDim, RESET_NOISE_SCALE, false, DIAGNOSTICS);
        this.terminateWhenUnhealthy = terminateWhenUnhealthy;
    }

    public abstract boolean isHealthy();

    @Override
    public void step(double[] action, Step out) {
        double xVelocity = stepForward(action);
        boolean healthy = isHealthy();
        double forward = FORWARD_REWARD_WEIGHT * xVelocity;
        double survive = healthy ? HEALTHY_REWARD : 0;
        double ctrlCost = CTRL_COST_WEIGHT * sumOfSquares(action);
        out.reward = forward + survive - ctrlCost;
        out.terminated = terminateWhenUnhealthy && !healthy;
        out.truncated = false;
        out.diagnostics[0] = forward;
        out.diagnostics[1] = -ctrlCost;
        out.diagnostics[2] = survive;
        out.diagnostics[3] = sim.qpos[0];
        out.diagnostics[4] = sim.qpos[1] - model.jointRef[1];
        out.diagnostics[5] = xVelocity;
        observe(out.observation);
    }

    @Override
    protected void observe(double[] obs) {
        observePositionsAndVelocities(obs, 1, OBS_VELOCITY_CLIP);
    }
}
