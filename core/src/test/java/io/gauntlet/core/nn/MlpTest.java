package io.gauntlet.core.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gauntlet.core.testing.FiniteDifferences;
import io.gauntlet.core.random.Rng;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class MlpTest {
    private static final int[] SIZES = {3, 5, 4, 2};

    /** Loss = Σ_i Σ_j c_ij · y_ij with fixed random c, so dLoss/dy = c. */
    private static double loss(Mlp mlp, double[] x, int n, double[] c) {
        double[] y = mlp.forwardBatch(x, n);
        double s = 0;
        for (int i = 0; i < n * mlp.outputDim(); i++) s += c[i] * y[i];
        return s;
    }

    private static Mlp randomMlp(Mlp.Activation act, long seed) {
        Mlp mlp = new Mlp(SIZES, act);
        Rng rng = new Rng(seed);
        // Non-zero biases, so that ReLU units sit away from their kink at x = 0.
        for (int i = 0; i < mlp.numParams(); i++) mlp.params()[i] = rng.uniform(-1, 1);
        return mlp;
    }

    private static Mlp randomMlp(int[] sizes, Mlp.Activation act, Gemm.Summation summation, long seed) {
        Mlp mlp = new Mlp(sizes, act, summation);
        Rng rng = new Rng(seed);
        for (int i = 0; i < mlp.numParams(); i++) mlp.params()[i] = rng.uniform(-1, 1) / Math.sqrt(sizes[0]);
        return mlp;
    }

    /**
     * Both summations, narrow layers (transposed) and wide ones with ragged edges: 9 rows (two row blocks and one),
     * 19 and 37 units (not multiples of 4 or 8 lanes).
     */
    @ParameterizedTest
    @EnumSource(Mlp.Activation.class)
    void parameterAndInputGradientsMatchCentralFiniteDifferences(Mlp.Activation act) {
        for (Gemm.Summation summation : Gemm.Summation.values()) {
            for (int[] sizes : new int[][] {SIZES, {5, 37, 19, 3}}) {
                Mlp mlp = randomMlp(sizes, act, summation, 7);
                Rng rng = new Rng(11);
                int n = 9;
                int in = sizes[0], out = sizes[sizes.length - 1];
                double[] x = FiniteDifferences.uniform(rng, n * in, -2, 2);
                double[] c = FiniteDifferences.uniform(rng, n * out, -1, 1);

                mlp.zeroGradients();
                mlp.forwardBatch(x, n);
                double[] dx = new double[x.length];
                mlp.backwardBatch(c, n, dx);
                String what = act + " " + summation + " " + java.util.Arrays.toString(sizes);
                FiniteDifferences.assertGradient("param " + what, mlp.params(), mlp.gradients().clone(), () -> loss(mlp, x, n, c), 1e-6, 1e-6);
                FiniteDifferences.assertGradient("input " + what, x, dx, () -> loss(mlp, x, n, c), 1e-6, 1e-6);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Gemm.Summation.class)
    void aNetworkSharingItsProductsWithASecondThreadComputesTheSameBits(Gemm.Summation summation) throws Exception {
        int[] sizes = {23, 160, 160, 1};
        int n = 90; // 90 × 160 × 160 multiply-adds: above the split threshold
        Rng rng = new Rng(4);
        double[] x = FiniteDifferences.uniform(rng, n * 23, -1, 1), d = FiniteDifferences.uniform(rng, n, -1, 1);
        Mlp one = randomMlp(sizes, Mlp.Activation.RELU, summation, 9);
        Mlp two = randomMlp(sizes, Mlp.Activation.RELU, summation, 9);
        try (io.gauntlet.core.SideThread<Void> side = new io.gauntlet.core.SideThread<>("mlp-test", true)) {
            two.splitWith(side);
            double[] y1 = one.forwardBatch(x, n).clone(), y2 = two.forwardBatch(x, n).clone();
            double[] dx1 = new double[x.length], dx2 = new double[x.length];
            one.backwardBatch(d, n, dx1);
            two.backwardBatch(d, n, dx2);
            assertArrayEquals(y1, y2, 0);
            assertArrayEquals(dx1, dx2, 0);
            assertArrayEquals(one.gradients(), two.gradients(), 0);
        }
    }

    @Test
    void inputGradientAloneEqualsTheFullBackwardPassesAndLeavesTheGradients() {
        Mlp mlp = randomMlp(new int[] {5, 37, 19, 3}, Mlp.Activation.RELU, Gemm.Summation.FUSED, 3);
        Rng rng = new Rng(4);
        int n = 9;
        double[] x = FiniteDifferences.uniform(rng, n * 5, -1, 1), c = FiniteDifferences.uniform(rng, n * 3, -1, 1);
        mlp.forwardBatch(x, n);
        double[] full = new double[x.length], alone = new double[x.length];
        mlp.zeroGradients();
        mlp.backwardBatch(c, n, full);
        double[] grads = mlp.gradients().clone();
        mlp.inputGradient(c, n, alone);
        assertArrayEquals(full, alone, 0);
        assertArrayEquals(grads, mlp.gradients(), 0);
    }

    @Test
    void backwardAccumulatesIntoGradients() {
        Mlp mlp = randomMlp(Mlp.Activation.TANH, 3);
        double[] x = {0.1, -0.2, 0.3};
        double[] c = {1, -1};
        mlp.zeroGradients();
        mlp.forwardBatch(x, 1);
        mlp.backwardBatch(c, 1, null);
        double[] once = mlp.gradients().clone();
        mlp.forwardBatch(x, 1);
        mlp.backwardBatch(c, 1, null);
        for (int i = 0; i < once.length; i++) assertEquals(2 * once[i], mlp.gradients()[i], 1e-15);
    }

    @ParameterizedTest
    @EnumSource(Mlp.Activation.class)
    void singleForwardMatchesBatchRowsAndAHandComputedNet(Mlp.Activation act) {
        for (Gemm.Summation summation : Gemm.Summation.values()) {
            for (int[] sizes : new int[][] {SIZES, {5, 37, 19, 3}, {4, 64, 64, 2}}) {
                Mlp mlp = randomMlp(sizes, act, summation, 5);
                Rng rng = new Rng(2);
                int n = 9, in = sizes[0], out = sizes[sizes.length - 1];
                double[] x = FiniteDifferences.uniform(rng, n * in, -1, 1);
                double[] batch = mlp.forwardBatch(x, n).clone();
                for (int i = 0; i < n; i++) {
                    double[] y = mlp.forward(x, i * in);
                    for (int j = 0; j < out; j++) assertEquals(batch[i * out + j], y[j], 0, summation + " row " + i);
                }
            }
        }
        // A 1-1-1 tanh net by hand: y = w2 · tanh(w1·x + b1) + b2.
        Mlp tiny = new Mlp(new int[] {1, 1, 1}, Mlp.Activation.TANH);
        tiny.setParams(new double[] {0.5, 0.1, -2.0, 0.3});
        assertEquals(-2.0 * Math.tanh(0.5 * 0.7 + 0.1) + 0.3, tiny.forward(new double[] {0.7})[0], 1e-15);
    }

    @Test
    void viewsASliceOfALargerVector() {
        int[] sizes = {2, 3, 1};
        int np = Mlp.countParams(sizes);
        assertEquals(2 * 3 + 3 + 3 * 1 + 1, np);
        double[] params = new double[np + 5];
        double[] grads = new double[np + 5];
        Mlp mlp = new Mlp(sizes, Mlp.Activation.RELU, params, grads, 5);
        assertEquals(5, mlp.weightOffset(0));
        assertEquals(11, mlp.biasOffset(0));
        mlp.forwardBatch(new double[] {1, 1}, 1);
        mlp.backwardBatch(new double[] {1}, 1, null);
        for (int i = 0; i < 5; i++) assertEquals(0.0, grads[i]);
    }

    @Test
    void orthogonalInitGivesOrthonormalRowsOrColumnsTimesGain() {
        Rng rng = new Rng(42);
        for (int[] shape : new int[][] {{4, 64}, {64, 64}, {64, 2}, {17, 100}, {25, 6}}) {
            int in = shape[0], out = shape[1];
            double[] w = new double[in * out];
            double gain = Math.sqrt(2);
            Init.orthogonal(w, 0, in, out, gain, rng);
            // Block is in × out. If out ≤ in its columns are orthonormal (× gain), else its rows.
            boolean cols = out <= in;
            int count = cols ? out : in;
            int len = cols ? in : out;
            for (int a = 0; a < count; a++) {
                for (int b = 0; b < count; b++) {
                    double dot = 0;
                    for (int r = 0; r < len; r++) {
                        double wa = cols ? w[r * out + a] : w[a * out + r];
                        double wb = cols ? w[r * out + b] : w[b * out + r];
                        dot += wa * wb;
                    }
                    assertEquals(a == b ? gain * gain : 0.0, dot, 1e-12, in + "x" + out);
                }
            }
        }
    }

    @Test
    void initialisersZeroBiasesAndRespectGainsAndBounds() {
        Mlp mlp = new Mlp(new int[] {4, 64, 64, 2}, Mlp.Activation.TANH);
        Init.orthogonal(mlp, new Rng(1), Math.sqrt(2), 0.01);
        for (int l = 0; l < 3; l++) {
            for (int j = 0; j < mlp.sizes()[l + 1]; j++) assertEquals(0.0, mlp.params()[mlp.biasOffset(l) + j]);
        }
        // Head 64 → 2: columns orthonormal times 0.01, so each column has norm 0.01.
        double norm = 0;
        for (int k = 0; k < 64; k++) norm += Math.pow(mlp.params()[mlp.weightOffset(2) + k * 2], 2);
        assertEquals(0.01, Math.sqrt(norm), 1e-12);

        Mlp x = new Mlp(new int[] {10, 30}, Mlp.Activation.TANH);
        Init.xavierUniform(x, new Rng(1), 1.0);
        double limit = Math.sqrt(6.0 / 40), sumSq = 0;
        for (int i = 0; i < 300; i++) {
            double v = x.params()[i];
            assertTrue(Math.abs(v) <= limit);
            sumSq += v * v;
        }
        // Uniform(±L) has variance L²/3 = 2/(in+out) = 0.05; 300 draws: sd of the mean of squares ≈ 0.0026.
        assertEquals(0.05, sumSq / 300, 0.012);
    }

    @Test
    void fastTanhAgreesWithMathTanh() {
        Rng rng = new Rng(6);
        for (int i = 0; i < 300_000; i++) {
            double scale = i % 3 == 0 ? 1e-3 : i % 3 == 1 ? 1 : 8;
            double x = rng.nextGaussian() * scale;
            double ref = Math.tanh(x);
            assertEquals(ref, Mlp.tanh(x), 6e-16, "x = " + x);
            assertTrue(Math.abs(Mlp.tanh(x) - ref) <= 2e-15 * Math.abs(ref), "relative error at x = " + x);
        }
        assertEquals(1.0, Mlp.tanh(Double.POSITIVE_INFINITY));
        assertEquals(-1.0, Mlp.tanh(Double.NEGATIVE_INFINITY));
        assertEquals(-1.0, Mlp.tanh(-800));
        assertEquals(1.0, Mlp.tanh(19.5));
        assertEquals(0.0, Mlp.tanh(0.0));
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(Mlp.tanh(-0.0)));
        assertTrue(Double.isNaN(Mlp.tanh(Double.NaN)));
    }

    @Test
    void sizesHelper() {
        assertArrayEquals(new int[] {4, 32, 32, 2}, Mlp.sizes(4, new int[] {32, 32}, 2));
        assertArrayEquals(new int[] {4, 2}, Mlp.sizes(4, new int[0], 2));
    }
}
