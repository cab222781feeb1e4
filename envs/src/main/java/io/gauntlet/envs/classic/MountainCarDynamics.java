package io.gauntlet.envs.classic;

import io.gauntlet.core.env.Box;
import io.gauntlet.core.random.Rng;
import io.gauntlet.envs.DynamicsTask;

/**
 * Moore's (1990) mountain-car valley, one step as Gymnasium's mountain cars take it: {@code v += push −
 * gravity·cos(3x)}, v clipped to ±0.07, {@code x += v}, x clipped to [−1.2, 0.6], and at the left wall a
 * negative velocity becomes 0. Used by MountainCar-v0 (push (a − 1)·force), MountainCarContinuous-v0 and rllab's
 * mountain car (push force·power). State {@code s}: position, velocity, updated in place, in double precision.
 *
 * <p>MountainCar-v0's source writes the velocity update as {@code (a − 1)·force + cos(3x)·(−gravity)}; that is
 * the same two roundings as {@code push − gravity·cos(3x)} (negation is exact and x − y is x + (−y) in IEEE 754),
 * so all three agree bit for bit with their Gymnasium references.
 */
public final class MountainCarDynamics {
    public static final double MIN_POSITION = -1.2;
    public static final double MAX_POSITION = 0.6;
    public static final double MAX_SPEED = 0.07;
    public static final String[] STATE_NAMES = {"position", "velocity"};
    /** The state's bounds, which every mountain car observes as it is. */
    public static final Box OBSERVATION_SPACE = new Box(new double[] {MIN_POSITION, -MAX_SPEED}, new double[] {MAX_POSITION, MAX_SPEED});

    private MountainCarDynamics() {}

    /** The engine of the cars that push force·power: its power is their one physical parameter. */
    public static final class Engine implements DynamicsTask.Dynamics {
        public static final String[] PARAMETER_NAMES = {"power"};
        private double power;

        public Engine(double power) {
            this.power = power;
        }

        public double power() {
            return power;
        }

        @Override
        public double[] parameters() {
            return new double[] {power};
        }

        @Override
        public void setParameters(double[] values) {
            power = values[0];
        }
    }

    /** Every mountain car's reset: position U(−0.6, −0.4), velocity 0. */
    public static void sampleInitialState(double[] s, Rng rng) {
        s[0] = rng.uniform(-0.6, -0.4);
        s[1] = 0;
    }

    public static void step(double[] s, double push, double gravity) {
        double position = s[0], velocity = s[1];
        velocity += push - gravity * Math.cos(3 * position);
        velocity = Math.min(MAX_SPEED, Math.max(-MAX_SPEED, velocity));
        position += velocity;
        position = Math.min(MAX_POSITION, Math.max(MIN_POSITION, position));
        if (position == MIN_POSITION && velocity < 0) velocity = 0;
        s[0] = position;
        s[1] = velocity;
    }
}
