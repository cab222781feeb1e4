package io.gauntlet.envs.rllab;

import io.gauntlet.core.env.Box;
import io.gauntlet.core.env.Env;
import io.gauntlet.core.env.Snapshot;
import io.gauntlet.core.env.Space;
import io.gauntlet.core.env.Step;
import io.gauntlet.core.random.Rng;
import io.gauntlet.core.env.PhysicalParameters;
import io.gauntlet.core.env.PositionSensors;
import io.gauntlet.envs.StateChecks;
import io.gauntlet.envs.classic.AcrobotDynamics;

/**
 * rllab's acrobot swing-up task (Duan et al. 2016, section 3.1) on analytic dynamics: Acrobot-v1's "book" equations
 * and RK4, {@link AcrobotDynamics} (links of length 1 and mass 1, centres of mass at 0.5, moments of inertia 1,
 * g 9.8), with a continuous elbow torque clipped to ±50, one RK4 step of dt 0.05 per action (a quarter of Acrobot-v1's,
 * since the torque is 50 times larger), angles wrapped into [−π, π] and velocities bounded to ±4π and ±9π. State:
 * theta1 (0 = hanging down), theta2, dtheta1, dtheta2; reset U(±0.1)⁴. Observation as Acrobot-v1's: cos θ1, sin θ1,
 * cos θ2, sin θ2, dθ1, dθ2. Reward −‖tip − (0, 2)‖, the tip's distance from the point straight above the pivot at full
 * reach; never terminates. Physical parameters as Acrobot-v1's.
 */
public final class AcrobotSwingUp implements Env, PhysicalParameters, PositionSensors {
    public static final double DT = 0.05;
    public static final double MAX_TORQUE = 50;
    public static final double LINK_LENGTH_1 = 1.0;
    public static final double LINK_LENGTH_2 = 1.0;
    public static final double LINK_MASS_1 = 1.0;
    public static final double LINK_MASS_2 = 1.0;
    public static final double LINK_COM_POS_1 = 0.5;
    public static final double LINK_COM_POS_2 = 0.5;
    public static final double LINK_MOI = 1.0;
    public static final double MAX_VEL_1 = 4 * Math.PI;
    public static final double MAX_VEL_2 = 9 * Math.PI;
    public static final double G = 9.8;

    private static final String ID = "AcrobotSwingUp-rllab";
    private static final String[] STATE_NAMES = {"theta1", "theta2", "dtheta1", "dtheta2"};
    private static final String[] PARAMETER_NAMES =
            {"link_mass_1", "link_mass_2", "link_length_1", "link_com_pos_1", "link_com_pos_2", "link_moi"};
    private static final Space OBSERVATION_SPACE = new Box(
            new double[] {-1, -1, -1, -1, -MAX_VEL_1, -MAX_VEL_2}, new double[] {1, 1, 1, 1, MAX_VEL_1, MAX_VEL_2});
    private static final Space ACTION_SPACE = Box.uniform(1, -MAX_TORQUE, MAX_TORQUE);
    private final Rng rng = new Rng(0);
    private final AcrobotDynamics book =
            new AcrobotDynamics(LINK_MASS_1, LINK_MASS_2, LINK_LENGTH_1, LINK_COM_POS_1, LINK_COM_POS_2, LINK_MOI);
    private final double[] s = new double[4];

    @Override
    public Space observationSpace() {
        return OBSERVATION_SPACE;
    }

    @Override
    public Space actionSpace() {
        return ACTION_SPACE;
    }

    @Override
    public void reset(long seed, Step out) {
        rng.setSeed(seed);
        reset(out);
    }

    @Override
    public void reset(Step out) {
        for (int i = 0; i < 4; i++) s[i] = rng.uniform(-0.1, 0.1);
        out.clearOutcome();
        writeObservation(out.observation);
    }

    @Override
    public void step(double[] action, Step out) {
        StateChecks.requireFinite(ID, action[0]);
        double torque = Math.min(MAX_TORQUE, Math.max(-MAX_TORQUE, action[0]));
        book.rk4(s, torque, DT);
        s[0] = AcrobotDynamics.wrap(s[0], -Math.PI, Math.PI);
        s[1] = AcrobotDynamics.wrap(s[1], -Math.PI, Math.PI);
        s[2] = Math.min(Math.max(s[2], -MAX_VEL_1), MAX_VEL_1);
        s[3] = Math.min(Math.max(s[3], -MAX_VEL_2), MAX_VEL_2);

        double l1 = book.linkLength1();
        double tipX = l1 * Math.sin(s[0]) + LINK_LENGTH_2 * Math.sin(s[0] + s[1]);
        double tipY = -l1 * Math.cos(s[0]) - LINK_LENGTH_2 * Math.cos(s[0] + s[1]);
        double dy = tipY - (l1 + LINK_LENGTH_2);
        out.reward = -Math.sqrt(tipX * tipX + dy * dy);
        out.terminated = false;
        out.truncated = false;
        writeObservation(out.observation);
    }

    private void writeObservation(double[] obs) {
        AcrobotDynamics.writeObservation(s, obs);
    }

    @Override
    public double[] state() {
        return s.clone();
    }

    @Override
    public void setState(double[] state, Step out) {
        StateChecks.requireState(ID, state, STATE_NAMES);
        System.arraycopy(state, 0, s, 0, 4);
        out.clearOutcome();
        writeObservation(out.observation);
    }

    @Override
    public double[] snapshot() {
        return Snapshot.ofTask(ID, s, parameters(), rng);
    }

    @Override
    public void restore(double[] snapshot, Step out) {
        setParameters(Snapshot.restoreTask(ID, snapshot, s, PARAMETER_NAMES.length, rng));
        out.clearOutcome();
        writeObservation(out.observation);
    }

    @Override
    public int[] positionIndices() {
        return new int[] {0, 1, 2, 3};
    }

    @Override
    public String[] parameterNames() {
        return PARAMETER_NAMES.clone();
    }

    @Override
    public double[] parameters() {
        return book.parameters();
    }

    @Override
    public void setParameters(double[] values) {
        PhysicalParameters.check(ID, PARAMETER_NAMES, values);
        book.setParameters(values);
    }
}
