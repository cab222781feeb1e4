package io.gauntlet.core.wrappers;

import io.gauntlet.core.env.Box;
import io.gauntlet.core.env.Env;
import io.gauntlet.core.env.Space;
import io.gauntlet.core.env.Step;

/**
 * Clips every observation component to [−bound, bound] (CleanRL's {@code TransformObservation(np.clip(obs, -10,
 * 10))} after observation normalisation).
 */
public final class ClipObservation extends EnvWrapper {
    private final double bound;
    private final Space observationSpace;

    public ClipObservation(Env env, double bound) {
        super(env);
        if (!(bound > 0) || Double.isInfinite(bound)) throw new IllegalArgumentException("observation bound must be positive and finite, got " + bound);
        this.bound = bound;
        this.observationSpace = Box.uniform(env.observationSpace().flatDim(), -bound, bound);
    }

    @Override
    public Space observationSpace() {
        return observationSpace;
    }

    @Override
    public void reset(long seed, Step out) {
        env.reset(seed, out);
        clip(out.observation);
    }

    @Override
    public void reset(Step out) {
        env.reset(out);
        clip(out.observation);
    }

    @Override
    public void step(double[] action, Step out) {
        env.step(action, out);
        clip(out.observation);
    }

    @Override
    public void setState(double[] state, Step out) {
        env.setState(state, out);
        clip(out.observation);
    }

    @Override
    public void restore(double[] snapshot, Step out) {
        super.restore(snapshot, out);
        clip(out.observation);
    }

    private void clip(double[] obs) {
        for (int i = 0; i < obs.length; i++) obs[i] = Math.max(-bound, Math.min(bound, obs[i]));
    }
}
