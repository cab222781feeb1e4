package io.gauntlet.envs.locomotion;

import io.gauntlet.core.env.Step;

/**
 * A one-legged planar hopper hops forward. Gymnasium Hopper-v5's task on Gauntlet's physics: observation
 * qpos[1:] and clip(qvel, ±10) (11); reward {@code Δx/dt + 1 (while healthy) − 1e-3‖a‖²}; healthy while
 * z > 0.7, |angle| < 0.2 and every value of qpos[2:], qvel is inside ±100; terminates when unhealthy (optional,
 * as Gymnasium's {@code terminate_when_unhealthy}); reset noise U(±5e-3). Timestep 0.002 (RK4) × frame skip 4.
 */
public final class Hopper extends PlanarTask {
    public static final String ID = "Hopper-planar-v0";
    public static final int FRAME_SKIP = 4;
    public static final double FORWARD_REWARD_WEIGHT = 1.0;
    public static final double CTRL_COST_WEIGHT = 1e-3;
    public static final double HEALTHY_REWARD = 1.0;
    public static final double HEALTHY_STATE_RANGE = 100.0;
    public static final double HEALTHY_Z_MIN = 0.7;
    public static final double HEALTHY_ANGLE_RANGE = 0.2;
    public static final double RESET_NOISE_SCALE = 5e-3;
    public static final double OBS_VELOCITY_CLIP = 10.0;

    private static final String[] DIAGNOSTICS = {"reward_forward", "reward_ctrl", "reward_survive", "x_position", "z_distance_from_origin", "x_velocity"};

    private final boolean terminateWhenUnhealthy;

    public Hopper() {
        this(true);
    }

    /** {@code terminateWhenUnhealthy = false} keeps going after a fall (MuJoCo's reference random returns). */
    public Hopper(boolean terminateWhenUnhealthy) {
        super(ID, "/io/gauntlet/envs/locomotion/hopper.xml", FRAME_SKIP, 11);
        this.terminateWhenUnhealthy = terminateWhenUnhealthy;
    }

    @Override
    protected void addResetNoise(double[] qpos, double[] qvel) {
        uniformNoise(qpos, RESET_NOISE_SCALE);
        uniformNoise(qvel, RESET_NOISE_SCALE);
    }

    public boolean isHealthy() {
        double z = sim.qpos[1], angle = sim.qpos[2];
        for (int i = 2; i < model.nv; i++) if (!(Math.abs(sim.qpos[i]) < HEALTHY_STATE_RANGE)) return false;
        for (int i = 0; i < model.nv; i++) if (!(Math.abs(sim.qvel[i]) < HEALTHY_STATE_RANGE)) return false;
        return z > HEALTHY_Z_MIN && Math.abs(angle) < HEALTHY_ANGLE_RANGE;
    }

    @Override
    public void step(double[] action, Step out) {
        double xBefore = sim.qpos[0];
        simulate(action);
        double xVelocity = (sim.qpos[0] - xBefore) / dt;
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
        System.arraycopy(sim.qpos, 1, obs, 0, 5);
        for (int i = 0; i < 6; i++) obs[5 + i] = clip(sim.qvel[i], OBS_VELOCITY_CLIP);
    }

    @Override
    public String[] diagnosticNames() {
        return DIAGNOSTICS.clone();
    }
}
