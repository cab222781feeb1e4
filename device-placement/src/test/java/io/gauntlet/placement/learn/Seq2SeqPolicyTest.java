package io.gauntlet.placement.learn;

import io.gauntlet.core.random.Rng;
import io.gauntlet.core.testing.FiniteDifferences;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** The seq2seq policy's gradient of Σ w · log π(placement) against finite differences, and its sampling. */
class Seq2SeqPolicyTest {
    private static final int FEATURES = 5, GROUPS = 4, HIDDEN = 4, DEVICES = 3, SAMPLES = 3;

    private static double[][] inputs(long seed) {
        Rng rng = new Rng(seed);
        double[][] x = new double[GROUPS][];
        for (int g = 0; g < GROUPS; g++) x[g] = FiniteDifferences.uniform(rng, FEATURES, -1, 1);
        return x;
    }

    private static void gradientMatchesFiniteDifferences(Seq2SeqPolicy.Logits shape, double entropyWeight) {
        gradientMatchesFiniteDifferences(shape, entropyWeight, false);
    }

    /** Group memories of 0.6 on devices of 1, 1 and 5: a device holding one group is masked for the next. */
    private static void maskTightly(Seq2SeqPolicy policy) {
        policy.maskOverflow(new double[] {0.6, 0.6, 0.6, 0.6}, new double[] {1, 1, 5});
    }

    private static void gradientMatchesFiniteDifferences(Seq2SeqPolicy.Logits shape, double entropyWeight, boolean masked) {
        Seq2SeqPolicy policy = new Seq2SeqPolicy(FEATURES, HIDDEN, DEVICES).initialise(new Rng(1));
        if (masked) maskTightly(policy);
        double[][] x = inputs(2);
        int[][] placements = new int[SAMPLES][GROUPS];
        policy.forward(x, SAMPLES, shape, Seq2SeqPolicy.Choice.SAMPLE, new Rng(3), placements);
        double[] weights = {0.7, -1.3, 0.4};
        java.util.function.DoubleSupplier loss = () -> {
            policy.forward(x, SAMPLES, shape, Seq2SeqPolicy.Choice.GIVEN, null, placements);
            double s = 0;
            for (int r = 0; r < SAMPLES; r++) s += weights[r] * policy.logProb(r);
            return s + entropyWeight * policy.entropy() * GROUPS * SAMPLES;
        };
        loss.getAsDouble();
        policy.zeroGradients();
        policy.backward(weights, entropyWeight);
        double[] analytic = policy.gradients().clone();
        FiniteDifferences.assertGradient("dLoss/dθ", policy.params(), analytic, loss, 1e-7, 1e-5);
        double nonzero = 0;
        for (double g : analytic) nonzero += g != 0 ? 1 : 0;
        assertTrue(nonzero > 0.9 * analytic.length, "every parameter takes part: " + nonzero + " of " + analytic.length);
    }

    @Test
    void gradientOfTheLogProbabilityMatchesFiniteDifferences() {
        gradientMatchesFiniteDifferences(new Seq2SeqPolicy.Logits(1, 0, 0), 0);
    }

    @Test
    void gradientThroughTemperatureAndTanhSquashingMatchesFiniteDifferences() {
        gradientMatchesFiniteDifferences(new Seq2SeqPolicy.Logits(1.7, 2.5, 0), 0);
    }

    @Test
    void gradientOfTheEntropyBonusMatchesFiniteDifferences() {
        gradientMatchesFiniteDifferences(new Seq2SeqPolicy.Logits(1.3, 0, 0), -0.8);
    }

    @Test
    void gradientUnderTheMemoryMaskMatchesFiniteDifferences() {
        gradientMatchesFiniteDifferences(new Seq2SeqPolicy.Logits(1.2, 0, 0), -0.3, true);
    }

    @Test
    void gradientOfTheExploringMixtureMatchesFiniteDifferences() {
        gradientMatchesFiniteDifferences(new Seq2SeqPolicy.Logits(1.1, 0, 0, 0.3), -0.4, false);
        gradientMatchesFiniteDifferences(new Seq2SeqPolicy.Logits(0.9, 2, 0, 0.2), 0, true);
    }

