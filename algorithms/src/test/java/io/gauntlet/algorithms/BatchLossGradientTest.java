package io.gauntlet.algorithms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gauntlet.core.testing.FiniteDifferences;
import io.gauntlet.core.distributions.Distribution;
import io.gauntlet.core.nn.Init;
import io.gauntlet.core.nn.Mlp;
import io.gauntlet.core.policy.CategoricalMlpPolicy;
import io.gauntlet.core.policy.GaussianMlpPolicy;
import io.gauntlet.core.policy.StochasticPolicy;
import io.gauntlet.core.random.Rng;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/** TRPO's surrogate and RWR/REPS's weighted log-likelihood: analytic gradients against finite differences. */
class BatchLossGradientTest {
    private static final int N = 6;

    private static StochasticPolicy[] policies() {
        CategoricalMlpPolicy c = new CategoricalMlpPolicy(3, 3, new int[] {5}, Mlp.Activation.TANH);
        Init.orthogonal(c.mlp(), new Rng(1), 1.0, 1.0);
        GaussianMlpPolicy g = new GaussianMlpPolicy(3, 2, new int[] {5}, Mlp.Activation.TANH, 0.7);
        Init.orthogonal(g.mlp(), new Rng(2), 1.0, 1.0);
        return new StochasticPolicy[] {c, g};
    }

    private static void assertGradient(StochasticPolicy policy, ToDoubleFunction<StochasticPolicy> loss, double[] analytic) {
        FiniteDifferences.assertGradient("parameter", policy.params(), analytic, () -> loss.applyAsDouble(policy), 1e-7, 1e-7);
    }

    @Test
    void trpoSurrogateGradientMatchesFiniteDifferences() {
        for (StochasticPolicy policy : policies()) {
            Distribution d = policy.distribution();
            Rng rng = new Rng(3);
            double[] obs = new double[N * 3], adv = new double[N], oldLogProb = new double[N];
            for (int i = 0; i < obs.length; i++) obs[i] = rng.nextGaussian();
            double[] p = policy.distributionParams(obs, N).clone();
            double[] actions = new double[N * d.actionDim()];
            for (int i = 0; i < N; i++) {
                d.sample(p, i * d.paramDim(), rng, actions, i * d.actionDim());
                oldLogProb[i] = d.logProb(p, i * d.paramDim(), actions, i * d.actionDim()) + 0.3 * rng.nextGaussian();
                adv[i] = rng.nextGaussian();
            }
            double[] dDist = new double[N * d.paramDim()];
            Trpo.surrogate(d, policy.distributionParams(obs, N), actions, oldLogProb, adv, N, dDist);
            policy.zeroGradients();
            policy.backward(dDist, N);
            double[] analytic = policy.gradients().clone();
            assertGradient(policy, pol -> Trpo.surrogate(d, pol.distributionParams(obs, N), actions, oldLogProb, adv, N, null), analytic);
        }
    }

    @Test
    void weightedLogLikelihoodGradientMatchesFiniteDifferences() {
        for (StochasticPolicy policy : policies()) {
            Distribution d = policy.distribution();
            Rng rng = new Rng(4);
            double[] obs = new double[N * 3], w = new double[N];
            for (int i = 0; i < obs.length; i++) obs[i] = rng.nextGaussian();
            double[] p = policy.distributionParams(obs, N).clone();
            double[] actions = new double[N * d.actionDim()];
            for (int i = 0; i < N; i++) {
                d.sample(p, i * d.paramDim(), rng, actions, i * d.actionDim());
                w[i] = rng.nextDouble();
            }
            double[] dDist = new double[N * d.paramDim()];
            double[] analytic = new double[policy.numParams()];
            WeightedMaximumLikelihood.negLogLikelihood(policy, obs, actions, w, N, dDist, analytic);
            double[] scratch = new double[policy.numParams()];
            assertGradient(policy, pol -> WeightedMaximumLikelihood.negLogLikelihood(pol, obs, actions, w, N, dDist, scratch), analytic);
        }
    }
}
