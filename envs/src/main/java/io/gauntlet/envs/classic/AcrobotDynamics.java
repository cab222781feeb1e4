package io.gauntlet.envs.classic;

import io.gauntlet.core.env.Box;
import io.gauntlet.envs.DynamicsTask;

/**
 * The acrobot's "book" dynamics (Sutton and Barto; Gymnasium's {@code _dsdt} with {@code book_or_nips = "book"})
 * and Gymnasium's classical RK4 step, term by term in Gymnasium's grouping. Used by Acrobot-v1 and rllab's
 * acrobot swing-up. State {@code s}: theta1 (0 = hanging down), theta2 (relative to link 1), dtheta1, dtheta2,
 * updated in place. The link parameters are the owning task's physical parameters; gravity is {@link #G}.
 */
public final class AcrobotDynamics implements DynamicsTask.Dynamics {
    /** Link masses, link 1's length, centre-of-mass positions, the links' moment of inertia. */
    private double m1 = LINK_MASS_1, m2 = LINK_MASS_2, l1 = LINK_LENGTH_1, lc1 = LINK_COM_POS_1, lc2 = LINK_COM_POS_2, moi = LINK_MOI;
    // RK4 scratch: the derivatives k1..k4 and the intermediate point.
    private final double[] k1 = new double[4], k2 = new double[4], k3 = new double[4], k4 = new double[4];
    private final double[] y = new double[4];

    /** Gymnasium's acrobot: both links of length 1 and mass 1, centres of mass at 0.5, moments of inertia 1. */
    public static final double LINK_LENGTH_1 = 1.0;
    public static final double LINK_LENGTH_2 = 1.0;
    public static final double LINK_MASS_1 = 1.0;
    public static final double LINK_MASS_2 = 1.0;
    public static final double LINK_COM_POS_1 = 0.5;
    public static final double LINK_COM_POS_2 = 0.5;
    public static final double LINK_MOI = 1.0;
    public static final double G = 9.8;

    /** The state both acrobots share, their physical parameters and observation (cos θ1, sin θ1, cos θ2, sin θ2, dθ1, dθ2). */
    public static final String[] STATE_NAMES = {"theta1", "theta2", "dtheta1", "dtheta2"};
    public static final String[] PARAMETER_NAMES =
            {"link_mass_1", "link_mass_2", "link_length_1", "link_com_pos_1", "link_com_pos_2", "link_moi"};
    public static final double MAX_VEL_1 = 4 * Math.PI;
    public static final double MAX_VEL_2 = 9 * Math.PI;
    public static final Box OBSERVATION_SPACE = new Box(
            new double[] {-1, -1, -1, -1, -MAX_VEL_1, -MAX_VEL_2}, new double[] {1, 1, 1, 1, MAX_VEL_1, MAX_VEL_2});

    private AcrobotDynamics() {}

    /** The book acrobot with Gymnasium's constants. */
    public static AcrobotDynamics book() {
        return new AcrobotDynamics();
    }

    /** m1, m2, l1, lc1, lc2, moi: the tasks' physical parameters (link_mass_1 ... link_moi). */
    @Override
    public double[] parameters() {
        return new double[] {m1, m2, l1, lc1, lc2, moi};
    }

    /** Link 1's length (the swing-up's reward measures the tip). */
    public double linkLength1() {
        return l1;
    }

    /** Sets the values {@link #parameters()} returns, in that order (the task checks them first). */
    @Override
    public void setParameters(double[] values) {
        m1 = values[0];
        m2 = values[1];
        l1 = values[2];
        lc1 = values[3];
        lc2 = values[4];
        moi = values[5];
    }

    /** Acrobot-v1's observation of {@code s}, which the swing-up shares: cos θ1, sin θ1, cos θ2, sin θ2, dθ1, dθ2. */
    public static void writeObservation(double[] s, double[] obs) {
        obs[0] = Math.cos(s[0]);
        obs[1] = Math.sin(s[0]);
        obs[2] = Math.cos(s[1]);
        obs[3] = Math.sin(s[1]);
        obs[4] = s[2];
        obs[5] = s[3];
    }

    /** {@code rk4(_dsdt, [s, torque], [0, dt])}: the torque is the fifth component with derivative 0. */
    public void rk4(double[] s, double torque, double dt) {
        double dt2 = dt / 2.0;
        dsdt(s, torque, k1);
        for (int i = 0; i < 4; i++) y[i] = s[i] + dt2 * k1[i];
        dsdt(y, torque, k2);
        for (int i = 0; i < 4; i++) y[i] = s[i] + dt2 * k2[i];
        dsdt(y, torque, k3);
        for (int i = 0; i < 4; i++) y[i] = s[i] + dt * k3[i];
        dsdt(y, torque, k4);
        double sixth = dt / 6.0;
        for (int i = 0; i < 4; i++) s[i] = s[i] + sixth * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
    }

    /** Gymnasium's {@code _dsdt} with {@code book_or_nips = "book"}. */
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

    /** One step as Acrobot-v1 takes it: RK4 over dt, angles wrapped into [−π, π], velocities bounded to ±4π and ±9π. */
    public void step(double[] s, double torque, double dt) {
        rk4(s, torque, dt);
        s[0] = wrap(s[0], -Math.PI, Math.PI);
        s[1] = wrap(s[1], -Math.PI, Math.PI);
        s[2] = Math.min(Math.max(s[2], -MAX_VEL_1), MAX_VEL_1);
        s[3] = Math.min(Math.max(s[3], -MAX_VEL_2), MAX_VEL_2);
    }

    /** Gymnasium's {@code wrap}: shift by the range width until x is in [m, M]. */
    public static double wrap(double x, double m, double big) {
        double diff = big - m;
        if (Math.abs(x) > 1e6) x = Math.IEEEremainder(x, diff); // the loops below would not end in reasonable time
        while (x > big) x = x - diff;
        while (x < m) x = x + diff;
        return x;
    }
}
