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
import io.gauntlet.envs.classic.MountainCarDynamics;

/**
 * rllab's mountain-car task (Duan et al. 2016, section 3.1) on analytic dynamics: Moore's valley with
 * MountainCarContinuous-v0's equations in double precision, {@link MountainCarDynamics} (force clipped to ±1,
 * v += 0.0015·force − 0.0025 cos(3x), v clipped to ±0.07, x += v, x clipped to [−1.2, 0.6], a negative velocity at
 * the left wall becomes 0). Reset: x U(−0.6, −0.4), v 0. Reward −1 + height per step, height = 0.45 sin(3x) + 0.55 (the
 * valley's surface, 0.1 at the bottom, 1 at the right wall); reaching the goal x ≥ 0.6 (the right wall) terminates.
 * State and observation: position, velocity. Physical parameter: power.
 */
public final class MountainCarRllab implements Env, PhysicalParameters, PositionSensors {
    public static final double MIN_POSITION = -1.2;
    public static final double MAX_POSITION = 0.6;
    public static final double MAX_SPEED = 0.07;
    public static final double GOAL_POSITION = 0.6;
    public static final double POWER = 0.0015;
    public static final double GRAVITY = 0.0025;

    private static final String ID = "MountainCar-rllab";
    private static final String[] STATE_NAMES = {"position", "velocity"};
    private static final String[] PARAMETER_NAMES = {"power"};
    private static final Space OBSERVATION_SPACE =
            new Box(new double[] {MIN_POSITION, -MAX_SPEED}, new double[] {MAX_POSITION, MAX_SPEED});
    private static final Space ACTION_SPACE = Box.uniform(1, -1, 1);
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
        StateChecks.requireFinite(ID, action[0]);
        double force = Math.min(1.0, Math.max(-1.0, action[0]));
        MountainCarDynamics.step(s, force * power, GRAVITY);

        double position = s[0];
        out.terminated = position >= GOAL_POSITION;
        out.truncated = false;
        out.reward = -1 + height(position);
        writeObservation(out.observation);
    }

    /** Height of the valley's surface at x. */
    public static double height(double x) {
        return 0.45 * Math.sin(3 * x) + 0.55;
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
        return new double[] {power};
    }

    @Override
    public void setParameters(double[] values) {
        PhysicalParameters.check(ID, PARAMETER_NAMES, values);
        power = values[0];
    }
}
