package io.gauntlet.algorithms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gauntlet.core.env.Box;
import io.gauntlet.core.nn.Gemm;
import io.gauntlet.core.nn.Init;
import io.gauntlet.core.nn.Mlp;
import io.gauntlet.core.policy.SquashedGaussianMlpPolicy;
import io.gauntlet.core.random.Rng;
import io.gauntlet.core.testing.FiniteDifferences;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SacTest {
    static final Box BOX = Td3Test.BOX;

    static SquashedGaussianMlpPolicy policy(long seed) {
        return policy(seed, 3); // means and log-stds away from 0
    }

    /** Gain 1.5 keeps tanh(u) off saturation, where log(scale (1 − tanh² u) + 1e-6) curves too fast for differences. */
    static SquashedGaussianMlpPolicy policy(long seed, double gain) {
        SquashedGaussianMlpPolicy p = new SquashedGaussianMlpPolicy(3, BOX, new int[] {6}, Mlp.Activation.RELU, Gemm.Summation.FUSED);
        Init.pytorchDefault(p.mlp(), new Rng(seed));
        for (int i = 0; i < p.params().length; i++) p.params()[i] *= gain;
        return p;
    }

    static double[] observations(int n, long seed) {
        return FiniteDifferences.gaussian(n * 3, seed);
    }

    /**
     * log π(a|s) by hand from the network's outputs: the Gaussian's log-density at u = m + σε minus
     * Σ log(scale (1 − tanh² u) + 1e-6), with log σ squashed into [−5, 2] by tanh; the action centre + scale·tanh(u).
     */
    @Test
    void logLikelihoodIsTheGaussiansMinusTheSquashingJacobian() {
        SquashedGaussianMlpPolicy p = policy(1);
        int n = 5;
        double[] obs = observations(n, 2), eps = FiniteDifferences.gaussian(n * 2, 3);
        double[] a = p.sample(obs, n, eps).clone();
        double[] logp = p.logProbs().clone();
        double[] centre = {0, 1}, scale = {2, 2};
        for (int b = 0; b < n; b++) {
            double[] y = p.mlp().forward(obs, 3 * b);
            double want = 0;
            for (int i = 0; i < 2; i++) {
                double logStd = -5 + 0.5 * 7 * (Math.tanh(y[2 + i]) + 1);
                double sigma = Math.exp(logStd);
                double u = y[i] + sigma * eps[2 * b + i];
                double gaussian = -(u - y[i]) * (u - y[i]) / (2 * sigma * sigma) - Math.log(sigma) - 0.5 * Math.log(2 * Math.PI);
                want += gaussian - Math.log(scale[i] * (1 - Math.tanh(u) * Math.tanh(u)) + 1e-6);
                assertEquals(centre[i] + scale[i] * Math.tanh(u), a[2 * b + i], 1e-12);
                assertTrue(a[2 * b + i] >= BOX.low(i) && a[2 * b + i] <= BOX.high(i));
            }
            assertEquals(want, logp[b], 1e-9, "row " + b);
        }
    }

    @Test
    void reparameterisedGradientMatchesFiniteDifferences() {
        SquashedGaussianMlpPolicy p = policy(4, 1.5);
        int n = 6;
        double[] obs = observations(n, 5), eps = FiniteDifferences.gaussian(n * 2, 6);
        double[] c = FiniteDifferences.gaussian(n * 2, 7), d = FiniteDifferences.gaussian(n, 8);
        // loss = Σ c·a + Σ d·log π, with ε held fixed
        java.util.function.DoubleSupplier loss = () -> {
            double[] a = p.sample(obs, n, eps);
            double s = 0;
            for (int k = 0; k < 2 * n; k++) s += c[k] * a[k];
            for (int b = 0; b < n; b++) s += d[b] * p.logProbs()[b];
            return s;
        };
        loss.getAsDouble();
        p.zeroGradients();
        p.backward(c, d, n);
        FiniteDifferences.assertGradient("policy", p.params(), p.gradients().clone(), loss, 1e-5, 1e-5);
    }

    @Test
    void actorLossGradientTakesTheSmallerCriticAndTheEntropyTerm() {
        SquashedGaussianMlpPolicy p = policy(9, 1.5);
        QNetwork q1 = Td3Test.critic(10), q2 = Td3Test.critic(11);
        int n = 8;
        double[] obs = observations(n, 12);
        Sac.ActorUpdate update = new Sac.ActorUpdate(n, 2);
        double alpha = 0.3;
        update.gradient(p, q1, q2, obs, alpha, new Rng(13));
        double[] analytic = p.gradients().clone();
        for (double g : q1.gradients()) assertEquals(0.0, g, "the critics' gradients are left alone");
        // The loss by hand, the same draws: mean(α log π − min(Q1, Q2)).
        java.util.function.DoubleSupplier loss = () -> {
            double[] a = p.sample(obs, n, new Rng(13)).clone();
            double[] logp = p.logProbs().clone();
            double s = 0;
            for (int b = 0; b < n; b++) {
                double[] sa = {obs[3 * b], obs[3 * b + 1], obs[3 * b + 2], a[2 * b], a[2 * b + 1]};
                s += (alpha * logp[b] - Math.min(q1.mlp.forward(sa)[0], q2.mlp.forward(sa)[0])) / n;
            }
            return s;
        };
        assertEquals(loss.getAsDouble(), update.gradient(p, q1, q2, obs, alpha, new Rng(13)), 1e-12);
        FiniteDifferences.assertGradient("actor", p.params(), analytic, loss, 1e-5, 1e-5);
    }

    @Test
    void softTargetSubtractsTheEntropyTermFromTheSmallerTwin() {
        SquashedGaussianMlpPolicy p = policy(14);
        QNetwork q1 = Td3Test.critic(15), q2 = Td3Test.critic(16);
        Minibatch mb = Td3Test.minibatch(17);
        double[] y = new double[4];
        Sac.softTargets(p, q1, q2, mb, 0.9, 0.25, new Rng(18), y);
        double[] a = p.sample(mb.nextObs, 4, new Rng(18)).clone();
        double[] logp = p.logProbs().clone();
        for (int b = 0; b < 4; b++) {
            double[] sa = {mb.nextObs[3 * b], mb.nextObs[3 * b + 1], mb.nextObs[3 * b + 2], a[2 * b], a[2 * b + 1]};
            double soft = Math.min(q1.mlp.forward(sa)[0], q2.mlp.forward(sa)[0]) - 0.25 * logp[b];
            assertEquals(mb.rewards[b] + 0.9 * mb.notTerminated[b] * soft, y[b], 1e-12, "row " + b);
        }
    }

    /** The temperature's loss mean −α (log π + H̄), α = exp(log α): its derivative by log α, against a difference quotient. */
    @Test
    void temperatureGradientByHandAndByDifferences() {
        double[] logp = {-1.5, 0.25, 2.0};
        double logAlpha = -0.7, target = -2;
        double alpha = Math.exp(logAlpha);
        // By hand: −α · mean(log π + H̄) = −α · ((−1.5 + 0.25 + 2)/3 − 2) = −α · (0.25 − 2)
        assertEquals(-alpha * (0.25 - 2), Sac.temperatureGradient(alpha, logp, 3, target), 1e-15);
        java.util.function.DoubleUnaryOperator loss = la -> {
            double s = 0;
            for (double l : logp) s -= Math.exp(la) * (l + target) / 3;
            return s;
        };
        double h = 1e-6, fd = (loss.applyAsDouble(logAlpha + h) - loss.applyAsDouble(logAlpha - h)) / (2 * h);
        assertEquals(fd, Sac.temperatureGradient(alpha, logp, 3, target), 1e-8);
        // Entropy −log π = −5 below the target −2: a negative gradient, so Adam raises log α (more exploration).
        assertTrue(Sac.temperatureGradient(alpha, new double[] {5}, 1, target) < 0);
    }

    @Test
    void autotuningMovesAlphaAndTwoThreadsComputeTheSameRunAsOne() throws Exception {
        Map<String, String> settings = Map.of("hidden_sizes", "128,128", "learning_starts", "200", "batch_size", "128", "epoch_length", "100");
        MemoryRun one = MemoryRun.of("Pendulum-v1", Sac.SPEC, Td3Test.with(settings, "threads", "1"), 2, 500).train();
        MemoryRun two = MemoryRun.of("Pendulum-v1", Sac.SPEC, Td3Test.with(settings, "threads", "2"), 2, 500).train();
        assertEquals(one.rows, two.rows);
        double alpha = one.rows.get(4).get("Alpha");
        assertTrue(alpha != 1.0 && alpha > 0, "α starts at 1 and is tuned: " + alpha);
        assertEquals(298, one.lastState().get("alphaAdam")[0], "one temperature step per actor step: 2 per even t in 202..498");
        assertEquals(298, one.lastState().get("actorAdam")[0]);
    }
}
