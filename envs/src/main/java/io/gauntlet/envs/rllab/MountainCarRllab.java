package io.gauntlet.envs.rllab;

import io.gauntlet.core.env.Box;
import io.gauntlet.core.env.Step;
import io.gauntlet.envs.DynamicsTask;
import io.gauntlet.envs.classic.MountainCarDynamics;

/**
 * rllab's mountain-car task (Duan et al. 2016, section 3.1) on analytic dynamics: Moore's valley with
 * MountainCarContinuous-v0's equations in double precision, {@link MountainCarDynamics} (force clipped to ±1,
 * v += 0.0015·force − 0.0025 cos(3x), v clipped to ±0.07, x += v, x clipped to [−1.2, 0.6], a negative velocity at
 * the left wall becomes 0). Reset: x U(−0.6, −0.4), v 0. Reward −1 + height per step, height = 0.45 sin(3x) + 0.55 (the
 * valley's surface, 0.1 at the bottom, 1 at the right wall); reaching the goal x ≥ 0.6 (the right wall) terminates.
 * State and observation: position, velocity. Physical parameter: power.
 */
public final class MountainCarRllab extends DynamicsTask {
    public static final double GOAL_POSITION = 0.6;
    public static final double POWER = 0.0015;
    public static final double GRAVITY = 0.0025;

    private final MountainCarDynamics.Engine engine;

    public MountainCarRllab() {
        this(new MountainCarDynamics.Engine(POWER));
    }

    private MountainCarRllab(MountainCarDynamics.Engine engine) {
        super("MountainCar-rllab", engine, MountainCarDynamics.STATE_NAMES, MountainCarDynamics.Engine.PARAMETER_NAMES,
                MountainCarDynamics.OBSERVATION_SPACE, Box.uniform(1, -1, 1), 0);
        this.engine = engine;
    }

    @Override
    protected void sampleInitialState() {
        MountainCarDynamics.sampleInitialState(s, rng);
    }

    @Override
    public void step(double[] action, Step out) {
        double force = clippedAction(action, 1.0);
        MountainCarDynamics.step(s, force * engine.power(), GRAVITY);
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
}
