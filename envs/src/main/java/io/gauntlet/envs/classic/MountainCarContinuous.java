package io.gauntlet.envs.classic;

import io.gauntlet.core.env.Box;
import io.gauntlet.core.env.Env;
import io.gauntlet.core.env.Space;
import io.gauntlet.core.env.Step;
import io.gauntlet.core.random.Rng;
import io.gauntlet.envs.PhysicalParameters;
import io.gauntlet.envs.PositionSensors;
import io.gauntlet.envs.StateChecks;

/**
 * MountainCarContinuous-v0, exactly as Gymnasium's {@code Continuous_MountainCarEnv}. State and observation:
 * position, velocity. Action: force, clipped to ±1: v += 0.0015·force − 0.0025 cos(3x), v clipped to ±0.07,
 * x += v, x clipped to [−1.2, 0.6], at the left wall a negative velocity becomes 0. Reward −0.1·a² on the
 * UNCLIPPED action, +100 on reaching x ≥ 0.45 with v ≥ 0 (terminates); 999-step limit.
 *
 * <p>The valley step is {@link MountainCarDynamics}, shared with MountainCar-v0 and rllab's mountain car. As in
 * Gymnasium, the state is computed in double precision and then stored as float32 after every step
 * (the reset state stays double until the first step); the goal test sees the values before that rounding.
 * Physical parameter: power.
 */
public final class MountainCarContinuous implements Env, PhysicalParameters, PositionSensors {
    public static final double MIN_ACTION = -1.0;
    public static final double MAX_ACTION = 1.0;
    public static final double MIN_POSITION = -1.2;
    public static final double MAX_POSITION = 0.6;
    public static final double MAX_SPEED = 0.07;
    public static final double GOAL_POSITION = 0.45;
    public static final double GOAL_VELOCITY = 0;
    public static final double POWER = 0.0015;

    private static final String ID = "MountainCarContinuous-v0";
    private static final String[] STATE_NAMES = {"position", "velocity"};
    private static final String[] PARAMETER_NAMES = {"power"};
    /** Gymnasium's float32 box: its bounds are the float32 roundings, which the float32 state can reach. */
    private static final Space OBSERVATION_SPACE = new Box(
            new double[] {(float) MIN_POSITION, (float) -MAX_SPEED}, new double[] {(float) MAX_POSITION, (float) MAX_SPEED});
    private static final Space ACTION_SPACE = Box.uniform(1, MIN_ACTION, MAX_ACTION);

    private final Rng rng = new Rng(0);
    private double power = POWER;
    /** position, velocity. */
    private final double[] s = new double[2];

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
        s[0] = rng.uniform(-0.6, -0.4);
        s[1] = 0;
        out.clearOutcome();
        writeObservation(out.observation);
    }

    @Override
    public void step(double[] action, Step out) {
        double a = action[0];
        StateChecks.requireFinite(ID, a);
        double force = Math.min(Math.max(a, MIN_ACTION), MAX_ACTION);
        MountainCarDynamics.step(s, force * power, 0.0025); // Gymnasium's literal gravity term

        // The goal test sees the double-precision state; Gymnasium then stores it as float32.
        boolean terminated = s[0] >= GOAL_POSITION && s[1] >= GOAL_VELOCITY;
        double reward = terminated ? 100.0 : 0;
        reward -= Math.pow(a, 2) * 0.1;

        s[0] = (float) s[0];
        s[1] = (float) s[1];
        out.terminated = terminated;
        out.truncated = false;
        out.reward = reward;
        writeObservation(out.observation);
    }

    private void writeObservation(double[] obs) {
        obs[0] = s[0];
        obs[1] = s[1];
    }

    @Override
    public double[] state() {
        return s.clone();
    }

    @Override
    public void setState(double[] state, Step out) {
        StateChecks.requireState(ID, state, STATE_NAMES);
        System.arraycopy(state, 0, s, 0, 2);
        out.clearOutcome();
        writeObservation(out.observation);
    }

    @Override
    public int[] positionIndices() {
        return new int[] {0};
    }

    @Override
    public String[] parameterNames() {
        return PARAMETER_NAMES.clone();
    }

    @Override
    public double[] parameters() {
        return new double[] {power};
    }

    @Override
    public void setParameters(double[] values) {
        PhysicalParameters.check(ID, PARAMETER_NAMES, values);
        power = values[0];
    }
}
