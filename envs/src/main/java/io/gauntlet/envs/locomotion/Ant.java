package io.gauntlet.envs.locomotion;

import io.gauntlet.core.env.Step;

/**
 * A four-legged ant walks forward in 3D. Gymnasium Ant-v5's task on Gauntlet's spatial physics: observation
 * qpos[2:], qvel and every body's contact forces clipped to ±1 (13 + 14 + 13·6 = 105); reward
 * {@code Δx/dt} of the torso {@code + 1} while healthy {@code − 0.5‖a‖² − 5e-4‖clip(cfrc_ext, ±1)‖²}; healthy while
 * the state is finite and the torso's height is in [0.2, 1]; terminates when unhealthy; reset qpos + U(±0.1), qvel
 * + 0.1·N(0, 1). Timestep 0.01 (RK4) × frame skip 5.
 */
public final class Ant extends SpatialTask {
    public static final String ID = "Ant-3d-v0";
    public static final int FRAME_SKIP = 5;
    public static final double FORWARD_REWARD_WEIGHT = 1.0;
    public static final double CTRL_COST_WEIGHT = 0.5;
    public static final double CONTACT_COST_WEIGHT = 5e-4;
    public static final double HEALTHY_REWARD = 1.0;
    public static final double HEALTHY_Z_MIN = 0.2;
    public static final double HEALTHY_Z_MAX = 1.0;
    public static final double CONTACT_FORCE_RANGE = 1.0;
    public static final double RESET_NOISE_SCALE = 0.1;
    /** The torso, whose position the forward reward follows (Gymnasium's main_body). */
    static final int MAIN_BODY = 1;

    private static final String[] DIAGNOSTICS = {"reward_forward", "reward_ctrl", "reward_contact", "reward_survive",
        "x_position", "y_position", "distance_from_origin", "x_velocity", "y_velocity"};

    private final boolean terminateWhenUnhealthy;

    public Ant() {
        this(true);
    }

    /** {@code terminateWhenUnhealthy = false} keeps going after a fall (MuJoCo's reference random returns). */
    public Ant(boolean terminateWhenUnhealthy) {
        super(ID, "/io/gauntlet/envs/locomotion/ant.xml", FRAME_SKIP, 105,
                new ResetNoise(RESET_NOISE_SCALE, false, RESET_NOISE_SCALE, true), DIAGNOSTICS);
        this.terminateWhenUnhealthy = terminateWhenUnhealthy;
    }

    public boolean isHealthy() {
        for (double q : sim.qpos) if (!Double.isFinite(q)) return false;
        for (double v : sim.qvel) if (!Double.isFinite(v)) return false;
        double z = sim.qpos[2];
        return z >= HEALTHY_Z_MIN && z <= HEALTHY_Z_MAX;
    }

    @Override
    public void step(double[] action, Step out) {
        int o = 3 * MAIN_BODY;
        double xBefore = sim.xpos[o], yBefore = sim.xpos[o + 1];
        simulate(action);
        sim.contactForces();
        double xVelocity = (sim.xpos[o] - xBefore) / dt, yVelocity = (sim.xpos[o + 1] - yBefore) / dt;
        boolean healthy = isHealthy();
        double forward = FORWARD_REWARD_WEIGHT * xVelocity;
        double survive = healthy ? HEALTHY_REWARD : 0;
        double ctrlCost = CTRL_COST_WEIGHT * sumOfSquares(action);
        double contactCost = CONTACT_COST_WEIGHT * clippedContactForceSquares(CONTACT_FORCE_RANGE);
        out.reward = forward + survive - ctrlCost - contactCost;
        out.terminated = terminateWhenUnhealthy && !healthy;
        out.truncated = false;
        out.diagnostics[0] = forward;
        out.diagnostics[1] = -ctrlCost;
        out.diagnostics[2] = -contactCost;
        out.diagnostics[3] = survive;
        positionDiagnostics(out.diagnostics, 4, xVelocity, yVelocity);
        observe(out.observation);
    }

    @Override
    protected void observe(double[] obs) {
        observePositionsAndVelocities(obs, 2, Double.POSITIVE_INFINITY);
        observeContactForces(obs, nq - 2 + nv, 1, CONTACT_FORCE_RANGE);
    }

    /** qpos[2:] are the positions; velocities and contact forces follow. */
    @Override
    protected int positionObservationCount() {
        return nq - 2;
    }
}
