package io.gauntlet.algorithms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gauntlet.core.testing.FiniteDifferences;
import io.gauntlet.core.distributions.Distribution;
import io.gauntlet.core.experiment.AlgorithmSpec;
import io.gauntlet.core.nn.Init;
import io.gauntlet.core.nn.Mlp;
import io.gauntlet.core.policy.CategoricalMlpPolicy;
import io.gauntlet.core.policy.FisherVectorProduct;
import io.gauntlet.core.policy.GaussianMlpPolicy;
import io.gauntlet.core.policy.StochasticPolicy;
import io.gauntlet.core.random.Rng;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrpoTest {
    /** ∇θ log π(a|s) for one state and action, by back-propagation. */
    private static double[] scoreFunction(StochasticPolicy policy, double[] obs, int row, double[] action) {
        Distribution d = policy.distribution();
        double[] o = new double[policy.observationDim()];
        System.arraycopy(obs, row * o.length, o, 0, o.length);
        double[] p = policy.distributionParams(o, 1);
        double[] dp = new double[d.paramDim()];
        d.gradLogProb(p, 0, action, 0, 1.0, dp, 0);
        policy.zeroGradients();
        policy.backward(dp, 1);
        return policy.gradients().clone();
    }

    @Test
    void fisherVectorProductEqualsTheExplicitFisherMatrixOfATinyCategoricalNetwork() {
        // Explicit F = (1/N) Σ_s Σ_a π(a|s) ∇log π(a|s) ∇log π(a|s)ᵀ, by enumerating the 3 actions.
        CategoricalMlpPolicy policy = new CategoricalMlpPolicy(2, 3, new int[] {4}, Mlp.Activation.TANH);
        Init.orthogonal(policy.mlp(), new Rng(1), 1.0, 1.0);
        int n = 5, m = policy.numParams();
        double[] obs = FiniteDifferences.gaussian(n * 2, 2);
        double[][] f = new double[m][m];
        double[] probs = new double[3];
        for (int s = 0; s < n; s++) {
            double[] o = {obs[2 * s], obs[2 * s + 1]};
            ((io.gauntlet.core.distributions.Categorical) policy.distribution())
                    .probabilities(policy.distributionParams(o, 1).clone(), 0, probs);
            for (int a = 0; a < 3; a++) {
                double[] g = scoreFunction(policy, obs, s, new double[] {a});
                for (int i = 0; i < m; i++) for (int j = 0; j < m; j++) f[i][j] += probs[a] * g[i] * g[j] / n;
            }
        }
        assertFisherProduct(policy, obs, n, f);
    }

    @Test
    void fisherVectorProductEqualsJtFJForAGaussianPolicy() {
        // Explicit F = (1/N) Σ_s J_sᵀ diag(1/σ², 2) J_s with J_s by central finite differences.
        GaussianMlpPolicy policy = new GaussianMlpPolicy(2, 2, new int[] {4}, Mlp.Activation.TANH, 0.6);
        Init.orthogonal(policy.mlp(), new Rng(3), 1.0, 1.0);
        policy.params()[policy.logStdOffset() + 1] = 0.3;
        int n = 4, m = policy.numParams(), pd = 4;
        double[] obs = FiniteDifferences.gaussian(n * 2, 4);
        double[] theta = policy.params();
        double[][][] jac = new double[n][pd][m];
        double h = 1e-6;
        for (int i = 0; i < m; i++) {
            double keep = theta[i];
            theta[i] = keep + h;
            double[] up = policy.distributionParams(obs, n).clone();
            theta[i] = keep - h;
            double[] down = policy.distributionParams(obs, n).clone();
            theta[i] = keep;
            for (int s = 0; s < n; s++) for (int k = 0; k < pd; k++) jac[s][k][i] = (up[s * pd + k] - down[s * pd + k]) / (2 * h);
        }
        double[] fisherDiag = {Math.exp(-2 * theta[policy.logStdOffset()]), Math.exp(-2 * 0.3), 2, 2};
        double[][] f = new double[m][m];
        for (int s = 0; s < n; s++) {
            for (int k = 0; k < pd; k++) {
                for (int i = 0; i < m; i++) for (int j = 0; j < m; j++) f[i][j] += jac[s][k][i] * fisherDiag[k] * jac[s][k][j] / n;
            }
        }
        assertFisherProduct(policy, obs, n, f);
    }

    private static void assertFisherProduct(StochasticPolicy policy, double[] obs, int n, double[][] f) {
        int m = policy.numParams();
        // TRPO's operator: core's exact Fisher-vector product on the batch the policy evaluated last.
        double[] dist = policy.distributionParams(obs, n).clone();
        FisherVectorProduct fvp = new FisherVectorProduct(policy);
        for (long seed = 10; seed < 13; seed++) {
            double[] v = FiniteDifferences.gaussian(m, seed);
            double[] out = new double[m];
            fvp.apply(dist, n, v, out);
            for (int i = 0; i < m; i++) {
                double expected = 0;
                for (int j = 0; j < m; j++) expected += f[i][j] * v[j];
                assertEquals(expected, out[i], 1e-6 * (1 + Math.abs(expected)), "row " + i);
            }
        }
    }

    private static MemoryRun train(AlgorithmSpec<?> spec, Map<String, String> overrides, long seed, long budget) throws Exception {
        return MemoryRun.of("CartPole-v1", spec, overrides, seed, budget).train();
    }

    @Test
    void trpoLearnsCartPoleAndEveryAcceptedStepIsWithinTheKlBound() throws Exception {
        MemoryRun run = train(Trpo.SPEC, Map.of("batch_size", "2000"), 1, 40_000);
        int accepted = 0;
        for (Map<String, Double> row : run.rows) {
            if (row.get("StepAccepted") == 1.0) {
                accepted++;
                assertTrue(row.get("MeanKL") <= 0.01, "accepted step beyond δ: " + row);
                assertTrue(row.get("LossAfter") < row.get("LossBefore"), "accepted step did not improve: " + row);
            } else {
                assertEquals(0.0, row.get("MeanKL"));
            }
        }
        assertTrue(accepted >= run.rows.size() / 2, accepted + " of " + run.rows.size() + " steps accepted");
        double first = run.averageReturn(0);
        double last = run.averageReturn(run.rows.size() - 1);
        assertTrue(first < 60 && last > 150, "average return " + first + " -> " + last);
    }

    @Test
    void tnpgTakesTheFullNaturalStepWhoseKlIsNearTheStepSize() throws Exception {
        MemoryRun run = train(Trpo.TNPG_SPEC, Map.of("batch_size", "2000"), 1, 30_000);
        // The quadratic model sets ½ sᵀFs = δ; the true KL of the full step is close to it (the median over
        // iterations; from a near-uniform initial policy the first step can overshoot, which TNPG does not check).
        double[] kls = run.rows.stream().mapToDouble(r -> r.get("MeanKL")).sorted().toArray();
        double median = kls[kls.length / 2];
        assertTrue(median > 0.005 && median < 0.02, "median KL of the natural step " + median);
        for (Map<String, Double> row : run.rows) assertEquals(0.0, row.get("Backtracks"));
        assertTrue(run.averageReturn(run.rows.size() - 1) > 100, "TNPG did not learn: " + run.averageReturn(run.rows.size() - 1));
    }

    @Test
    void resumeContinuesBitIdentically() throws Exception {
        Map<String, String> small = Map.of("batch_size", "500");
        MemoryRun a = train(Trpo.SPEC, small, 7, 2_500);
        MemoryRun resumed = a.resumeAfter(2).train();
        assertEquals(a.rows.subList(2, a.rows.size()), resumed.rows);
    }
}
