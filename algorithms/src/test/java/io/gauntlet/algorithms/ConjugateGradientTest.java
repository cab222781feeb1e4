package io.gauntlet.algorithms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.gauntlet.core.random.Rng;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.junit.jupiter.api.Test;

class ConjugateGradientTest {
    @Test
    void solvesSymmetricPositiveDefiniteSystemLikeADirectSolve() {
        int n = 12;
        Rng rng = new Rng(7);
        double[][] m = new double[n][n];
        for (double[] row : m) for (int j = 0; j < n; j++) row[j] = rng.nextGaussian();
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = i == j ? 0.5 : 0;
                for (int k = 0; k < n; k++) s += m[k][i] * m[k][j];
                a[i][j] = s;
            }
        }
        double[] b = new double[n];
        for (int i = 0; i < n; i++) b[i] = rng.nextGaussian();

        double[] x = ConjugateGradient.solve((v, out) -> {
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int j = 0; j < n; j++) s += a[i][j] * v[j];
                out[i] = s;
            }
        }, b, 3 * n, 1e-20);

        double[] direct = new CholeskyDecomposition(new Array2DRowRealMatrix(a)).getSolver()
                .solve(new ArrayRealVector(b)).toArray();
        assertArrayEquals(direct, x, 1e-8);
    }

    @Test
    void exactInNStepsOnADiagonalSystem() {
        double[] d = {1, 4, 9};
        double[] b = {1, 2, 3};
        double[] x = ConjugateGradient.solve((v, out) -> {
            for (int i = 0; i < 3; i++) out[i] = d[i] * v[i];
        }, b, 3, 0);
        assertArrayEquals(new double[] {1, 0.5, 1.0 / 3}, x, 1e-12);
    }
}
