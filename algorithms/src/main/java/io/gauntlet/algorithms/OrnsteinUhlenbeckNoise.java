package io.gauntlet.algorithms;

import io.gauntlet.core.Stateful;
import io.gauntlet.core.random.Rng;

/**
 * Ornstein-Uhlenbeck exploration noise as in DDPG (Lillicrap et al. 2016) and rllab's OUStrategy:
 * x ← x + θ (μ − x) dt + σ √dt N(0, 1), per action dimension, reset to μ at each episode start.
 */
public final class OrnsteinUhlenbeckNoise implements Stateful {
    private final double mu;
    private final double theta;
    private final double sigma;
    private final double dt;
    private final double[] state;

    public OrnsteinUhlenbeckNoise(int dim, double mu, double theta, double sigma, double dt) {
        this.mu = mu;
        this.theta = theta;
        this.sigma = sigma;
        this.dt = dt;
        this.state = new double[dim];
        reset();
    }

    public void reset() {
        java.util.Arrays.fill(state, mu);
    }

    /** Advances the process one step and writes the new state into {@code out} (offset {@code at}). */
    public void sample(Rng rng, double[] out, int at) {
        double sq = Math.sqrt(dt);
        for (int i = 0; i < state.length; i++) {
            state[i] += theta * (mu - state[i]) * dt + sigma * sq * rng.nextGaussian();
            out[at + i] = state[i];
        }
    }

    @Override
    public double[] snapshot() {
        return state.clone();
    }

    @Override
    public void restore(double[] s) {
        if (s.length != state.length) throw new IllegalArgumentException("OU state has " + state.length + " values, got " + s.length);
        System.arraycopy(s, 0, state, 0, state.length);
    }
}
