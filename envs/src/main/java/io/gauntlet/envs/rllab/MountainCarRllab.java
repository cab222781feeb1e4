package io.gauntlet.envs.rllab;

import io.gauntlet.core.env.Box;
import io.gauntlet.core.env.Step;
import io.gauntlet.envs.ClassicTask;
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
public final class MountainCarRllab extends ClassicTask {
    public static final double GOAL_POSITION = 0.6;
    public static final double POWER = 0.0015;
    public static final double GRAVITY = 0.0025;

    private double power = POWER;

    public MountainCarRllab() {
        super("MountainCar-rllab", MountainCarDynamics.STATE_NAMES, new String[] {"power"}, MountainCarDynamics.OBSERVATION_SPACE,
                Box.uniform(1, -1, 1), 0);
    }

    @Override
    protected void sampleInitialState() {
        MountainCarDynamics.sampleInitialState(s, rng);
    }

    @Override
    public void step(double[] action, Step out) {
        StateChecks.requireFinite(id, action[0]);
        double force = Math.min(1.0, Math.max(-1.0, action[0]));
        MountainCarDynamics.step(s, force * power, GRAVITY);
        double position = s[0];
        finishStep(out, -1 + height(position), position >= GOAL_POSITION);
    }

    /** Height of the valley's surface at x. */
    public static double height(double x) {
        return 0.45 * Math.sin(3 * x) + 0.55;
    }

    @Override
    protected void writeObservation(double[] obs) {
        System.arraycopy(s, 0, obs, 0, 2);
    }

    @Override
    public double[] parameters() {
        return new double[] {power};
    }

    @Override
    protected void applyParameters(double[] values) {
        power = values[0];
    }
}
