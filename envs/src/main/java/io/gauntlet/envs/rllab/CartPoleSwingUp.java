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
 * rllab's cart-pole swing-up task (Duan et al. 2016, section 3.1) on analytic dynamics: the same frictionless
 * cart-pole equations and constants as {@link CartPoleBalancing} (Euler, tau 0.02, force clipped to ±10 N), which
 * hold at any pole angle. The pole starts hanging: x U(±1), x_dot U(±2), theta U(π ± 1), theta_dot U(±3)
 * (rllab's reset bounds). theta is wrapped into [−π, π) after every step (0 = upright). State and observation:
 * x, x_dot, theta, theta_dot. Reward cos theta per step; leaving the track (|x| > 3) terminates with reward
 * −100 instead. Physical parameters as CartPoleBalancing's.
 */
public final class CartPoleSwingUp implements Env, PhysicalParameters, PositionSensors {
    public static final double GRAVITY = 9.8;
    public static final double MASSCART = 1.0;
    public static final double MASSPOLE = 0.1;
    public static final double LENGTH = 0.5;
    public static final double MAX_FORCE = 10.0;
    public static final double TAU = 0.02;
    public static final double X_THRESHOLD = 3.0;
    public static final double OUT_OF_TRACK_REWARD = -100;

    private static final String ID = "CartPoleSwingUp-rllab";
    private static final String[] STATE_NAMES = {"x", "x_dot", "theta", "theta_dot"};
    private static final String[] PARAMETER_NAMES = {"gravity", "masscart", "masspole", "length", "max_force"};
    private static final Space OBSERVATION_SPACE = new Box(
            new double[] {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, -Math.PI, Double.NEGATIVE_INFINITY},
            new double[] {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Math.PI, Double.POSITIVE_INFINITY});
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
        s[0] = rng.uniform(-1, 1);
        s[1] = rng.uniform(-2, 2);
        s[2] = wrapAngle(rng.uniform(Math.PI - 1, Math.PI + 1));
        s[3] = rng.uniform(-3, 3);
        out.clearOutcome();
        writeObservation(out.observation);
    }

    @Override
    public void step(double[] action, Step out) {
        StateChecks.requireFinite(ID, action[0]);
        double force = Math.min(MAX_FORCE, Math.max(-MAX_FORCE, action[0])) * (maxForce / MAX_FORCE);
        CartPoleDynamics.eulerStep(s, force, gravity, masscart, masspole, length, TAU);
        s[2] = wrapAngle(s[2]);

        boolean outOfTrack = Math.abs(s[0]) > X_THRESHOLD;
        out.terminated = outOfTrack;
        out.truncated = false;
        out.reward = outOfTrack ? OUT_OF_TRACK_REWARD : Math.cos(s[2]);
        writeObservation(out.observation);
    }

    /** Into [−π, π). */
    static double wrapAngle(double a) {
        double twoPi = 2 * Math.PI;
        double r = (a + Math.PI) % twoPi;
        if (r < 0) r += twoPi;
        return r - Math.PI;
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
        s[2] = wrapAngle(s[2]);
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
