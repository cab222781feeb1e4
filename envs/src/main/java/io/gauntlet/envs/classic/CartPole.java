package io.gauntlet.envs.classic;

import io.gauntlet.core.env.Box;
import io.gauntlet.core.env.Discrete;
import io.gauntlet.core.env.Env;
import io.gauntlet.core.env.Space;
import io.gauntlet.core.env.Step;
import io.gauntlet.core.random.Rng;

/**
 * CartPole-v1, exactly as Gymnasium's {@code CartPoleEnv}: the cart-pole of Barto, Sutton and Anderson (1983)
 * with explicit Euler integration. State and observation: x, x_dot, theta, theta_dot. Action 0 pushes left,
 * 1 pushes right. Reward +1 every step, the terminal one included. The 500-step limit is applied by the
 * registry's time-limit wrapper.
 */
public final class CartPole implements Env {
    public static final double GRAVITY = 9.8;
    public static final double MASSCART = 1.0;
    public static final double MASSPOLE = 0.1;
    public static final double TOTAL_MASS = MASSPOLE + MASSCART;
    /** Half the pole's length. */
    public static final double LENGTH = 0.5;
    public static final double POLEMASS_LENGTH = MASSPOLE * LENGTH;
    public static final double FORCE_MAG = 10.0;
    public static final double TAU = 0.02;
    public static final double THETA_THRESHOLD_RADIANS = 12 * 2 * Math.PI / 360;
    public static final double X_THRESHOLD = 2.4;

    private static final Space OBSERVATION_SPACE = new Box(
            new double[] {-X_THRESHOLD * 2, Double.NEGATIVE_INFINITY, -THETA_THRESHOLD_RADIANS * 2, Double.NEGATIVE_INFINITY},
            new double[] {X_THRESHOLD * 2, Double.POSITIVE_INFINITY, THETA_THRESHOLD_RADIANS * 2, Double.POSITIVE_INFINITY});
    private static final Space ACTION_SPACE = new Discrete(2);

    private final Rng rng = new Rng(0);
    private double x, xDot, theta, thetaDot;

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
        x = rng.uniform(-0.05, 0.05);
        xDot = rng.uniform(-0.05, 0.05);
        theta = rng.uniform(-0.05, 0.05);
        thetaDot = rng.uniform(-0.05, 0.05);
        out.clearOutcome();
        writeObservation(out.observation);
    }

    @Override
    public void step(double[] action, Step out) {
        double a = action[0];
        if (a != 0 && a != 1) {
            throw new IllegalArgumentException("CartPole-v1: action must be 0 or 1, got " + a);
        }
        double force = a == 1 ? FORCE_MAG : -FORCE_MAG;
        double costheta = Math.cos(theta);
        double sintheta = Math.sin(theta);

        double temp = (force + POLEMASS_LENGTH * thetaDot * thetaDot * sintheta) / TOTAL_MASS;
        double thetaacc = (GRAVITY * sintheta - costheta * temp)
                / (LENGTH * (4.0 / 3.0 - MASSPOLE * costheta * costheta / TOTAL_MASS));
        double xacc = temp - POLEMASS_LENGTH * thetaacc * costheta / TOTAL_MASS;

        // Gymnasium's default "euler" integrator: positions first, with the old velocities.
        x = x + TAU * xDot;
        xDot = xDot + TAU * xacc;
        theta = theta + TAU * thetaDot;
        thetaDot = thetaDot + TAU * thetaacc;

        out.terminated = x < -X_THRESHOLD || x > X_THRESHOLD
                || theta < -THETA_THRESHOLD_RADIANS || theta > THETA_THRESHOLD_RADIANS;
        out.truncated = false;
        out.reward = 1.0;
        writeObservation(out.observation);
    }

    private void writeObservation(double[] obs) {
        obs[0] = x;
        obs[1] = xDot;
        obs[2] = theta;
        obs[3] = thetaDot;
    }

    @Override
    public double[] state() {
        return new double[] {x, xDot, theta, thetaDot};
    }

    @Override
    public void setState(double[] state, Step out) {
        if (state.length != 4) {
            throw new IllegalArgumentException("CartPole-v1: state has 4 values (x, x_dot, theta, theta_dot), got " + state.length);
        }
        for (double v : state) {
            if (!Double.isFinite(v)) throw new IllegalArgumentException("CartPole-v1: state values must be finite");
        }
        x = state[0];
        xDot = state[1];
        theta = state[2];
        thetaDot = state[3];
        out.clearOutcome();
        writeObservation(out.observation);
    }
}
