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
 * CartPole-v1, exactly as Gymnasium's {@code CartPoleEnv}: the cart-pole of Barto, Sutton and Anderson (1983)
 * with explicit Euler integration. State and observation: x, x_dot, theta, theta_dot. Action 0 pushes left,
 * 1 pushes right. Reward +1 every step, the terminal one included; terminates when |x| > 2.4 or
 * |theta| > 12°. The 500-step limit is applied by the registry's time-limit wrapper.
 *
 * <p>The equations of motion live in {@link CartPoleDynamics}, shared with rllab's cart-poles. Products are grouped
 * as Gymnasium groups them ({@code polemass_length * np.square(theta_dot) * sintheta}),
 * so results agree to the last bit wherever {@code sin}/{@code cos} do. Physical parameters (for
 * {@code system-id}): gravity, masscart, masspole, length (half the pole), force_mag.
 */
public final class CartPole implements Env, PhysicalParameters, PositionSensors {
    public static final double GRAVITY = 9.8;
    public static final double MASSCART = 1.0;
    public static final double MASSPOLE = 0.1;
    /** Half the pole's length. */
    public static final double LENGTH = 0.5;
    public static final double FORCE_MAG = 10.0;
    public static final double TAU = 0.02;
    public static final double THETA_THRESHOLD_RADIANS = 12 * 2 * Math.PI / 360;
    public static final double X_THRESHOLD = 2.4;

    private static final String ID = "CartPole-v1";
    private static final String[] STATE_NAMES = {"x", "x_dot", "theta", "theta_dot"};
    private static final String[] PARAMETER_NAMES = {"gravity", "masscart", "masspole", "length", "force_mag"};
    private static final Space OBSERVATION_SPACE = new Box(
            new double[] {-X_THRESHOLD * 2, Double.NEGATIVE_INFINITY, -THETA_THRESHOLD_RADIANS * 2, Double.NEGATIVE_INFINITY},
            new double[] {X_THRESHOLD * 2, Double.POSITIVE_INFINITY, THETA_THRESHOLD_RADIANS * 2, Double.POSITIVE_INFINITY});
    private static final Space ACTION_SPACE = new Discrete(2);
    private final Rng rng = new Rng(0);
    private double gravity = GRAVITY, masscart = MASSCART, masspole = MASSPOLE, length = LENGTH, forceMag = FORCE_MAG;
    /** x, x_dot, theta, theta_dot. */
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
        for (int i = 0; i < 4; i++) s[i] = rng.uniform(-0.05, 0.05);
        out.clearOutcome();
        writeObservation(out.observation);
    }

    @Override
    public void step(double[] action, Step out) {
        int a = StateChecks.requireDiscrete(ID, action[0], 2);
        double force = a == 1 ? forceMag : -forceMag;
        CartPoleDynamics.eulerStep(s, force, gravity, masscart, masspole, length, TAU);

        double x = s[0], theta = s[2];
        out.terminated = x < -X_THRESHOLD || x > X_THRESHOLD
                || theta < -THETA_THRESHOLD_RADIANS || theta > THETA_THRESHOLD_RADIANS;
        out.truncated = false;
        out.reward = 1.0;
        writeObservation(out.observation);
    }

    private void writeObservation(double[] obs) {
        System.arraycopy(s, 0, obs, 0, 4);
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
        return new int[] {0, 2};
    }

    @Override
    public String[] parameterNames() {
        return PARAMETER_NAMES.clone();
    }

    @Override
    public double[] parameters() {
        return new double[] {gravity, masscart, masspole, length, forceMag};
    }

    @Override
    public void setParameters(double[] values) {
        PhysicalParameters.check(ID, PARAMETER_NAMES, values);
        gravity = values[0];
        masscart = values[1];
        masspole = values[2];
        length = values[3];
        forceMag = values[4];
    }
}
