package io.gauntlet.envs.classic;

import io.gauntlet.core.env.Discrete;
import io.gauntlet.core.env.Step;
import io.gauntlet.envs.ClassicTask;
import io.gauntlet.envs.StateChecks;

/**
 * MountainCar-v0, exactly as Gymnasium's {@code MountainCarEnv} (Moore 1990): an under-powered car in a valley
 * must rock back and forth to reach the flag. State and observation: position, velocity. Actions 0/1/2 push
 * left / not at all / right: v += (a − 1)·0.001 − 0.0025 cos(3x), v clipped to ±0.07, x += v, x clipped to
 * [−1.2, 0.6], and at the left wall a negative velocity becomes 0. Reward −1 per step; terminates when
 * x ≥ 0.5 and v ≥ 0; 200-step limit. Physical parameters: force, gravity. The valley step is
 * {@link MountainCarDynamics}, shared with the continuous and rllab mountain cars.
 */
public final class MountainCar extends ClassicTask {
    public static final double GOAL_POSITION = 0.5;
    public static final double GOAL_VELOCITY = 0;
    public static final double FORCE = 0.001;
    public static final double GRAVITY = 0.0025;

    private double force = FORCE, gravity = GRAVITY;

    public MountainCar() {
        super("MountainCar-v0", MountainCarDynamics.STATE_NAMES, new String[] {"force", "gravity"},
                MountainCarDynamics.OBSERVATION_SPACE, new Discrete(3), 0);
    }

    @Override
    protected void sampleInitialState() {
        MountainCarDynamics.sampleInitialState(s, rng);
    }

    @Override
    public void step(double[] action, Step out) {
        int a = StateChecks.requireDiscrete(id, action[0], 3);
        MountainCarDynamics.step(s, (a - 1) * force, gravity);
        finishStep(out, -1.0, s[0] >= GOAL_POSITION && s[1] >= GOAL_VELOCITY);
    }

    @Override
    protected void writeObservation(double[] obs) {
        System.arraycopy(s, 0, obs, 0, 2);
    }

    @Override
    public double[] parameters() {
        return new double[] {force, gravity};
    }

    @Override
    protected void applyParameters(double[] values) {
        force = values[0];
        gravity = values[1];
    }
}
