package io.gauntlet.core.policy;

import io.gauntlet.core.distributions.Distribution;

/**
 * TRPO's and TNPG's Fisher-vector product in policy-parameter space for one batch of observations:
 * {@code F v = (1/n) Σ_i J_iᵀ F_i J_i v}, with {@code J_i} the Jacobian of row i's distribution parameters with
 * respect to the policy parameters and {@code F_i} the distribution's own Fisher information (categorical:
 * {@code diag(p) − p pᵀ} on the logits; Gaussian: {@code 1/σ²} on the means, 2 on the log-stds). This equals the
 * Hessian of the mean {@code KL(π_old ‖ π)} at {@code π = π_old}, computed exactly with one forward-mode and one
 * backward pass and no Jacobian. Damping is the caller's business.
 *
 * <p>Call {@link StochasticPolicy#distributionParams} on the batch first (and keep its output: the old
 * distribution parameters). {@link #apply} leaves {@link StochasticPolicy#gradients()} as it found them.
 */
public final class FisherVectorProduct {
    private final StochasticPolicy policy;
    private final double[] savedGradients;
    private double[] fjv = new double[0];

    public FisherVectorProduct(StochasticPolicy policy) {
        this.policy = policy;
        this.savedGradients = new double[policy.numParams()];
    }

    /**
     * Writes {@code F v} into {@code out} (length {@link StochasticPolicy#numParams()}) for the last
     * {@code distributionParams(observations, n)} batch, whose output is {@code distParams}.
     */
    public void apply(double[] distParams, int n, double[] v, double[] out) {
        Distribution d = policy.distribution();
        int pd = d.paramDim();
        double[] jv = policy.distributionParamsJvp(v, n);
        if (fjv.length < n * pd) fjv = new double[n * pd];
        java.util.Arrays.fill(fjv, 0, n * pd, 0.0);
        for (int i = 0; i < n; i++) d.fisherVectorProduct(distParams, i * pd, jv, i * pd, 1.0 / n, fjv, i * pd);
        double[] g = policy.gradients();
        System.arraycopy(g, 0, savedGradients, 0, g.length);
        policy.zeroGradients();
        policy.backward(fjv, n);
        System.arraycopy(g, 0, out, 0, g.length);
        System.arraycopy(savedGradients, 0, g, 0, g.length);
    }
}
