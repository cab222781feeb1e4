package io.gauntlet.envs.rllab;

import io.gauntlet.core.env.Box;
import io.gauntlet.core.env.Env;
import io.gauntlet.core.env.Space;
import io.gauntlet.core.env.Step;
import io.gauntlet.core.random.Rng;
import io.gauntlet.envs.PhysicalParameters;
import io.gauntlet.envs.PositionSensors;
import io.gauntlet.envs.StateChecks;

/**
 * rllab's acrobot swing-up task (Duan et al. 2016, section 3.1) on analytic dynamics: Acrobot-v1's "book"
 * equations (links of length 1 and mass 1, centres of mass at 0.5, moments of inertia 1, g 9.8) with a
 * continuous elbow torque clipped to ±50, one RK4 step of dt 0.05 per action (a quarter of Acrobot-v1's, since the
 * torque is 50 times larger), angles wrapped into [−π, π] and velocities bounded to ±4π and ±9π. State: theta1
 * (0 = hanging down), theta2, dtheta1, dtheta2; reset U(±0.1)⁴. Observation as Acrobot-v1's: cos θ1, sin θ1,
 * cos θ2, sin θ2, dθ1, dθ2. Reward −‖tip − (0, 2)‖, the tip's distance from the point straight above the
 * pivot at full reach; never terminates. Physical parameters as Acrobot-v1's.
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
    private double m1 = LINK_MASS_1, m2 = LINK_MASS_2, l1 = LINK_LENGTH_1, lc1 = LINK_COM_POS_1, lc2 = LINK_COM_POS_2;
    private double moi = LINK_MOI;
    private final double[] s = new double[4];
    private final double[] k1 = new double[4], k2 = new double[4], k3 = new double[4], k4 = new double[4];
    private final double[] y = new double[4];

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
        double dt2 = DT / 2.0;
        dsdt(s, torque, k1);
        for (int i = 0; i < 4; i++) y[i] = s[i] + dt2 * k1[i];
        dsdt(y, torque, k2);
        for (int i = 0; i < 4; i++) y[i] = s[i] + dt2 * k2[i];
        dsdt(y, torque, k3);
        for (int i = 0; i < 4; i++) y[i] = s[i] + DT * k3[i];
        dsdt(y, torque, k4);
        for (int i = 0; i < 4; i++) s[i] = s[i] + DT / 6.0 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
        s[0] = wrap(s[0]);
        s[1] = wrap(s[1]);
        s[2] = Math.min(Math.max(s[2], -MAX_VEL_1), MAX_VEL_1);
        s[3] = Math.min(Math.max(s[3], -MAX_VEL_2), MAX_VEL_2);

        double tipX = l1 * Math.sin(s[0]) + LINK_LENGTH_2 * Math.sin(s[0] + s[1]);
        double tipY = -l1 * Math.cos(s[0]) - LINK_LENGTH_2 * Math.cos(s[0] + s[1]);
        double dy = tipY - (l1 + LINK_LENGTH_2);
        out.reward = -Math.sqrt(tipX * tipX + dy * dy);
        out.terminated = false;
        out.truncated = false;
        writeObservation(out.observation);
    }

    /** The book dynamics (see Acrobot-v1). */
    private void dsdt(double[] st, double a, double[] out) {
        double theta1 = st[0], theta2 = st[1], dtheta1 = st[2], dtheta2 = st[3];
        double i1 = moi, i2 = moi, g = G;
        double cos2 = Math.cos(theta2), sin2 = Math.sin(theta2); // each used twice below: computed once
        double d1 = m1 * (lc1 * lc1) + m2 * (l1 * l1 + lc2 * lc2 + 2 * l1 * lc2 * cos2) + i1 + i2;
        double d2 = m2 * (lc2 * lc2 + l1 * lc2 * cos2) + i2;
        double phi2 = m2 * lc2 * g * Math.cos(theta1 + theta2 - Math.PI / 2.0);
        double phi1 = -m2 * l1 * lc2 * (dtheta2 * dtheta2) * sin2
                - 2 * m2 * l1 * lc2 * dtheta2 * dtheta1 * sin2
                + (m1 * lc1 + m2 * l1) * g * Math.cos(theta1 - Math.PI / 2)
                + phi2;
        double ddtheta2 = (a + d2 / d1 * phi1 - m2 * l1 * lc2 * (dtheta1 * dtheta1) * sin2 - phi2)
                / (m2 * (lc2 * lc2) + i2 - (d2 * d2) / d1);
        double ddtheta1 = -(d2 * ddtheta2 + phi1) / d1;
        out[0] = dtheta1;
        out[1] = dtheta2;
        out[2] = ddtheta1;
        out[3] = ddtheta2;
    }

    private static double wrap(double x) {
        double diff = 2 * Math.PI;
        if (Math.abs(x) > 1e6) x = Math.IEEEremainder(x, diff);
        while (x > Math.PI) x -= diff;
        while (x < -Math.PI) x += diff;
        return x;
    }

    private void writeObservation(double[] obs) {
        obs[0] = Math.cos(s[0]);
        obs[1] = Math.sin(s[0]);
        obs[2] = Math.cos(s[1]);
        obs[3] = Math.sin(s[1]);
        obs[4] = s[2];
        obs[5] = s[3];
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
    public int[] positionIndices() {
        return new int[] {0, 1, 2, 3};
    }

    @Override
    public String[] parameterNames() {
        return PARAMETER_NAMES.clone();
    }

    @Override
    public double[] parameters() {
        return new double[] {m1, m2, l1, lc1, lc2, moi};
    }

    @Override
    public void setParameters(double[] values) {
        PhysicalParameters.check(ID, PARAMETER_NAMES, values);
        m1 = values[0];
        m2 = values[1];
        l1 = values[2];
        lc1 = values[3];
        lc2 = values[4];
        moi = values[5];
    }
}
