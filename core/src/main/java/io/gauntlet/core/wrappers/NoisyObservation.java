package io.gauntlet.core.wrappers;

import io.gauntlet.core.env.Box;
import io.gauntlet.core.env.Env;
import io.gauntlet.core.env.Snapshot;
import io.gauntlet.core.env.Step;
import io.gauntlet.core.random.Rng;
import io.gauntlet.core.random.Seeds;

/**
 * rllab's noisy observations: independent Gaussian noise of standard deviation σ (rllab: 0.1) is added to every
 * observation component, reset observations included. The noise stream is seeded from the reset seed (stream
 * "obs-noise"), so one seed fixes the whole episode. The observation space becomes unbounded. Snapshots hold the
 * stream and the noise on the current observation.
 */
public final class NoisyObservation extends ObservationWrapper {
    private final double sigma;
    private final Rng rng = new Rng(Seeds.derive(0, "obs-noise"));
    /** The noise added to the current observation, so that a restore can add it again. */
    private final double[] lastNoise;

    public NoisyObservation(Env env, double sigma) {
        super(env, Box.unbounded(env.observationSpace().flatDim()));
        if (!(sigma >= 0) || !Double.isFinite(sigma)) throw new IllegalArgumentException("noise sigma must be >= 0, got " + sigma);
        this.sigma = sigma;
        this.lastNoise = new double[env.observationSpace().flatDim()];
    }

    @Override
    public void reset(long seed, Step out) {
        rng.setSeed(Seeds.derive(seed, "obs-noise"));
        super.reset(seed, out);
    }

    @Override
    protected void observation(double[] obs) {
        for (int i = 0; i < obs.length; i++) {
            lastNoise[i] = sigma * rng.nextGaussian();
            obs[i] += lastNoise[i];
        }
    }

    /** The noise of the restored step, added again. */
    @Override
    protected void restored(double[] obs) {
        for (int i = 0; i < lastNoise.length; i++) obs[i] += lastNoise[i];
    }

    @Override
    protected int ownSnapshotSize() {
        return Snapshot.RNG + lastNoise.length;
    }

    @Override
    protected void saveOwn(Snapshot.Writer w) {
        w.put(rng).put(lastNoise);
    }

    @Override
    protected void restoreOwn(Snapshot.Reader r) {
        r.get(rng);
        r.get(lastNoise);
    }
}
