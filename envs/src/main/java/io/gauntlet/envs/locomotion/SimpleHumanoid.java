package io.gauntlet.envs.locomotion;

import io.gauntlet.core.env.Step;

/**
 * rllab's Simple Humanoid (Duan et al. 2016) on Gauntlet's spatial physics: a humanoid without abdomen, ankles or
 * elbows walks forward. As rllab's SimpleHumanoidEnv: one physics step of 0.01 s per env step, then the forward
 * dynamics at the new state (rllab's model.forward()); observation qpos, qvel, every body's contact forces clipped to
 * ±1 (the world's included) and the whole body's centre of mass (17 + 16 + 11·6 + 3 = 102); reward the centre of
 * mass's forward velocity {@code + 0.2 − ½·1e-3‖a/s‖² − ½·1e-5‖clip(cfrc_ext, ±1)‖² − ½·1e-2 (v_y² + v_z²)}, s the
 * half width of each control range; ends when the torso's height leaves [0.8, 2]; reset qpos + 0.01·N(0, 1), qvel +
 * 0.1·N(0, 1).
 */
public final class SimpleHumanoid extends SpatialTask {
    public static final String ID = "SimpleHumanoid-rllab";
    public static final int FRAME_SKIP = 1;
    public static final double VEL_DEVIATION_COST_COEFF = 1e-2;
    public static final double ALIVE_BONUS = 0.2;
    public static final double CTRL_COST_COEFF = 1e-3;
    public static final double IMPACT_COST_COEFF = 1e-5;
    public static final double Z_MIN = 0.8;
    public static final double Z_MAX = 2.0;
    public static final double QPOS_NOISE = 0.01;
    public static final double QVEL_NOISE = 0.1;
    /** rllab observes the torso's subtree centre of mass: with the torso the root, the whole body's. */
    static final int TORSO = 1;

    private static final String[] DIAGNOSTICS = {"reward_forward", "reward_ctrl", "reward_impact", "reward_vel_deviation",
        "x_position", "x_velocity"};

    private final double[] comVel = new double[3];
    private final double[] com = new double[3];

    public SimpleHumanoid() {
        super(ID, "/io/gauntlet/envs/locomotion/simple_humanoid.xml", FRAME_SKIP, 102,
                new ResetNoise(QPOS_NOISE, true, QVEL_NOISE, true), DIAGNOSTICS);
    }

    @Override
    public void reset(Step out) {
        super.reset(out);
        sim.contactForces();
        observe(out.observation);
    }

    @Override
    public void step(double[] action, Step out) {
        simulate(action);
        sim.forward();
        sim.contactForces();
        sim.subtreeLinearVelocity(TORSO, comVel);
        double ctrlCost = 0;
        for (int a = 0; a < nu; a++) {
            double scale = (model.actuators.high[a] - model.actuators.low[a]) * 0.5;
            double u = action[a] / scale;
            ctrlCost += u * u;
        }
        ctrlCost *= 0.5 * CTRL_COST_COEFF;
        double impactCost = 0.5 * IMPACT_COST_COEFF * clippedContactForceSquares(1);
        double velDeviationCost = 0.5 * VEL_DEVIATION_COST_COEFF * (comVel[1] * comVel[1] + comVel[2] * comVel[2]);
        out.reward = comVel[0] + ALIVE_BONUS - ctrlCost - impactCost - velDeviationCost;
        double z = sim.qpos[2];
        out.terminated = z < Z_MIN || z > Z_MAX;
        out.truncated = false;
        out.diagnostics[0] = comVel[0];
        out.diagnostics[1] = -ctrlCost;
        out.diagnostics[2] = -impactCost;
        out.diagnostics[3] = -velDeviationCost;
        out.diagnostics[4] = sim.qpos[0];
        out.diagnostics[5] = comVel[0];
        observe(out.observation);
    }

    @Override
    protected void observe(double[] obs) {
        System.arraycopy(sim.qpos, 0, obs, 0, nq);
        System.arraycopy(sim.qvel, 0, obs, nq, nv);
        observeContactForces(obs, nq + nv, 0, 1);
        sim.subtreeCenterOfMass(TORSO, com);
        System.arraycopy(com, 0, obs, nq + nv + 6 * model.nbody, 3);
    }

    /** qpos and the centre of mass (the last three values). */
    @Override
    public int[] positionIndices() {
        int[] idx = new int[nq + 3];
        for (int i = 0; i < nq; i++) idx[i] = i;
        int last = observationSpace().flatDim() - 3;
        for (int i = 0; i < 3; i++) idx[nq + i] = last + i;
        return idx;
    }
}
