package io.gauntlet.algorithms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gauntlet.core.testing.FiniteDifferences;
import io.gauntlet.core.distributions.Distribution;
import io.gauntlet.core.random.Rng;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GruPolicyTest {
    /** Two episodes (rows 0-3 and 4-6) in one batch. */
    private static final int N = 7;
    private static final int[] STARTS = {0, 4, 7};

    private static double[] observations() {
        Rng rng = new Rng(3);
        double[] obs = new double[N * 3];
        for (int i = 0; i < obs.length; i++) obs[i] = rng.nextGaussian();
        return obs;
    }

    /** A scalar loss of every row's distribution parameters with fixed random weights. */
    private static double loss(GruPolicy p, double[] obs, double[] weights) {
        p.setEpisodeStarts(STARTS, 2, N);
        double[] d = p.distributionParams(obs, N);
        double s = 0;
        for (int i = 0; i < weights.length; i++) s += weights[i] * Math.sin(d[i]);
        return s;
    }

    private static void checkGradientThroughTime(GruPolicy p) {
        double[] obs = observations();
        int pd = p.distribution().paramDim();
        Rng rng = new Rng(4);
        double[] weights = new double[N * pd];
        for (int i = 0; i < weights.length; i++) weights[i] = rng.nextGaussian();
        for (int i = 0; i < p.params().length; i++) p.params()[i] += 0.3 * rng.nextGaussian(); // away from init
        loss(p, obs, weights);
        double[] d = p.distributionParams(obs, N).clone();
        double[] dLoss = new double[N * pd];
        for (int i = 0; i < dLoss.length; i++) dLoss[i] = weights[i] * Math.cos(d[i]);
        p.zeroGradients();
        p.backward(dLoss, N);
        FiniteDifferences.assertGradient("parameter", p.params(), p.gradients().clone(), () -> loss(p, obs, weights), 1e-6, 1e-6);
    }

    @Test
    void gradientsThroughTimeMatchFiniteDifferences() {
        checkGradientThroughTime(GruPolicy.categorical(3, 5, 3, new Rng(1)));
        checkGradientThroughTime(GruPolicy.gaussian(3, 4, 2, 0.8, new Rng(2)));
    }

    @Test
    void theHiddenStateCarriesHistoryAndResetsAtEpisodeStarts() {
        GruPolicy p = GruPolicy.categorical(3, 5, 3, new Rng(1));
        for (int i = 0; i < p.params().length; i++) p.params()[i] *= 3;
        double[] obs = observations();
        p.setEpisodeStarts(STARTS, 2, N);
        double[] batch = p.distributionParams(obs, N).clone();
        // Acting step by step reproduces the batch, with a reset at row 4.
        double[] a = new double[1];
        Distribution d = p.distribution();
        double[] row = new double[3];
        for (int i = 0; i < N; i++) {
            if (i == 0 || i == 4) p.resetState();
            System.arraycopy(obs, 3 * i, row, 0, 3);
            p.actDeterministic(row, a);
            double[] logits = java.util.Arrays.copyOfRange(batch, 3 * i, 3 * i + 3);
            double[] mode = new double[1];
            d.mode(logits, 0, mode, 0);
            assertEquals(mode[0], a[0], "row " + i);
        }
        // Row 4 starts an episode: its output does not depend on rows 0-3.
        double[] other = obs.clone();
        for (int i = 0; i < 12; i++) other[i] += 1;
        p.setEpisodeStarts(STARTS, 2, N);
        double[] batch2 = p.distributionParams(other, N).clone();
        assertArrayEquals(java.util.Arrays.copyOfRange(batch, 12, 21), java.util.Arrays.copyOfRange(batch2, 12, 21), 0);
        assertTrue(Math.abs(batch[9] - batch2[9]) > 1e-6, "history must matter within an episode");
    }

    @Test
    void trpoTrainsAGruPolicyOnCartPoleWithoutVelocities() throws Exception {
        MemoryRun run = MemoryRun.of("CartPole-v1:limited-sensors", Trpo.SPEC,
                Map.of("policy", "gru", "batch_size", "2000", "gru_size", "16"), 1, 24_000).train();
        double first = run.averageReturn(0);
        double last = run.averageReturn(run.rows.size() - 1);
        assertTrue(last > 2 * first && last > 40, "average return " + first + " -> " + last);
        for (Map<String, Double> r : run.rows) if (r.get("StepAccepted") == 1.0) assertTrue(r.get("MeanKL") <= 0.01);
    }
}
