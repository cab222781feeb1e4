package io.gauntlet.core.policy;

import io.gauntlet.core.distributions.Distribution;

/**
 * A policy that outputs a distribution over actions. Policy-gradient algorithms work on a batch: run
 * {@link #distributionParams} once, compute the loss and its gradient with respect to each row's distribution
 * parameters with {@link #distribution()}'s methods, then {@link #backward} adds the parameter gradient.
 */
public interface StochasticPolicy extends Policy {
    Distribution distribution();

    /**
     * The distribution parameters for {@code n} observations: the policy's buffer, rows of
     * {@code distribution().paramDim()} doubles, valid until the next batched call. Keeps what
     * {@link #backward} needs.
     */
    double[] distributionParams(double[] observations, int n);

    /**
     * Adds to {@link #gradients()} the gradient of a loss whose derivative with respect to the distribution
     * parameters of the last {@link #distributionParams} batch is {@code dParams} ({@code n × paramDim}).
     */
    void backward(double[] dParams, int n);

    /**
     * The directional derivative of the last {@link #distributionParams} batch along the parameter direction
     * {@code direction} (length {@link #numParams()}): {@code J·v}, {@code n × paramDim}, the policy's buffer.
     */
    double[] distributionParamsJvp(double[] direction, int n);
}
