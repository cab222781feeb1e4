package io.gauntlet.core.wrappers;

import io.gauntlet.core.env.Env;
import io.gauntlet.core.env.Space;
import io.gauntlet.core.env.Step;

/**
 * Gymnasium's ObservationWrapper: transforms every observation the inner env hands back (resets, steps,
 * {@code setState}) in place, and after a {@code restore} transforms the restored observation again as it was
 * after the step that produced it.
 */
public abstract class ObservationWrapper extends EnvWrapper {
    protected ObservationWrapper(Env env, Space observationSpace) {
        super(env, observationSpace);
    }

    /** Transforms a new observation (the wrapper may learn from it: statistics, noise draws). */
    protected abstract void observation(double[] obs);

    /** Transforms the restored observation as {@link #observation} did after that step, changing no state. */
    protected abstract void restored(double[] obs);

    @Override
    public void reset(long seed, Step out) {
        super.reset(seed, out);
        observation(out.observation);
    }

    @Override
    public void reset(Step out) {
        super.reset(out);
        observation(out.observation);
    }

    @Override
    public void step(double[] action, Step out) {
        env.step(action, out);
        observation(out.observation);
    }

    @Override
    public void setState(double[] state, Step out) {
        env.setState(state, out);
        observation(out.observation);
    }

    @Override
    public void restore(double[] snapshot, Step out) {
        super.restore(snapshot, out);
        restored(out.observation);
    }
}
