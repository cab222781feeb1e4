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
import io.gauntlet.envs.classic.CartPoleDynamics;

/**
 * rllab's cart-pole balancing task (Duan et al. 2016, section 3.1) on analytic dynamics: the frictionless
 * cart-pole equations of Barto, Sutton and Anderson (1983), {@link CartPoleDynamics}, with CartPole-v1's constants
 * (g 9.8, cart 1 kg, pole 0.1 kg, half-length 0.5 m) and explicit Euler at tau 0.02, but a continuous force: the
 * action (Newtons) is clipped to ±10. State and observation: x, x_dot, theta (0 = upright), theta_dot; reset U(±0.05)⁴.
 * Reward 10 − (1 − cos theta) − 1e-5·force² every step, the terminal one included; terminates when |x| > 2.4 or
 * |theta| > 0.2. rllab ran this on Box2D; these dynamics are ours. Physical parameters as CartPole-v1's.
 */
public final class CartPoleBalancing implements Env, PhysicalParameters, PositionSensors {
    public static final double GRAVITY = 9.8;
    public static final double MASSCART = 1.0;
    public static final double MASSPOLE = 0.1;
    public static final double LENGTH = 0.5;
    public static final double MAX_FORCE = 10.0;
    public static final double TAU = 0.02;
    public static final double X_THRESHOLD = 2.4;
    public static final double THETA_THRESHOLD = 0.2;

    private static final String ID = "CartPoleBalancing-rllab";
    private static final String[] STATE_NAMES = {"x", "x_dot", "theta", "theta_dot"};
    private static final String[] PARAMETER_NAMES = {"gravity", "masscart", "masspole", "length", "max_force"};
    private static final Space OBSERVATION_SPACE = Box.unbounded(4);
    private static final Space ACTION_SPACE = Box.uniform(1, -MAX_FORCE, MAX_FORCE);
    private final Rng rng = new Rng(0);
    private double gravity = GRAVITY, masscart = MASSCART, masspole = MASSPOLE, length = LENGTH, maxForce = MAX_FORCE;
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
        StateChecks.requireFinite(ID, action[0]);
        // The action is a force in Newtons; max_force (a physical parameter) scales the admissible range.
        double force = Math.min(MAX_FORCE, Math.max(-MAX_FORCE, action[0])) * (maxForce / MAX_FORCE);
        CartPoleDynamics.eulerStep(s, force, gravity, masscart, masspole, length, TAU);

        double x = s[0], theta = s[2];

        out.terminated = Math.abs(x) > X_THRESHOLD || Math.abs(theta) > THETA_THRESHOLD;
        out.truncated = false;
        out.reward = 10 - (1 - Math.cos(theta)) - 1e-5 * (force * force);
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
        return new double[] {gravity, masscart, masspole, length, maxForce};
    }

    @Override
    public void setParameters(double[] values) {
        PhysicalParameters.check(ID, PARAMETER_NAMES, values);
        gravity = values[0];
        masscart = values[1];
        masspole = values[2];
        length = values[3];
        maxForce = values[4];
    }
}
