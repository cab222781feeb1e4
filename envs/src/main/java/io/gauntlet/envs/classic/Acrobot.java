package io.gauntlet.envs.classic;

import io.gauntlet.core.env.Box;
import io.gauntlet.core.env.Discrete;
import io.gauntlet.core.env.Env;
import io.gauntlet.core.env.Snapshot;
import io.gauntlet.core.env.Space;
import io.gauntlet.core.env.Step;
import io.gauntlet.core.random.Rng;
import io.gauntlet.core.env.PhysicalParameters;
import io.gauntlet.core.env.PositionSensors;
import io.gauntlet.envs.StateChecks;

/**
 * Acrobot-v1, exactly as Gymnasium's {@code AcrobotEnv}: a two-link pendulum hanging down, actuated at the elbow only,
 * must swing its tip above the bar. State: theta1 (0 = hanging down), theta2 (relative to link 1), dtheta1, dtheta2.
 * Actions 0/1/2 apply torque −1/0/+1 to the elbow. One classical RK4 step of dt 0.2 over the "book" dynamics (Sutton
 * and Barto; links of length 1 and mass 1, centres of mass at 0.5, moments of inertia 1, g 9.8), then angles wrapped
 * into [−π, π] and velocities bounded to ±4π and ±9π. Observation: cos θ1, sin θ1, cos θ2, sin θ2, dθ1, dθ2. Reward −1
 * per step, 0 on the terminal step; terminates when −cos θ1 − cos(θ1 + θ2) > 1; 500-step limit.
 *
 * <p>The dynamics and RK4 live in {@link AcrobotDynamics} (shared with rllab's swing-up), in Gymnasium's grouping term
 * by term; the reset state is rounded to float32 as Gymnasium's is. Physical parameters: link_mass_1, link_mass_2,
 * link_length_1, link_com_pos_1, link_com_pos_2, link_moi (link 2's length only enters the terminal test, which is
 * geometric and kept at 1).
 */
public final class Acrobot implements Env, PhysicalParameters, PositionSensors {
    public static final double DT = 0.2;
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
    private static final double[] AVAIL_TORQUE = {-1.0, 0.0, +1};

    private static final String ID = "Acrobot-v1";
    private static final String[] STATE_NAMES = {"theta1", "theta2", "dtheta1", "dtheta2"};
    private static final String[] PARAMETER_NAMES =
            {"link_mass_1", "link_mass_2", "link_length_1", "link_com_pos_1", "link_com_pos_2", "link_moi"};
    private static final Space OBSERVATION_SPACE = new Box(
            new double[] {-1, -1, -1, -1, -MAX_VEL_1, -MAX_VEL_2}, new double[] {1, 1, 1, 1, MAX_VEL_1, MAX_VEL_2});
    private static final Space ACTION_SPACE = new Discrete(3);
    private final Rng rng = new Rng(0);
    private final AcrobotDynamics book =
            new AcrobotDynamics(LINK_MASS_1, LINK_MASS_2, LINK_LENGTH_1, LINK_COM_POS_1, LINK_COM_POS_2, LINK_MOI);
    /** theta1, theta2, dtheta1, dtheta2. */
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
        // Gymnasium draws U(±0.1)⁴ and casts the state to float32.
        for (int i = 0; i < 4; i++) s[i] = (float) rng.uniform(-0.1, 0.1);
        out.clearOutcome();
        writeObservation(out.observation);
    }

    @Override
    public void step(double[] action, Step out) {
        double torque = AVAIL_TORQUE[StateChecks.requireDiscrete(ID, action[0], 3)];

        book.rk4(s, torque, DT);
        s[0] = AcrobotDynamics.wrap(s[0], -Math.PI, Math.PI);
        s[1] = AcrobotDynamics.wrap(s[1], -Math.PI, Math.PI);
        s[2] = Math.min(Math.max(s[2], -MAX_VEL_1), MAX_VEL_1);
        s[3] = Math.min(Math.max(s[3], -MAX_VEL_2), MAX_VEL_2);

        boolean terminated = terminal();
        out.terminated = terminated;
        out.truncated = false;
        out.reward = terminated ? 0.0 : -1.0;
        writeObservation(out.observation);
    }

    private boolean terminal() {
        return -Math.cos(s[0]) - Math.cos(s[1] + s[0]) > 1.0;
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
