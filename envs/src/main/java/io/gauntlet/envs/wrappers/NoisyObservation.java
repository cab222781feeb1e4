package io.gauntlet.envs.wrappers;

import io.gauntlet.core.env.Box;
import io.gauntlet.core.env.Env;
import io.gauntlet.core.env.Space;
import io.gauntlet.core.env.Step;
import io.gauntlet.core.random.Rng;
import io.gauntlet.core.random.Seeds;

/**
 * rllab's noisy observations: independent Gaussian noise of standard deviation σ (rllab: 0.1) is added to every
 * observation component, reset observations included. The noise stream is seeded from the reset seed (stream
 * "obs-noise"), so one seed fixes the whole episode. The observation space becomes unbounded.
 */
public final class NoisyObservation extends EnvWrapper {
    private final double sigma;
    private final Rng rng = new Rng(Seeds.derive(0, "obs-noise"));
    private final Space observationSpace;

    public NoisyObservation(Env env, double sigma) {
        super(env);
        if (!(sigma >= 0) || !Double.isFinite(sigma)) throw new IllegalArgumentException("noise sigma must be >= 0, got " + sigma);
        this.sigma = sigma;
        this.observationSpace = Box.unbounded(env.observationSpace().flatDim());
    }

    @Override
    public Space observationSpace() {
        return observationSpace;
    }

    @Override
    public void reset(long seed, Step out) {
        rng.setSeed(Seeds.derive(seed, "obs-noise"));
        env.reset(seed, out);
        addNoise(out.observation);
    }

    @Override
    public void reset(Step out) {
        env.reset(out);
        addNoise(out.observation);
    }

    @Override
    public void step(double[] action, Step out) {
        env.step(action, out);
        addNoise(out.observation);
    }

    @Override
    public void setState(double[] state, Step out) {
        env.setState(state, out);
        addNoise(out.observation);
    }

    private void addNoise(double[] obs) {
        for (int i = 0; i < obs.length; i++) obs[i] += sigma * rng.nextGaussian();
    }
}
