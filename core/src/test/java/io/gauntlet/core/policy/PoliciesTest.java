package io.gauntlet.core.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gauntlet.core.testing.FiniteDifferences;
import io.gauntlet.core.env.Box;
import io.gauntlet.core.nn.Init;
import io.gauntlet.core.nn.Mlp;
import io.gauntlet.core.random.Rng;
import org.junit.jupiter.api.Test;

class PoliciesTest {
    private static double sumLogProb(StochasticPolicy pol, double[] obs, double[] act, int n) {
        double[] d = pol.distributionParams(obs, n);
        int pd = pol.distribution().paramDim(), ad = pol.distribution().actionDim();
        double s = 0;
        for (int i = 0; i < n; i++) s += pol.distribution().logProb(d, i * pd, act, i * ad);
        return s;
    }

    /** ∇θ Σ log π(a_i|o_i) through distribution gradients and backward, against finite differences. */
    private static void checkPolicyGradient(StochasticPolicy pol, double[] obs, double[] act, int n) {
        double[] d = pol.distributionParams(obs, n);
        int pd = pol.distribution().paramDim(), ad = pol.distribution().actionDim();
        double[] dd = new double[n * pd];
        for (int i = 0; i < n; i++) pol.distribution().gradLogProb(d, i * pd, act, i * ad, 1.0, dd, i * pd);
        pol.zeroGradients();
        pol.backward(dd, n);
        FiniteDifferences.assertGradient("param", pol.params(), pol.gradients().clone(), () -> sumLogProb(pol, obs, act, n), 1e-6, 0);
    }

    @Test
    void gaussianPolicyGradientIncludesLogStd() {
        GaussianMlpPolicy pol = new GaussianMlpPolicy(3, 2, new int[] {5}, Mlp.Activation.TANH, 0.5);
        Init.xavierUniform(pol.mlp(), new Rng(1), 1.0);
        assertEquals(Math.log(0.5), pol.params()[pol.logStdOffset()], 0);
        assertEquals(pol.mlp().numParams() + 2, pol.numParams());
        pol.params()[pol.logStdOffset() + 1] = 0.3;
        Rng rng = new Rng(2);
        int n = 4;
        double[] obs = FiniteDifferences.uniform(rng, n * 3, -1, 1);
        double[] act = new double[n * 2];
        pol.actBatch(obs, n, rng, act);
        checkPolicyGradient(pol, obs, act, n);
    }

    @Test
    void categoricalPolicyGradientAndActions() {
        CategoricalMlpPolicy pol = new CategoricalMlpPolicy(3, 3, new int[] {4, 4}, Mlp.Activation.RELU);
        Init.orthogonal(pol.mlp(), new Rng(3), Math.sqrt(2), 1.0);
        Rng rng = new Rng(5);
        int n = 5;
        double[] obs = FiniteDifferences.uniform(rng, n * 3, -1, 1);
        double[] act = new double[n];
        pol.actBatch(obs, n, rng, act);
        for (double a : act) assertTrue(a == 0 || a == 1 || a == 2);
        checkPolicyGradient(pol, obs, act, n);
        // Deterministic mode is the argmax of the logits.
        double[] one = new double[1];
        pol.actDeterministic(new double[] {obs[0], obs[1], obs[2]}, one);
        double[] logits = pol.mlp().forward(obs);
        int best = 0;
        for (int j = 1; j < 3; j++) if (logits[j] > logits[best]) best = j;
        assertEquals(best, one[0]);
    }

    @Test
    void deterministicPolicyStaysInTheBoxAndBackpropagatesActionGradients() {
        Box box = new Box(new double[] {-2, 0}, new double[] {2, 1});
        DeterministicMlpPolicy pol = new DeterministicMlpPolicy(3, box, new int[] {6}, Mlp.Activation.RELU);
        Rng rng = new Rng(8);
        for (int i = 0; i < pol.numParams(); i++) pol.params()[i] = rng.uniform(-3, 3); // large: saturates tanh
        int n = 5;
        double[] obs = FiniteDifferences.uniform(rng, n * 3, -1, 1);
        double[] a = pol.forwardBatch(obs, n).clone();
        double[] one = new double[2];
        for (int i = 0; i < n; i++) {
            pol.actDeterministic(new double[] {obs[3 * i], obs[3 * i + 1], obs[3 * i + 2]}, one);
            assertTrue(box.contains(one));
            assertEquals(a[2 * i], one[0], 1e-15);
            assertEquals(a[2 * i + 1], one[1], 1e-15);
        }
        double[] c = FiniteDifferences.uniform(rng, n * 2, -1, 1);
        pol.zeroGradients();
        pol.forwardBatch(obs, n);
        pol.backward(c, n);
        FiniteDifferences.assertGradient("param", pol.params(), pol.gradients().clone(), () -> dot(c, pol.forwardBatch(obs, n)), 1e-6, 0);
    }

    private static double dot(double[] c, double[] a) {
        double s = 0;
        for (int i = 0; i < c.length; i++) s += c[i] * a[i];
        return s;
    }
}
