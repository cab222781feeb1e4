package io.gauntlet.envs.locomotion;

import io.gauntlet.core.env.Step;

/**
 * Balance a pole on a cart driven by a ±3 motor (gear 100). Gymnasium InvertedPendulum-v5's task on Gauntlet's
 * physics: observation qpos, qvel (4); reward 1 on every step that does not terminate; terminates when
 * |angle| > 0.2 or the observation is not finite; reset noise U(±0.01). Timestep 0.02 (RK4) × frame skip 2.
 */
public final class InvertedPendulum extends PlanarTask {
    public static final String ID = "InvertedPendulum-planar-v0";
    public static final int FRAME_SKIP = 2;
    public static final double RESET_NOISE_SCALE = 0.01;
    public static final double ANGLE_THRESHOLD = 0.2;

    private static final String[] DIAGNOSTICS = {"reward_survive"};

    public InvertedPendulum() {
        super(ID, "/io/gauntlet/envs/locomotion/inverted_pendulum.xml", FRAME_SKIP, 4, RESET_NOISE_SCALE, false, DIAGNOSTICS);
    }

    @Override
    public void step(double[] action, Step out) {
        simulate(action);
        observe(out.observation);
        boolean finite = true;
        for (double v : out.observation) finite &= Double.isFinite(v);
        out.terminated = !finite || Math.abs(out.observation[1]) > ANGLE_THRESHOLD;
        out.truncated = false;
        out.reward = out.terminated ? 0 : 1;
        out.diagnostics[0] = out.reward;
    }

    @Override
    protected void observe(double[] obs) {
        observePositionsAndVelocities(obs, 0, Double.POSITIVE_INFINITY);
    }
}
