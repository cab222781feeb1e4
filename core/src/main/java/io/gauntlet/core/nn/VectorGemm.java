package io.gauntlet.core.nn;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Gemm}'s fused product on the Vector API ({@code jdk.incubator.vector}, an incubator module on JDK 17: the
 * launcher, the build and the benchmarks add it; {@link Gemm} uses this class only when the module is there).
 *
 * <p>The register-blocked micro-kernel of every fast GEMM: a tile of C, four rows by two vectors (8 × 8 doubles
 * on AVX-512, 4 × 8 on AVX2), stays in registers while {@code q} runs through a block of the inner dimension; per
 * {@code q} it loads two vectors of a row of B, broadcasts four elements of A and issues eight FMAs. Column strips
 * of B are walked in the outer loop, so a strip (a block of {@code Q_BLOCK} rows of B by two vectors) stays in the
 * L1 cache while every row block of C passes over it. Each element of C is still summed over {@code q} in order, one
 * FMA per term (a tile's lanes are separate elements), so the result is bit for bit {@link Gemm}'s plain loop.
 */
final class VectorGemm {
    private VectorGemm() {}

    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    /** Rows of B per block: a strip of them, two vectors wide, fills half of a 48 KB L1 with AVX-512. */
    private static final int Q_BLOCK = 192;

    static void multiplyAdd(double[][] c, double[][] a, double[][] b, int rowFrom, int rowTo, int n, int p) {
        for (int q0 = 0; q0 < p; q0 += Q_BLOCK) {
            int q1 = Math.min(p, q0 + Q_BLOCK);
            int j = 0;
            for (; j + 2 * L <= n; j += 2 * L) {
                int r = rowFrom;
                for (; r + 3 < rowTo; r += 4) tile4x2(c[r], c[r + 1], c[r + 2], c[r + 3], a[r], a[r + 1], a[r + 2], a[r + 3], b, j, q0, q1);
                for (; r < rowTo; r++) tile1x2(c[r], a[r], b, j, q0, q1);
            }
            for (; j + L <= n; j += L) {
                for (int r = rowFrom; r < rowTo; r++) tile1x1(c[r], a[r], b, j, q0, q1);
            }
            if (j < n) {
                for (int r = rowFrom; r < rowTo; r++) Gemm.fusedColumns(c[r], a[r], b, j, n, q0, q1);
            }
        }
    }

    private static void tile4x2(double[] c0, double[] c1, double[] c2, double[] c3, double[] a0, double[] a1, double[] a2,
                                double[] a3, double[][] b, int j, int q0, int q1) {
        int j1 = j + L;
        DoubleVector s00 = DoubleVector.fromArray(S, c0, j), s01 = DoubleVector.fromArray(S, c0, j1);
        DoubleVector s10 = DoubleVector.fromArray(S, c1, j), s11 = DoubleVector.fromArray(S, c1, j1);
        DoubleVector s20 = DoubleVector.fromArray(S, c2, j), s21 = DoubleVector.fromArray(S, c2, j1);
        DoubleVector s30 = DoubleVector.fromArray(S, c3, j), s31 = DoubleVector.fromArray(S, c3, j1);
        for (int q = q0; q < q1; q++) {
            double[] bq = b[q];
            DoubleVector w0 = DoubleVector.fromArray(S, bq, j), w1 = DoubleVector.fromArray(S, bq, j1);
            DoubleVector x = DoubleVector.broadcast(S, a0[q]);
            s00 = x.fma(w0, s00);
            s01 = x.fma(w1, s01);
            x = DoubleVector.broadcast(S, a1[q]);
            s10 = x.fma(w0, s10);
            s11 = x.fma(w1, s11);
            x = DoubleVector.broadcast(S, a2[q]);
            s20 = x.fma(w0, s20);
            s21 = x.fma(w1, s21);
            x = DoubleVector.broadcast(S, a3[q]);
            s30 = x.fma(w0, s30);
            s31 = x.fma(w1, s31);
        }
        s00.intoArray(c0, j);
        s01.intoArray(c0, j1);
        s10.intoArray(c1, j);
        s11.intoArray(c1, j1);
        s20.intoArray(c2, j);
        s21.intoArray(c2, j1);
        s30.intoArray(c3, j);
        s31.intoArray(c3, j1);
    }

    private static void tile1x2(double[] c0, double[] a0, double[][] b, int j, int q0, int q1) {
        int j1 = j + L;
        DoubleVector s0 = DoubleVector.fromArray(S, c0, j), s1 = DoubleVector.fromArray(S, c0, j1);
        for (int q = q0; q < q1; q++) {
            double[] bq = b[q];
            DoubleVector x = DoubleVector.broadcast(S, a0[q]);
            s0 = x.fma(DoubleVector.fromArray(S, bq, j), s0);
            s1 = x.fma(DoubleVector.fromArray(S, bq, j1), s1);
        }
        s0.intoArray(c0, j);
        s1.intoArray(c0, j1);
    }

    private static void tile1x1(double[] c0, double[] a0, double[][] b, int j, int q0, int q1) {
        DoubleVector s = DoubleVector.fromArray(S, c0, j);
        for (int q = q0; q < q1; q++) s = DoubleVector.broadcast(S, a0[q]).fma(DoubleVector.fromArray(S, b[q], j), s);
        s.intoArray(c0, j);
    }
}
