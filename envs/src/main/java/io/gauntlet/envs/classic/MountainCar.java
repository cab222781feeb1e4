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
 * MountainCar-v0, exactly as Gymnasium's {@code MountainCarEnv} (Moore 1990): an under-powered car in a valley
 * must rock back and forth to reach the flag. State and observation: position, velocity. Actions 0/1/2 push
 * left / not at all / right: v += (a − 1)·0.001 − 0.0025 cos(3x), v clipped to ±0.07, x += v, x clipped to
 * [−1.2, 0.6], and at the left wall a negative velocity becomes 0. Reward −1 per step; terminates when
 * x ≥ 0.5 and v ≥ 0; 200-step limit. Physical parameters: force, gravity. The valley step is
 * {@link MountainCarDynamics}, shared with the continuous and rllab mountain cars.
 */
public final class MountainCar implements Env, PhysicalParameters, PositionSensors {
    public static final double MIN_POSITION = -1.2;
    public static final double MAX_POSITION = 0.6;
    public static final double MAX_SPEED = 0.07;
    public static final double GOAL_POSITION = 0.5;
    public static final double GOAL_VELOCITY = 0;
    public static final double FORCE = 0.001;
    public static final double GRAVITY = 0.0025;

    private static final String ID = "MountainCar-v0";
    private static final String[] STATE_NAMES = {"position", "velocity"};
    private static final String[] PARAMETER_NAMES = {"force", "gravity"};
    private static final Space OBSERVATION_SPACE =
            new Box(new double[] {MIN_POSITION, -MAX_SPEED}, new double[] {MAX_POSITION, MAX_SPEED});
    private static final Space ACTION_SPACE = new Discrete(3);
    private final Rng rng = new Rng(0);
    private double force = FORCE, gravity = GRAVITY;
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
        int a = StateChecks.requireDiscrete(ID, action[0], 3);
        MountainCarDynamics.step(s, (a - 1) * force, gravity);

        out.terminated = s[0] >= GOAL_POSITION && s[1] >= GOAL_VELOCITY;
        out.truncated = false;
        out.reward = -1.0;
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
        return new int[] {0};
    }

    @Override
    public String[] parameterNames() {
        return PARAMETER_NAMES.clone();
    }

    @Override
    public double[] parameters() {
        return new double[] {force, gravity};
    }

    @Override
    public void setParameters(double[] values) {
        PhysicalParameters.check(ID, PARAMETER_NAMES, values);
        force = values[0];
        gravity = values[1];
    }
}
