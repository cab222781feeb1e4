package io.gauntlet.core.nn;

import io.gauntlet.core.SideThread;

/**
 * The dense layers' one kernel: {@code C ← C + A·B} on row arrays ({@code c[r]}, {@code a[r]}, {@code b[q]}, each
 * a separate {@code double[]}), for the rows {@code r} in {@code [rowFrom, rowTo)} of C, {@code n} columns and inner
 * dimension {@code p}. A layer's forward pass ({@code x·W}), its input gradient ({@code δ·Wᵀ}) and its weight
 * gradient ({@code xᵀ·δ}) are all this product, with operands laid out by {@link Mlp}.
 *
 * <p><b>Summation order.</b> Every element {@code C[r][j]} is summed over {@code q = 0, 1, …, p−1} in that order, in
 * one of two ways ({@link Summation}). Nothing else about the loops (blocking, the Vector API or plain Java, which
 * thread computes which rows) changes a bit of the result: a product split between two threads equals the one-thread
 * product, and every path equals the plain triple loop of its summation ({@code GemmTest}). So the kernel a run
 * happens to use is not part of its identity; the summation is (a network's, fixed by its algorithm).
 *
 * <p><b>Paths.</b> {@link Summation#FUSED} runs {@link VectorGemm}'s register-blocked micro-kernel when the Vector API
 * module is present (the launcher, the build and the benchmarks add it) and the plain loops below otherwise.
 * {@link Summation#GROUPS_OF_FOUR} runs one row of C at a time, four rows of B per pass
 * ({@code c[j] += a0·b0[j] + … + a3·b3[j]}), the loop C2 on JDK 17 vectorises (it gives up on such bodies spanning
 * several rows of C). Figures: docs/performance.md.
 */
public final class Gemm {
    private Gemm() {}

    /** How each element's products are added up. */
    public enum Summation {
        /**
         * Products in groups of four, summed and then added: {@code c += ((a0·b0 + a1·b1) + a2·b2) + a3·b3}, the
         * rest one at a time; a multiplication and an addition per term, each rounded. The order the on-policy
         * methods' (PPO's, TRPO's, …) recorded results were computed in, kept so that they reproduce exactly.
         */
        GROUPS_OF_FOUR,
        /**
         * One fused multiply-add per term, in order: {@code c = fma(a_q, b_q, c)}, one rounding per term, as the CPU's
         * FMA units and BLAS compute; twice the arithmetic per instruction. The off-policy methods' networks use it.
         */
        FUSED
    }

    /** True when the Vector API module was added to this JVM ({@code --add-modules jdk.incubator.vector}). */
    public static final boolean VECTOR_API = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    /**
     * Products below this many multiply-adds (a 128 × 128 × 128 one) stay on one thread: handing half over is cheap
     * when the second core is idle, but not when another job keeps it busy, and a 64-wide network's products gain too
     * little to risk that.
     */
    static final long SPLIT_WORK = 1L << 21;

    /** {@code C[r][0..n) += Σ_q a[r][q]·b[q][0..n)} for {@code rowFrom ≤ r < rowTo} and {@code q < p}, summed as {@code order}. */
    public static void multiplyAdd(Summation order, double[][] c, double[][] a, double[][] b, int rowFrom, int rowTo, int n, int p) {
        multiplyAdd(order, c, a, b, rowFrom, rowTo, n, p, VECTOR_API);
    }

    /** As above, on the Vector API path or the plain loops (for benchmarks and tests: both give the same bits). */
    public static void multiplyAdd(Summation order, double[][] c, double[][] a, double[][] b, int rowFrom, int rowTo, int n, int p,
                                   boolean vectorApi) {
        if (order == Summation.FUSED) {
            if (vectorApi) VectorGemm.multiplyAdd(c, a, b, rowFrom, rowTo, n, p);
            else for (int r = rowFrom; r < rowTo; r++) fusedRow(c[r], a[r], b, n, p);
        } else {
            for (int r = rowFrom; r < rowTo; r++) groupedRow(c[r], a[r], b, n, p);
        }
    }

    /**
     * As {@link #multiplyAdd}, the rows split between the calling thread and {@code side} (when it is threaded and the
     * product is large enough to pay for the hand-over); the same result either way.
     */
    public static void multiplyAdd(Summation order, double[][] c, double[][] a, double[][] b, int rows, int n, int p, SideThread<Void> side) {
        if (side == null || !side.threaded() || rows < 8 || (long) rows * n * p < SPLIT_WORK) {
            multiplyAdd(order, c, a, b, 0, rows, n, p);
            return;
        }
        int half = (rows / 2) & ~3;
        side.submit(() -> {
            multiplyAdd(order, c, a, b, half, rows, n, p);
            return null;
        });
        multiplyAdd(order, c, a, b, 0, half, n, p);
        try {
            side.join();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e); // the task throws nothing checked
        }
    }

    /**
     * {@code t[c][r] = a[r][c]} for {@code r < rows}, {@code c < cols}, in 8 × 8 blocks: eight rows read and eight
     * written per block stay in L1, where a column-at-a-time transpose of a 256 × 256 layer misses on every read.
     */
    public static void transpose(double[][] a, int rows, int cols, double[][] t) {
        for (int r0 = 0; r0 < rows; r0 += 8) {
            int r1 = Math.min(rows, r0 + 8);
            for (int c0 = 0; c0 < cols; c0 += 8) {
                int c1 = Math.min(cols, c0 + 8);
                for (int r = r0; r < r1; r++) {
                    double[] ar = a[r];
                    for (int c = c0; c < c1; c++) t[c][r] = ar[c];
                }
            }
        }
    }

    /** One row of the fused product, four terms per pass (the loop C2 vectorises, with vector FMA). */
    private static void fusedRow(double[] c, double[] a, double[][] b, int n, int p) {
        int q = 0;
        for (; q + 3 < p; q += 4) {
            double[] b0 = b[q], b1 = b[q + 1], b2 = b[q + 2], b3 = b[q + 3];
            double a0 = a[q], a1 = a[q + 1], a2 = a[q + 2], a3 = a[q + 3];
            for (int j = 0; j < n; j++) c[j] = Math.fma(a3, b3[j], Math.fma(a2, b2[j], Math.fma(a1, b1[j], Math.fma(a0, b0[j], c[j]))));
        }
        for (; q < p; q++) {
            double[] bq = b[q];
            double aq = a[q];
            for (int j = 0; j < n; j++) c[j] = Math.fma(aq, bq[j], c[j]);
        }
    }

    /** Columns {@code [from, to)} of one row of the fused product, terms {@code [q0, q1)}: the vector kernel's ragged edge. */
    static void fusedColumns(double[] c, double[] a, double[][] b, int from, int to, int q0, int q1) {
        for (int j = from; j < to; j++) {
            double s = c[j];
            for (int q = q0; q < q1; q++) s = Math.fma(a[q], b[q][j], s);
            c[j] = s;
        }
    }

    private static void groupedRow(double[] c, double[] a, double[][] b, int n, int p) {
        int q = 0;
        for (; q + 3 < p; q += 4) {
            double[] b0 = b[q], b1 = b[q + 1], b2 = b[q + 2], b3 = b[q + 3];
            double a0 = a[q], a1 = a[q + 1], a2 = a[q + 2], a3 = a[q + 3];
            for (int j = 0; j < n; j++) c[j] += a0 * b0[j] + a1 * b1[j] + a2 * b2[j] + a3 * b3[j];
        }
        for (; q < p; q++) {
            double[] bq = b[q];
            double aq = a[q];
            for (int j = 0; j < n; j++) c[j] += aq * bq[j];
        }
    }
}
