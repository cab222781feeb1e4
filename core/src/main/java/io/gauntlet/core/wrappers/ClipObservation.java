package io.gauntlet.core.wrappers;

import io.gauntlet.core.env.Box;
import io.gauntlet.core.env.Env;

/**
 * Clips every observation component to [−bound, bound] (CleanRL's {@code TransformObservation(np.clip(obs, -10,
 * 10))} after observation normalisation).
 */
public final class ClipObservation extends ObservationWrapper {
    private final double bound;

    public ClipObservation(Env env, double bound) {
        super(env, Box.uniform(env.observationSpace().flatDim(), -bound, bound));
        if (!(bound > 0) || Double.isInfinite(bound)) throw new IllegalArgumentException("observation bound must be positive and finite, got " + bound);
        this.bound = bound;
    }

    @Override
    protected void observation(double[] obs) {
        for (int i = 0; i < obs.length; i++) obs[i] = Math.max(-bound, Math.min(bound, obs[i]));
    }

    @Override
    protected void restored(double[] obs) {
        observation(obs);
    }
}