    @Test
    void aMaskedDeviceIsNeverChosen() {
        Seq2SeqPolicy policy = new Seq2SeqPolicy(FEATURES, HIDDEN, DEVICES).initialise(new Rng(7));
        maskTightly(policy);
        int n = 500;
        int[][] placements = new int[n][GROUPS];
        policy.forward(inputs(8), n, new Seq2SeqPolicy.Logits(1, 0, 0.5), Seq2SeqPolicy.Choice.SAMPLE, new Rng(9), placements);
        int masked = 0;
        for (int r = 0; r < n; r++) {
            int[] held = new int[DEVICES];
            for (int t = 0; t < GROUPS; t++) {
                int d = placements[r][t];
                if (d < 2 && held[d] > 0) fail("sample " + r + " puts group " + t + " on full device " + d);
                for (int k = 0; k < 2; k++) if (held[k] > 0) masked++;
                if (held[d] > 0 || d < 2) assertTrue(policy.probability(t, r, d) > 0);
                for (int k = 0; k < 2; k++) if (held[k] > 0) assertEquals(0, policy.probability(t, r, k), 0);
                held[d]++;
            }
        }
        assertTrue(masked > n, "the mask was in force: " + masked);
    }

    @Test
    void theDeviceLogitsStartAtThePriorThroughTemperatureAndSquashing() {
        double[] prior = {-1.2, 0.7, 0.5};
        for (Seq2SeqPolicy.Logits shape : java.util.List.of(new Seq2SeqPolicy.Logits(1, 0, 0), new Seq2SeqPolicy.Logits(5, 2.5, 0))) {
            Seq2SeqPolicy policy = new Seq2SeqPolicy(FEATURES, HIDDEN, DEVICES).initialise(new Rng(4));
            double[] p = policy.params();
            // W_o, just before b_o, zero: the logits are b_o alone
            java.util.Arrays.fill(p, p.length - DEVICES - 2 * HIDDEN * DEVICES, p.length - DEVICES, 0);
            policy.setDeviceLogits(prior, shape);
            policy.forward(inputs(5), 1, shape, Seq2SeqPolicy.Choice.GREEDY, null, new int[1][GROUPS]);
            double z = Math.exp(-1.2) + Math.exp(0.7) + Math.exp(0.5);
            for (int d = 0; d < DEVICES; d++) assertEquals(Math.exp(prior[d]) / z, policy.probability(2, 0, d), 1e-12, shape.toString());
        }
    }

    @Test
    void sampledPlacementsFollowThePolicyAndGreedyTakesTheLikeliestDevice() {
        Seq2SeqPolicy policy = new Seq2SeqPolicy(FEATURES, HIDDEN, DEVICES).initialise(new Rng(4));
        // a strong bias towards device 2 in every distribution
        double[] p = policy.params();
        int biasOff = p.length - DEVICES;
        p[biasOff + 2] = 3;
        double[][] x = inputs(5);
        int n = 2000;
        int[][] placements = new int[n][GROUPS];
        policy.forward(x, n, new Seq2SeqPolicy.Logits(1, 0, 0), Seq2SeqPolicy.Choice.SAMPLE, new Rng(6), placements);
        int[][] greedy = new int[1][GROUPS];
        Seq2SeqPolicy twin = new Seq2SeqPolicy(FEATURES, HIDDEN, DEVICES);
        System.arraycopy(policy.params(), 0, twin.params(), 0, policy.numParams());
        twin.forward(x, 1, new Seq2SeqPolicy.Logits(1, 0, 0), Seq2SeqPolicy.Choice.GREEDY, null, greedy);
        assertArrayEquals(new int[] {2, 2, 2, 2}, greedy[0]);
        // the first group's device is drawn from one distribution, the same for every sample
        double p2 = policy.probability(0, 0, 2);
        assertTrue(p2 > 0.5 && p2 < 0.99, "a test that can fail: " + p2);
        int count = 0;
        for (int[] placement : placements) count += placement[0] == 2 ? 1 : 0;
        assertEquals(p2, count / (double) n, 4 * Math.sqrt(p2 * (1 - p2) / n));
    }
}
