package io.gauntlet.algorithms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gauntlet.core.testing.FiniteDifferences;
import io.gauntlet.core.BadInputException;
import io.gauntlet.core.distributions.Distribution;
import io.gauntlet.core.experiment.AlgorithmRegistry;
import io.gauntlet.core.nn.Init;
import io.gauntlet.core.nn.Mlp;
import io.gauntlet.core.policy.CategoricalMlpPolicy;
import io.gauntlet.core.policy.GaussianMlpPolicy;
import io.gauntlet.core.policy.StochasticPolicy;
import io.gauntlet.core.random.Rng;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PpoTest {
    private static final double CLIP = 0.2;

    private static StochasticPolicy categorical(long seed) {
        CategoricalMlpPolicy p = new CategoricalMlpPolicy(3, 3, new int[] {5}, Mlp.Activation.TANH);
        Init.orthogonal(p.mlp(), new Rng(seed), 1.0, 1.0);
        return p;
    }

    private static StochasticPolicy gaussian(long seed) {
        GaussianMlpPolicy p = new GaussianMlpPolicy(3, 2, new int[] {5}, Mlp.Activation.TANH, 0.7);
        Init.orthogonal(p.mlp(), new Rng(seed), 1.0, 1.0);
        return p;
    }

    /** A minibatch of n states, actions sampled from the policy, old log-probs = current ± noise. */
    private static double[][] minibatch(StochasticPolicy policy, int n, double noise, long seed) {
        Rng rng = new Rng(seed);
        Distribution d = policy.distribution();
        double[] obs = new double[n * 3];
        for (int i = 0; i < obs.length; i++) obs[i] = rng.nextGaussian();
        double[] p = policy.distributionParams(obs, n).clone();
        double[] actions = new double[n * d.actionDim()];
        double[] oldLogProbs = new double[n];
        double[] adv = new double[n];
        for (int i = 0; i < n; i++) {
            d.sample(p, i * d.paramDim(), rng, actions, i * d.actionDim());
            oldLogProbs[i] = d.logProb(p, i * d.paramDim(), actions, i * d.actionDim()) + noise * rng.uniform(-1, 1);
            adv[i] = rng.nextGaussian();
        }
        return new double[][] {obs, actions, oldLogProbs, adv};
    }

    private static double loss(StochasticPolicy policy, double[][] mb, int n, double entCoef) {
        double[] dDist = new double[n * policy.distribution().paramDim()];
        policy.zeroGradients();
        return Ppo.policyLoss(policy, mb[0], mb[1], mb[2], mb[3], n, CLIP, entCoef, dDist).total(entCoef);
    }

    private static void assertGradientMatchesFiniteDifferences(StochasticPolicy policy, double noise) {
        int n = 7;
        double entCoef = 0.01;
        double[][] mb = minibatch(policy, n, noise, 3);
        loss(policy, mb, n, entCoef);
        FiniteDifferences.assertGradient("parameter", policy.params(), policy.gradients().clone(),
                () -> loss(policy, mb, n, entCoef), 1e-6, 1e-4);
    }

    @Test
    void policyLossGradientMatchesFiniteDifferences() {
        assertGradientMatchesFiniteDifferences(categorical(1), 0.05); // ratios inside the clip range
        assertGradientMatchesFiniteDifferences(categorical(2), 0.6); // some clipped
        assertGradientMatchesFiniteDifferences(gaussian(3), 0.05);
        assertGradientMatchesFiniteDifferences(gaussian(4), 0.6);
    }

    /** The gradient of the one-sample loss with the given advantage and ratio π/π_old. */
    private static double[] gradientAt(double adv, double ratio) {
        StochasticPolicy policy = categorical(5);
        double[][] mb = minibatch(policy, 1, 0, 9);
        mb[2][0] -= Math.log(ratio); // old log-prob such that π/π_old = ratio
        mb[3][0] = adv;
        loss(policy, mb, 1, 0.0);
        return policy.gradients().clone();
    }

    @Test
    void clippingZeroesTheGradientOutsideTheRangeAndKeepsTheRightSignInside() {
        // ∇θ log π(a|s) at the sample, to read the direction of the gradient.
        StochasticPolicy policy = categorical(5);
        double[][] mb = minibatch(policy, 1, 0, 9);
        double[] dDist = new double[3];
        double[] p = policy.distributionParams(mb[0], 1);
        policy.distribution().gradLogProb(p, 0, mb[1], 0, 1.0, dDist, 0);
        policy.zeroGradients();
        policy.backward(dDist, 1);
        double[] gradLogProb = policy.gradients().clone();

        // A > 0: inside the range the loss −Aρ falls as log π rises, so ∇loss · ∇log π < 0.
        assertTrue(dot(gradientAt(1.0, 1.05), gradLogProb) < 0);
        // A > 0 and ρ > 1 + ε: clipped, no gradient.
        assertEquals(0.0, norm(gradientAt(1.0, 1.5)), 0.0);
        // A > 0 and ρ < 1 − ε: the unclipped term is the max, the gradient still pushes log π up.
        assertTrue(dot(gradientAt(1.0, 0.5), gradLogProb) < 0);
        // A < 0: inside, the gradient pushes log π down; below 1 − ε it is clipped.
        assertTrue(dot(gradientAt(-1.0, 0.95), gradLogProb) > 0);
        assertEquals(0.0, norm(gradientAt(-1.0, 0.5)), 0.0);
        assertTrue(dot(gradientAt(-1.0, 1.5), gradLogProb) > 0);
    }

    @Test
    void clippedValueLossGradientMatchesFiniteDifferences() {
        Mlp critic = new Mlp(new int[] {3, 6, 1}, Mlp.Activation.TANH);
        Init.orthogonal(critic, new Rng(11), 1.0, 1.0);
        int n = 9;
        Rng rng = new Rng(12);
        double[] obs = new double[n * 3];
        for (int i = 0; i < obs.length; i++) obs[i] = rng.nextGaussian();
        double[] v = critic.forwardBatch(obs, n).clone();
        double[] oldValues = new double[n];
        double[] returns = new double[n];
        for (int i = 0; i < n; i++) {
            oldValues[i] = v[i] + rng.uniform(-0.5, 0.5); // some beyond the ±0.2 clip, some inside
            returns[i] = v[i] + rng.nextGaussian();
        }
        double[] dValue = new double[n];
        critic.zeroGradients();
        Ppo.valueLoss(critic, obs, returns, oldValues, n, CLIP, true, 0.5, dValue);
        FiniteDifferences.assertGradient("parameter", critic.params(), critic.gradients().clone(),
                () -> 0.5 * Ppo.valueLoss(critic, obs, returns, oldValues, n, CLIP, true, 0.5, dValue), 1e-7, 0);
    }

    @Test
    void learnsCartPoleWithCleanRlSettings() throws Exception {
        MemoryRun run = MemoryRun.of("CartPole-v1", Ppo.SPEC, Map.of(), 1, 60_000);
        run.train();
        // A random policy averages about 22; CleanRL's ppo.py first reaches 475 after about 20k steps.
        assertTrue(run.bestWindowMean(10) >= 200, "best 10-episode mean " + run.bestWindowMean(10));
        Map<String, Double> last = run.rows.get(run.rows.size() - 1);
        assertTrue(last.get("ExplainedVariance") > 0, "critic explains nothing: " + last);
        assertTrue(last.get("LearningRate") < 2.5e-4);
    }

    @Test
    void sameSeedSameRunWhateverTheThreadCount() throws Exception {
        MemoryRun a = MemoryRun.of("CartPole-v1", Ppo.SPEC, Map.of("num_steps", "32", "threads", "1"), 5, 2_000);
        MemoryRun b = MemoryRun.of("CartPole-v1", Ppo.SPEC, Map.of("num_steps", "32", "threads", "2"), 5, 2_000);
        a.train();
        b.train();
        assertEquals(a.rows, b.rows);
        assertEquals(a.episodes.size(), b.episodes.size());
        for (int i = 0; i < a.episodes.size(); i++) assertEquals(a.episodes.get(i)[0], b.episodes.get(i)[0]);
    }

    @Test
    void isRegisteredAndRejectsAnIndivisibleMinibatchCount() {
        assertEquals(Ppo.SPEC, AlgorithmRegistry.spec("ppo"));
        BadInputException e = assertThrows(BadInputException.class,
                () -> Ppo.SPEC.resolve(new io.gauntlet.core.env.Discrete(2), Map.of("num_minibatches", "7")));
        assertEquals("num_envs × num_steps (512) must be divisible by num_minibatches (7)", e.getMessage());
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    private static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }
}
