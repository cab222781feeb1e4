package io.gauntlet.algorithms;

import io.gauntlet.core.random.Rng;

/** A minibatch of transitions drawn from a {@link ReplayBuffer}, in row-major arrays reused from draw to draw. */
final class Minibatch {
    final int size;
    final double[] obs;
    final double[] actions;
    final double[] rewards;
    final double[] nextObs;
    final double[] notTerminated;

    Minibatch(int size, int obsDim, int actDim) {
        this.size = size;
        obs = new double[size * obsDim];
        actions = new double[size * actDim];
        rewards = new double[size];
        nextObs = new double[size * obsDim];
        notTerminated = new double[size];
    }

    /** Draws {@link #size} transitions uniformly with replacement. */
    void sample(ReplayBuffer buffer, Rng rng) {
        buffer.sample(rng, size, obs, actions, rewards, nextObs, notTerminated);
    }
}
