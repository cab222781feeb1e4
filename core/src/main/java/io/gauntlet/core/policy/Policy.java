package io.gauntlet.core.policy;

import io.gauntlet.core.random.Rng;

/**
 * What acts in an environment: observation in, action out, with every trainable parameter in one flat vector
 * ({@link #params()} / {@link #gradients()} are the live backing arrays, so TRPO and CEM can treat the policy
 * as a point in R^{@link #numParams()}).
 *
 * <p><b>Actions and the action box.</b> A discrete action is one double holding the index. A continuous policy
 * writes its raw action, which may lie outside the environment's {@link io.gauntlet.core.env.Box}: a Gaussian
 * sample is unbounded. As rllab and CleanRL do, the <em>sampler</em> clips a copy of the action to the box before
 * stepping the environment and stores the unclipped action, which is what {@code logProb} and the policy-gradient
 * losses use. A {@link DeterministicMlpPolicy} squashes with tanh into the box itself.
 *
 * <p>Acting on one observation allocates nothing. A policy is not thread-safe.
 */
public interface Policy extends io.gauntlet.core.Stateful {
    int observationDim();

    /** Doubles per action (1 for a discrete action). */
    int actionDim();

    /** Acts on one observation, sampling with {@code rng} where the policy is stochastic. */
    void act(double[] observation, Rng rng, double[] action);

    /** The policy's deterministic action (the distribution's mode; evaluation mode). */
    void actDeterministic(double[] observation, double[] action);

    /** Acts on {@code n} observations ({@code n × observationDim}) into {@code actions} ({@code n × actionDim}). */
    void actBatch(double[] observations, int n, Rng rng, double[] actions);

    /** The live flat parameter vector. */
    double[] params();

    /** The live flat gradient vector, laid out as {@link #params()}. */
    double[] gradients();

    default int numParams() {
        return params().length;
    }

    default void setParams(double[] values) {
        if (values.length != params().length) {
            throw new IllegalArgumentException("policy has " + params().length + " parameters, got " + values.length);
        }
        System.arraycopy(values, 0, params(), 0, values.length);
    }

    /** A policy's training state is its parameters. */
    @Override
    default double[] snapshot() {
        return params().clone();
    }

    @Override
    default void restore(double[] snapshot) {
        setParams(snapshot);
    }

    default void zeroGradients() {
        java.util.Arrays.fill(gradients(), 0.0);
    }
}
