package io.gauntlet.envs.locomotion;

import io.gauntlet.core.env.Step;

/**
 * Balance two stacked poles on a cart (also rllab's fifth basic task, the double inverted pendulum).
 * Gymnasium InvertedDoublePendulum-v5's task on Gauntlet's physics: observation x, sin(angles), cos(angles),
 * clip(qvel, ±10), clip(slider constraint force, ±10) (9); reward
 * {@code 10 − 0.01 x_tip² − (y_tip − 2)² − 1e-3 v1² − 5e-3 v2²} (no alive bonus on the terminal step);
 * terminates when y_tip ≤ 1; reset qpos + U(±0.1), qvel + 0.1·N(0, 1). Timestep 0.01 (RK4) × frame skip 5.
 */
public final class InvertedDoublePendulum extends PlanarTask {
    public static final String ID = "InvertedDoublePendulum-planar-v0";
    public static final int FRAME_SKIP = 5;
    public static final double HEALTHY_REWARD = 10.0;
    public static final double RESET_NOISE_SCALE = 0.1;
    public static final double OBS_CLIP = 10.0;

    private static final String[] DIAGNOSTICS = {"reward_survive", "distance_penalty", "velocity_penalty"};

    private final int tip;
    private final double[] tipPos = new double[2];

    public InvertedDoublePendulum() {
        super(ID, "/io/gauntlet/envs/locomotion/inverted_double_pendulum.xml", FRAME_SKIP, 9, RESET_NOISE_SCALE, true, DIAGNOSTICS);
        tip = model.site("tip");
    }

    @Override
    public void step(double[] action, Step out) {
        simulate(action);
        sim.sitePosition(tip, tipPos);
        double x = tipPos[0], y = tipPos[1];
        double v1 = sim.qvel[1], v2 = sim.qvel[2];
        out.terminated = y <= 1;
        out.truncated = false;
        double distPenalty = 0.01 * x * x + (y - 2) * (y - 2);
        double velPenalty = 1e-3 * v1 * v1 + 5e-3 * v2 * v2;
        double alive = out.terminated ? 0 : HEALTHY_REWARD;
        out.reward = alive - distPenalty - velPenalty;
        out.diagnostics[0] = alive;
        out.diagnostics[1] = -distPenalty;
        out.diagnostics[2] = -velPenalty;
        observe(out.observation);
    }

    @Override
    protected void observe(double[] obs) {
        obs[0] = sim.qpos[0];
        obs[1] = Math.sin(sim.qpos[1]);
        obs[2] = Math.sin(sim.qpos[2]);
        obs[3] = Math.cos(sim.qpos[1]);
        obs[4] = Math.cos(sim.qpos[2]);
        for (int i = 0; i < 3; i++) obs[5 + i] = clip(sim.qvel[i], OBS_CLIP);
        obs[8] = clip(sim.qfrcConstraint[0], OBS_CLIP);
    }

    /** x, sin and cos of both angles are positions; then three velocities and the slider's constraint force. */
    @Override
    protected int positionObservationCount() {
        return 5;
    }
}
