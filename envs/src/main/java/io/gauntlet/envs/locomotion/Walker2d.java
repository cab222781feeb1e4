package io.gauntlet.envs.locomotion;

import io.gauntlet.core.env.Step;

/**
 * A two-legged planar walker walks forward. Gymnasium Walker2d-v5's task on Gauntlet's physics: observation
 * qpos[1:] and clip(qvel, ±10) (17); reward {@code Δx/dt + 1 (while healthy) − 1e-3‖a‖²}; healthy while
 * 0.8 < z < 2 and |angle| < 1; terminates when unhealthy (optional); reset noise U(±5e-3). Timestep 0.002
 * (RK4) × frame skip 4.
 */
public final class Walker2d extends PlanarTask {
    public static final String ID = "Walker2d-planar-v0";
    public static final int FRAME_SKIP = 4;
    public static final double FORWARD_REWARD_WEIGHT = 1.0;
    public static final double CTRL_COST_WEIGHT = 1e-3;
    public static final double HEALTHY_REWARD = 1.0;
    public static final double HEALTHY_Z_MIN = 0.8;
    public static final double HEALTHY_Z_MAX = 2.0;
    public static final double HEALTHY_ANGLE_RANGE = 1.0;
    public static final double RESET_NOISE_SCALE = 5e-3;
    public static final double OBS_VELOCITY_CLIP = 10.0;

    private static final String[] DIAGNOSTICS = {"reward_forward", "reward_ctrl", "reward_survive", "x_position", "z_distance_from_origin", "x_velocity"};

    private final boolean terminateWhenUnhealthy;

    public Walker2d() {
        this(true);
    }

    /** {@code terminateWhenUnhealthy = false} keeps going after a fall (MuJoCo's reference random returns). */
    public Walker2d(boolean terminateWhenUnhealthy) {
        super(ID, "/io/gauntlet/envs/locomotion/walker2d.xml", FRAME_SKIP, 17);
        this.terminateWhenUnhealthy = terminateWhenUnhealthy;
    }

    @Override
    protected void addResetNoise(double[] qpos, double[] qvel) {
        uniformNoise(qpos, RESET_NOISE_SCALE);
        uniformNoise(qvel, RESET_NOISE_SCALE);
    }

    public boolean isHealthy() {
        double z = sim.qpos[1], angle = sim.qpos[2];
        return z > HEALTHY_Z_MIN && z < HEALTHY_Z_MAX && Math.abs(angle) < HEALTHY_ANGLE_RANGE;
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
        System.arraycopy(sim.qpos, 1, obs, 0, 8);
        for (int i = 0; i < 9; i++) obs[8 + i] = clip(sim.qvel[i], OBS_VELOCITY_CLIP);
    }

    @Override
    public String[] diagnosticNames() {
        return DIAGNOSTICS.clone();
    }
}
