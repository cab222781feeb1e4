package io.gauntlet.core.distributions;

import io.gauntlet.core.random.Rng;

/**
 * A family of action distributions whose members are described by {@link #paramDim()} doubles read from a flat
 * array at an offset (one row of a policy's batched output): {@link Categorical} reads logits, {@link DiagGaussian}
 * reads {@code [mean | log-std]}. Actions are {@link #actionDim()} doubles (a categorical action is one double
 * holding the index, as {@link io.gauntlet.core.env.Discrete} values are).
 *
 * <p>Every gradient method <em>adds</em> {@code scale ×} the gradient with respect to the distribution
 * parameters into {@code g[gOff ..]}, so a batch loss accumulates its rows directly into the array that is then
 * back-propagated through the policy network. No method allocates; an instance keeps scratch space, so it is not
 * thread-safe.
 */
public interface Distribution {
    /** Doubles describing one distribution. */
    int paramDim();

    /** Doubles describing one action. */
    int actionDim();

    void sample(double[] p, int pOff, Rng rng, double[] action, int aOff);

    /** The most likely action (argmax; the mean). */
    void mode(double[] p, int pOff, double[] action, int aOff);

    double logProb(double[] p, int pOff, double[] action, int aOff);

    double entropy(double[] p, int pOff);

    /** KL(p ‖ q). */
    double kl(double[] p, int pOff, double[] q, int qOff);

    /** {@code g += scale · ∂ log p(action) / ∂p}. */
    void gradLogProb(double[] p, int pOff, double[] action, int aOff, double scale, double[] g, int gOff);

    /** {@code g += scale · ∂ H(p) / ∂p}. */
    void gradEntropy(double[] p, int pOff, double scale, double[] g, int gOff);

    /** {@code g += scale · ∂ KL(p ‖ q) / ∂p} (the first argument). */
    void gradKlFirst(double[] p, int pOff, double[] q, int qOff, double scale, double[] g, int gOff);

    /** {@code g += scale · ∂ KL(p ‖ q) / ∂q} (the second argument). */
    void gradKlSecond(double[] p, int pOff, double[] q, int qOff, double scale, double[] g, int gOff);

    /**
     * {@code out += scale · F(p) · v}, with {@code F(p) = E[∇log p ∇log pᵀ]} the Fisher information of the
     * distribution with respect to its own parameters (also the Hessian of {@code KL(p_old ‖ p)} at
     * {@code p = p_old}). TRPO's Fisher-vector product in policy-parameter space is {@code Jᵀ F J v}, with
     * {@code J} the policy network's Jacobian.
     */
    void fisherVectorProduct(double[] p, int pOff, double[] v, int vOff, double scale, double[] out, int outOff);
}
