package io.gauntlet.envs.locomotion;

import io.gauntlet.core.env.Step;

/**
 * A planar cheetah runs forward. Gymnasium HalfCheetah-v5's task on Gauntlet's physics: observation qpos[1:]
 * and qvel (17), reward {@code forward_reward_weight·Δx/dt − ctrl_cost_weight·‖a‖²}, never terminates, reset
 * qpos + U(±0.1), qvel + 0.1·N(0, 1). Timestep 0.01 × frame skip 5.
 */
public final class HalfCheetah extends PlanarTask {
    public static final String ID = "HalfCheetah-planar-v0";
    public static final int FRAME_SKIP = 5;
    public static final double FORWARD_REWARD_WEIGHT = 1.0;
    public static final double CTRL_COST_WEIGHT = 0.1;
    public static final double RESET_NOISE_SCALE = 0.1;

    private static final String[] DIAGNOSTICS = {"reward_forward", "reward_ctrl", "x_position", "x_velocity"};

    public HalfCheetah() {
        super(ID, "/io/gauntlet/envs/locomotion/half_cheetah.xml", FRAME_SKIP, 17, RESET_NOISE_SCALE, true, DIAGNOSTICS);
    }

    @Override
    public void step(double[] action, Step out) {
        double xVelocity = stepForward(action);
        forwardMinusControl(out, FORWARD_REWARD_WEIGHT, xVelocity, CTRL_COST_WEIGHT, action);
        out.diagnostics[2] = sim.qpos[0];
        out.diagnostics[3] = xVelocity;
        observe(out.observation);
    }

    @Override
    protected void observe(double[] obs) {
        observePositionsAndVelocities(obs, 1, Double.POSITIVE_INFINITY);
    }
}
