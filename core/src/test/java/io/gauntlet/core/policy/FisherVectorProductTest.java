package io.gauntlet.core.policy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gauntlet.core.testing.FiniteDifferences;
import io.gauntlet.core.distributions.Distribution;
import io.gauntlet.core.nn.Init;
import io.gauntlet.core.nn.Mlp;
import io.gauntlet.core.random.Rng;
import org.junit.jupiter.api.Test;

class FisherVectorProductTest {
    private static double[] randomObs(int n, int dim, long seed) {
        Rng rng = new Rng(seed);
        double[] x = new double[n * dim];
        for (int i = 0; i < x.length; i++) x[i] = rng.uniform(-1.5, 1.5);
        return x;
    }

    @Test
    void jvpMatchesFiniteDifferencesOfTheOutputs() {
        for (Mlp.Activation act : Mlp.Activation.values()) {
            Mlp mlp = new Mlp(new int[] {3, 5, 4, 2}, act);
            Rng rng = new Rng(1);
            for (int i = 0; i < mlp.numParams(); i++) mlp.params()[i] = rng.uniform(-1, 1);
            int n = 4;
            double[] x = randomObs(n, 3, 2);
            double[] v = FiniteDifferences.gaussian(mlp.numParams() + 3, 3);
            mlp.forwardBatch(x, n);
            double[] jv = mlp.jvpBatch(v, 3, n).clone();
            double h = 1e-6;
            double[] base = mlp.copyParams();
            double[] up = base.clone(), down = base.clone();
            for (int p = 0; p < base.length; p++) {
                up[p] += h * v[3 + p];
                down[p] -= h * v[3 + p];
            }
            mlp.setParams(up);
            double[] yUp = mlp.forwardBatch(x, n).clone();
            mlp.setParams(down);
            double[] yDown = mlp.forwardBatch(x, n).clone();
            for (int k = 0; k < n * 2; k++) assertEquals((yUp[k] - yDown[k]) / (2 * h), jv[k], 1e-7, act + " output " + k);
        }
    }

    @Test
    void categoricalPolicyFisherEqualsExpectedOuterProductOfScoresByEnumeration() {
        CategoricalMlpPolicy pol = new CategoricalMlpPolicy(3, 3, new int[] {4}, Mlp.Activation.TANH);
        Init.orthogonal(pol.mlp(), new Rng(4), Math.sqrt(2), 1.0);
        int n = 3;
        int np = pol.numParams();
        double[] obs = randomObs(n, 3, 5);
        Distribution d = pol.distribution();
        double[] dist = pol.distributionParams(obs, n).clone();

        // Independent truth: F = (1/n) Σ_i Σ_a p(a|o_i) s s ᵀ, s = ∇θ log π(a|o_i), each score by its own backward.
        double[][] f = new double[np][np];
        double[] probs = new double[3];
        for (int i = 0; i < n; i++) {
            ((io.gauntlet.core.distributions.Categorical) d).probabilities(dist, i * 3, probs);
            for (int a = 0; a < 3; a++) {
                double[] dd = new double[n * 3];
                d.gradLogProb(dist, i * 3, new double[] {a}, 0, 1.0, dd, i * 3);
                pol.zeroGradients();
                pol.distributionParams(obs, n);
                pol.backward(dd, n);
                double[] s = pol.gradients().clone();
                for (int r = 0; r < np; r++) for (int c = 0; c < np; c++) f[r][c] += probs[a] * s[r] * s[c] / n;
            }
        }
        double[] v = FiniteDifferences.gaussian(np, 6);
        pol.zeroGradients();
        pol.gradients()[0] = 42; // the product must leave the gradients as it found them
        double[] out = new double[np];
        pol.distributionParams(obs, n);
        new FisherVectorProduct(pol).apply(dist, n, v, out);
        assertEquals(42.0, pol.gradients()[0]);
        for (int r = 0; r < np; r++) {
            double expected = 0;
            for (int c = 0; c < np; c++) expected += f[r][c] * v[c];
            assertEquals(expected, out[r], 1e-12, "row " + r);
        }
    }

    @Test
    void gaussianPolicyFisherEqualsTheHessianOfTheMeanKl() {
        GaussianMlpPolicy pol = new GaussianMlpPolicy(3, 2, new int[] {5}, Mlp.Activation.TANH, 0.7);
        Init.xavierUniform(pol.mlp(), new Rng(7), 1.0);
        int n = 4;
        int np = pol.numParams();
        double[] obs = randomObs(n, 3, 8);
        Distribution d = pol.distribution();
        double[] old = pol.distributionParams(obs, n).clone();
        double[] theta = pol.params().clone();
        double[] v = FiniteDifferences.gaussian(np, 9);

        double[] out = new double[np];
        pol.distributionParams(obs, n);
        new FisherVectorProduct(pol).apply(old, n, v, out);

        // Independent truth: F v = d/dε ∇θ mean KL(π_old ‖ π_{θ+εv}) at ε = 0, by central differences of the
        // analytic KL gradient (the KL's gradient vanishes at ε = 0; its Hessian is the Fisher matrix).
        double eps = 1e-5;
        double[] gUp = klGradient(pol, obs, n, old, theta, v, eps);
        double[] gDown = klGradient(pol, obs, n, old, theta, v, -eps);
        double[] expected = new double[np];
        for (int k = 0; k < np; k++) expected[k] = (gUp[k] - gDown[k]) / (2 * eps);
        assertArrayEquals(expected, out, 1e-7);
        pol.setParams(theta);
    }

    private static double[] klGradient(GaussianMlpPolicy pol, double[] obs, int n, double[] old, double[] theta, double[] v, double eps) {
        double[] p = theta.clone();
        for (int k = 0; k < p.length; k++) p[k] += eps * v[k];
        pol.setParams(p);
        double[] cur = pol.distributionParams(obs, n);
        int pd = pol.distribution().paramDim();
        double[] dd = new double[n * pd];
        for (int i = 0; i < n; i++) pol.distribution().gradKlSecond(old, i * pd, cur, i * pd, 1.0 / n, dd, i * pd);
        pol.zeroGradients();
        pol.backward(dd, n);
        return pol.gradients().clone();
    }
}
