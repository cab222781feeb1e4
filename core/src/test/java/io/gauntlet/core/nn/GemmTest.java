package io.gauntlet.core.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gauntlet.core.SideThread;
import io.gauntlet.core.random.Rng;
import io.gauntlet.core.testing.FiniteDifferences;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every path of {@link Gemm} against the plain triple loop of its summation, bit for bit: the Vector API's
 * register-blocked tiles and the plain loops, on shapes with ragged edges (rows not a multiple of the row block,
 * columns not a multiple of the vector length, inner dimensions across the block size), and products split between
 * two threads.
 */
class GemmTest {
    /** Sizes around every edge of the blocking: the row block (4), vector lengths (4, 8), two vectors, the q block. */
    private static final int[] SIZES = {1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 23, 33, 64, 65, 200, 257};

    /** The reference: C[r][j] summed over q in order, as the summation says, one element at a time. */
    static double[][] reference(Gemm.Summation order, double[][] c0, double[][] a, double[][] b, int m, int n, int p) {
        double[][] c = copy(c0);
        for (int r = 0; r < m; r++) {
            for (int j = 0; j < n; j++) {
                double s = c[r][j];
                if (order == Gemm.Summation.FUSED) {
                    for (int q = 0; q < p; q++) s = Math.fma(a[r][q], b[q][j], s);
                } else {
                    int q = 0;
                    for (; q + 3 < p; q += 4) s += a[r][q] * b[q][j] + a[r][q + 1] * b[q + 1][j] + a[r][q + 2] * b[q + 2][j] + a[r][q + 3] * b[q + 3][j];
                    for (; q < p; q++) s += a[r][q] * b[q][j];
                }
                c[r][j] = s;
            }
        }
        return c;
    }

    private static double[][] random(Rng rng, int rows, int cols) {
        double[][] x = new double[rows][];
        for (int r = 0; r < rows; r++) x[r] = FiniteDifferences.uniform(rng, cols, -1, 1);
        return x;
    }

    private static double[][] copy(double[][] x) {
        double[][] y = new double[x.length][];
        for (int r = 0; r < x.length; r++) y[r] = x[r].clone();
        return y;
    }

    private static void assertSame(double[][] expected, double[][] actual, String what) {
        for (int r = 0; r < expected.length; r++) assertArrayEquals(expected[r], actual[r], 0, what + ", row " + r);
    }

    @ParameterizedTest
    @EnumSource(Gemm.Summation.class)
    void everyPathEqualsThePlainLoopOfItsSummationOnRaggedShapes(Gemm.Summation order) {
        Rng rng = new Rng(17);
        for (int m : new int[] {1, 3, 4, 5, 9, 17}) {
            for (int n : SIZES) {
                for (int p : new int[] {1, 3, 4, 6, 17, 64, 191, 192, 193, 400}) {
                    double[][] c = random(rng, m, n), a = random(rng, m, p), b = random(rng, p, n);
                    double[][] want = reference(order, c, a, b, m, n, p);
                    String what = order + " " + m + "x" + p + "·" + p + "x" + n;
                    for (boolean vectorApi : new boolean[] {true, false}) {
                        double[][] got = copy(c);
                        Gemm.multiplyAdd(order, got, a, b, 0, m, n, p, vectorApi);
                        assertSame(want, got, what + (vectorApi ? " (Vector API)" : " (plain)"));
                    }
                }
            }
        }
    }

    @Test
    void theVectorApiIsOnInTests() {
        // The build adds the module (surefire's argLine), so the tests above exercise the vector kernels.
        assertTrue(Gemm.VECTOR_API, "jdk.incubator.vector missing: the fast path would not be tested");
    }

    @Test
    void rowsOfPartlyComputedProductsAreLeftAlone() {
        Rng rng = new Rng(3);
        double[][] c = random(rng, 9, 20), a = random(rng, 9, 7), b = random(rng, 7, 20);
        double[][] want = reference(Gemm.Summation.FUSED, c, a, b, 9, 20, 7);
        double[][] got = copy(c);
        Gemm.multiplyAdd(Gemm.Summation.FUSED, got, a, b, 2, 7, 20, 7);
        for (int r = 0; r < 9; r++) assertArrayEquals(r >= 2 && r < 7 ? want[r] : c[r], got[r], 0, "row " + r);
    }

    @ParameterizedTest
    @EnumSource(Gemm.Summation.class)
    void aProductSplitBetweenTwoThreadsEqualsTheOneThreadProduct(Gemm.Summation order) throws Exception {
        Rng rng = new Rng(5);
        int m = 130, n = 130, p = 130; // above the split threshold, rows not a multiple of 8
        double[][] c = random(rng, m, n), a = random(rng, m, p), b = random(rng, p, n);
        double[][] want = reference(order, c, a, b, m, n, p);
        try (SideThread<Void> side = new SideThread<>("gemm-test", true)) {
            assertTrue((long) m * n * p >= Gemm.SPLIT_WORK);
            for (int repeat = 0; repeat < 3; repeat++) {
                double[][] got = copy(c);
                Gemm.multiplyAdd(order, got, a, b, m, n, p, side);
                assertSame(want, got, order + " split, repeat " + repeat);
            }
        }
    }

    @Test
    void transposeAcrossBlockEdges() {
        Rng rng = new Rng(8);
        for (int rows : new int[] {1, 7, 8, 9, 20}) {
            for (int cols : new int[] {1, 5, 8, 17}) {
                double[][] a = random(rng, rows, cols), t = new double[cols][rows];
                Gemm.transpose(a, rows, cols, t);
                for (int r = 0; r < rows; r++) for (int c = 0; c < cols; c++) assertEquals(a[r][c], t[c][r], 0);
            }
        }
    }

    @Test
    void fusedSumsRoundOncePerTerm() {
        // x = the double nearest 1/3 = (1 − 2⁻⁵⁴)/3. Multiplied separately, 3x rounds to 1 and 3x − 1 cancels to 0;
        // fused, the exact product survives: fma(3, x, −1) = −2⁻⁵⁴.
        double third = 1.0 / 3;
        double[][] c = {{-1}}, a = {{3}}, b = {{third}};
        Gemm.multiplyAdd(Gemm.Summation.FUSED, c, a, b, 0, 1, 1, 1);
        assertEquals(-Math.scalb(1.0, -54), c[0][0], 0);
        double[][] g = {{-1}};
        Gemm.multiplyAdd(Gemm.Summation.GROUPS_OF_FOUR, g, a, b, 0, 1, 1, 1);
        assertEquals(0.0, g[0][0], 0);
    }
}
