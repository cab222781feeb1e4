package io.gauntlet.algorithms;

import io.gauntlet.core.distributions.Distribution;
import io.gauntlet.core.policy.StochasticPolicy;
import java.util.Arrays;

/**
 * The M-step of RWR and REPS: fits a stochastic policy to weighted samples, θ ← argmin −(1/n) Σ wᵢ log π_θ(aᵢ|sᵢ),
 * by L-BFGS from the current θ (rllab: scipy's L-BFGS, {@code max_opt_itr} iterations).
 */
final class WeightedMaximumLikelihood {
    private WeightedMaximumLikelihood() {}

    /**
     * The loss before and after the fit, the mean KL(π_old ‖ π_new) over the rows, and the mean entropy of the
     * fitted policy there.
     */
    record Fit(double lossBefore, double lossAfter, double meanKl, double entropy) {}

    /** Fits {@code policy} in place to the {@code n} (obs, action) rows weighted by {@code w}. */
    static Fit fit(StochasticPolicy policy, double[] obs, double[] actions, double[] w, int n, int maxIterations) {
        Distribution dist = policy.distribution();
        int pd = dist.paramDim();
        double[] oldDist = Arrays.copyOf(policy.distributionParams(obs, n), n * pd);
        double[] dDist = new double[n * pd];
        Lbfgs.Objective loss = (theta, grad) -> {
            policy.setParams(theta);
            return negLogLikelihood(policy, obs, actions, w, n, dDist, grad);
        };
        double[] theta = policy.params().clone();
        double before = loss.evaluate(theta, new double[theta.length]);
        double after = Lbfgs.minimize(loss, theta, maxIterations, 10);
        policy.setParams(theta);
        double[] newDist = policy.distributionParams(obs, n);
        double kl = 0, entropy = 0;
        for (int i = 0; i < n; i++) {
            kl += dist.kl(oldDist, i * pd, newDist, i * pd) / n;
            entropy += dist.entropy(newDist, i * pd) / n;
        }
        return new Fit(before, after, kl, entropy);
    }

    /**
     * −(1/n) Σ wᵢ log π(aᵢ|sᵢ) at the policy's current parameters; writes its gradient with respect to them into
     * {@code grad} ({@code dDist}: scratch of n × paramDim).
     */
    static double negLogLikelihood(StochasticPolicy policy, double[] obs, double[] actions, double[] w, int n,
                                   double[] dDist, double[] grad) {
        Distribution dist = policy.distribution();
        int pd = dist.paramDim();
        int ad = dist.actionDim();
        double[] p = policy.distributionParams(obs, n);
        Arrays.fill(dDist, 0, n * pd, 0.0);
        double loss = 0;
        for (int i = 0; i < n; i++) {
            loss -= w[i] * dist.logProb(p, i * pd, actions, i * ad) / n;
            dist.gradLogProb(p, i * pd, actions, i * ad, -w[i] / n, dDist, i * pd);
        }
        policy.zeroGradients();
        policy.backward(dDist, n);
        System.arraycopy(policy.gradients(), 0, grad, 0, grad.length);
        return loss;
    }
}
