package io.gauntlet.algorithms;

import io.gauntlet.core.policy.Policy;
import io.gauntlet.core.random.Rng;

/**
 * A policy trained on normalised observations, acting on raw ones: each observation goes through a frozen
 * {@link RunningMeanStd} ((x − mean) / √(var + eps), clipped to ±clip) before the network, as during training.
 * The parameters are the inner policy's. Acting on one observation allocates nothing.
 */
final class NormalizedPolicy implements Policy {
    private final Policy inner;
    private final RunningMeanStd rms;
    private final double eps;
    private final double clip;
    private double[] scratch;

    NormalizedPolicy(Policy inner, RunningMeanStd rms, double eps, double clip) {
        this.inner = inner;
        this.rms = rms;
        this.eps = eps;
        this.clip = clip;
        this.scratch = new double[inner.observationDim()];
    }

    private double[] normalized(double[] observations, int n) {
        int d = inner.observationDim();
        if (scratch.length < n * d) scratch = new double[n * d];
        System.arraycopy(observations, 0, scratch, 0, n * d);
        for (int i = 0; i < n; i++) rms.normalize(scratch, i * d, eps, clip);
        return scratch;
    }

    @Override public int observationDim() { return inner.observationDim(); }
    @Override public int actionDim() { return inner.actionDim(); }
    @Override public void act(double[] observation, Rng rng, double[] action) { inner.act(normalized(observation, 1), rng, action); }
    @Override public void actDeterministic(double[] observation, double[] action) { inner.actDeterministic(normalized(observation, 1), action); }
    @Override public void actBatch(double[] observations, int n, Rng rng, double[] actions) { inner.actBatch(normalized(observations, n), n, rng, actions); }
    @Override public double[] params() { return inner.params(); }
    @Override public double[] gradients() { return inner.gradients(); }
}
