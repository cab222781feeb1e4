package io.gauntlet.envs.locomotion;

import io.gauntlet.core.env.Step;

/**
 * A 3D humanoid walks forward without falling. Gymnasium Humanoid-v5's task on Gauntlet's spatial physics:
 * observation qpos[2:], qvel, then for every body but the world its com-based inertia (10) and velocity (6), the
 * actuator forces on the joints (qfrc_actuator[6:]) and every body's contact forces (22 + 23 + 130 + 78 + 17 + 78 =
 * 348); reward {@code 1.25·Δx/dt} of the centre of mass {@code + 5} while healthy {@code − 0.1‖ctrl‖²
 * − min(5e-7‖cfrc_ext‖², 10)}; healthy while the torso's height is in (1, 2); terminates when unhealthy; reset qpos
 * and qvel + U(±0.01). Timestep 0.003 (RK4, PGS) × frame skip 5.
 */
public final class Humanoid extends SpatialTask {
    public static final String ID = "Humanoid-3d-v0";
    public static final int FRAME_SKIP = 5;
    public static final double FORWARD_REWARD_WEIGHT = 1.25;
    public static final double CTRL_COST_WEIGHT = 0.1;
    public static final double CONTACT_COST_WEIGHT = 5e-7;
    public static final double CONTACT_COST_MAX = 10.0;
    public static final double HEALTHY_REWARD = 5.0;
    public static final double HEALTHY_Z_MIN = 1.0;
    public static final double HEALTHY_Z_MAX = 2.0;
    public static final double RESET_NOISE_SCALE = 1e-2;

    private static final String[] DIAGNOSTICS = {"reward_survive", "reward_forward", "reward_ctrl", "reward_contact",
        "x_position", "y_position", "distance_from_origin", "x_velocity", "y_velocity"};

    private final boolean terminateWhenUnhealthy;
    private final double[] com = new double[2];

    public Humanoid() {
        this(true);
    }

    /** {@code terminateWhenUnhealthy = false} keeps going after a fall. */
    public Humanoid(boolean terminateWhenUnhealthy) {
        super(ID, "/io/gauntlet/envs/locomotion/humanoid.xml", FRAME_SKIP, 348,
                new ResetNoise(RESET_NOISE_SCALE, false, RESET_NOISE_SCALE, false), DIAGNOSTICS);
        this.terminateWhenUnhealthy = terminateWhenUnhealthy;
    }

    public boolean isHealthy() {
        double z = sim.qpos[2];
        return z > HEALTHY_Z_MIN && z < HEALTHY_Z_MAX;
    }

    /** x and y of the whole body's centre of mass, from the bodies' centres of mass (Gymnasium's mass_center). */
    private void massCenter(double[] out) {
        double m = 0, x = 0, y = 0;
        for (int b = 0; b < model.nbody; b++) {
            double mb = model.bodyMass[b];
            m += mb;
            x += mb * sim.xipos[3 * b];
            y += mb * sim.xipos[3 * b + 1];
        }
        out[0] = x / m;
        out[1] = y / m;
    }

    @Override
    public void step(double[] action, Step out) {
        massCenter(com);
        double xBefore = com[0], yBefore = com[1];
        simulate(action);
        sim.contactForces();
        massCenter(com);
        double xVelocity = (com[0] - xBefore) / dt, yVelocity = (com[1] - yBefore) / dt;
        boolean healthy = isHealthy();
        double forward = FORWARD_REWARD_WEIGHT * xVelocity;
        double survive = healthy ? HEALTHY_REWARD : 0;
        double ctrlCost = CTRL_COST_WEIGHT * sumOfSquares(action);
        double contactCost = Math.min(CONTACT_COST_WEIGHT * sumOfSquares(sim.cfrcExt), CONTACT_COST_MAX);
        out.reward = forward + survive - ctrlCost - contactCost;
        out.terminated = terminateWhenUnhealthy && !healthy;
        out.truncated = false;
        out.diagnostics[0] = survive;
        out.diagnostics[1] = forward;
        out.diagnostics[2] = -ctrlCost;
        out.diagnostics[3] = -contactCost;
        positionDiagnostics(out.diagnostics, 4, xVelocity, yVelocity);
        observe(out.observation);
    }

    @Override
    protected void observe(double[] obs) {
        observePositionsAndVelocities(obs, 2, Double.POSITIVE_INFINITY);
        int o = nq - 2 + nv, nb = model.nbody;
        System.arraycopy(sim.cinert, 10, obs, o, 10 * (nb - 1));
        o += 10 * (nb - 1);
        System.arraycopy(sim.cvel, 6, obs, o, 6 * (nb - 1));
        o += 6 * (nb - 1);
        System.arraycopy(sim.qfrcActuator, 6, obs, o, nv - 6);
        o += nv - 6;
        observeContactForces(obs, o, 1, Double.POSITIVE_INFINITY);
    }

    /** qpos[2:] and the bodies' com-based inertias (functions of the positions). */
    @Override
    public int[] positionIndices() {
        int positions = nq - 2, inertias = 10 * (model.nbody - 1);
        int[] idx = new int[positions + inertias];
        for (int i = 0; i < positions; i++) idx[i] = i;
        for (int i = 0; i < inertias; i++) idx[positions + i] = positions + nv + i;
        return idx;
    }
}
