package io.gauntlet.core.linalg;

/**
 * Dense Cholesky factorisation {@code A = L Lᵀ} of small symmetric positive-definite matrices, row-major n×n: the
 * physics engine's mass matrices and constraint Hessians, the linear feature baseline's normal equations.
 */
public final class Cholesky {
    private Cholesky() {}

    /** Writes L (lower triangle) from the lower triangle of {@code a}; false if {@code a} is not positive definite. */
    public static boolean factor(double[] a, double[] l, int n) {
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i * n + j];
                for (int k = 0; k < j; k++) s -= l[i * n + k] * l[j * n + k];
                if (i == j) {
                    if (!(s > 0)) return false;
                    l[i * n + i] = Math.sqrt(s);
                } else {
                    l[i * n + j] = s / l[j * n + j];
                }
            }
        }
        return true;
    }

    /** {@code out = (L Lᵀ)⁻¹ rhs}; rhs and out must be different arrays. */
    public static void solve(double[] l, int n, double[] rhs, double[] out) {
        for (int i = 0; i < n; i++) {
            double s = rhs[i];
            for (int k = 0; k < i; k++) s -= l[i * n + k] * out[k];
            out[i] = s / l[i * n + i];
        }
        for (int i = n - 1; i >= 0; i--) {
            double s = out[i];
            for (int k = i + 1; k < n; k++) s -= l[k * n + i] * out[k];
            out[i] = s / l[i * n + i];
        }
    }
}
