package io.gauntlet.core.wrappers;

import io.gauntlet.core.env.Box;
import io.gauntlet.core.env.Env;
import io.gauntlet.core.env.Space;
import io.gauntlet.core.env.Step;
import io.gauntlet.core.env.PositionSensors;

/**
 * rllab's "limited sensors" partially observable variant: only positions are observed, velocities are removed.
 * Which observation components are positions is declared by the task ({@link PositionSensors}); wrappers below
 * this one must keep the task's observation layout.
 */
public final class LimitedSensors extends EnvWrapper {
    private final int[] keep;
    private final Step innerStep;

    public LimitedSensors(Env env) {
        super(env, positionSpace(env));
        this.keep = ((PositionSensors) env.unwrapped()).positionIndices().clone();
        this.innerStep = new Step(env.observationSpace().flatDim(), env.diagnosticNames().length);
    }

    /** The bounds of the task's position sensors; refuses a task that declares none or a changed observation layout. */
    private static Space positionSpace(Env env) {
        if (!(env.unwrapped() instanceof PositionSensors sensors)) {
            throw new IllegalArgumentException("limited-sensors: the task does not declare its position sensors");
        }
        int innerDim = env.observationSpace().flatDim();
        if (innerDim != env.unwrapped().observationSpace().flatDim()) {
            throw new IllegalArgumentException("limited-sensors: the wrappers below it changed the observation layout");
        }
        int[] keep = sensors.positionIndices();
        double[] low = new double[keep.length];
        double[] high = new double[keep.length];
        Box innerBox = env.observationSpace() instanceof Box b ? b : Box.unbounded(innerDim);
        for (int j = 0; j < keep.length; j++) {
            low[j] = innerBox.low(keep[j]);
            high[j] = innerBox.high(keep[j]);
        }
        return new Box(low, high);
    }

    @Override
    public void reset(long seed, Step out) {
        env.reset(seed, innerStep);
        copy(out);
    }

    @Override
    public void reset(Step out) {
        env.reset(innerStep);
        copy(out);
    }

    @Override
    public void step(double[] action, Step out) {
        env.step(action, innerStep);
        copy(out);
    }

    @Override
    public void setState(double[] state, Step out) {
        env.setState(state, innerStep);
        copy(out);
    }

    @Override
    public void restore(double[] snapshot, Step out) {
        super.restore(snapshot, innerStep);
        copy(out);
    }

    private void copy(Step out) {
        for (int j = 0; j < keep.length; j++) out.observation[j] = innerStep.observation[keep[j]];
        out.reward = innerStep.reward;
        out.terminated = innerStep.terminated;
        out.truncated = innerStep.truncated;
        System.arraycopy(innerStep.diagnostics, 0, out.diagnostics, 0, innerStep.diagnostics.length);
    }
}
