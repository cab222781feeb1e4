package io.gauntlet.algorithms;

/**
 * Conjugate gradient for A x = b with A symmetric positive definite, given only products A·v, as TRPO and TNPG
 * use it to apply the inverse Fisher matrix (rllab: 10 iterations, residual tolerance 1e-10).
 */
public final class ConjugateGradient {
    /** Writes A·v into out. */
    @FunctionalInterface
    public interface Operator {
        void apply(double[] v, double[] out);
    }

    private ConjugateGradient() {}

    /** Returns x ≈ A⁻¹ b after at most {@code iterations} steps (fewer when the squared residual drops below tol). */
    public static double[] solve(Operator a, double[] b, int iterations, double residualTol) {
        int n = b.length;
        double[] x = new double[n];
        double[] r = b.clone();
        double[] p = b.clone();
        double[] ap = new double[n];
        double rr = dot(r, r);
        for (int i = 0; i < iterations && rr > residualTol; i++) {
            a.apply(p, ap);
            double pap = dot(p, ap);
            if (!(pap > 0)) break; // not positive definite along p (numerically): stop with what we have
            double alpha = rr / pap;
            for (int j = 0; j < n; j++) {
                x[j] += alpha * p[j];
                r[j] -= alpha * ap[j];
            }
            double rrNew = dot(r, r);
            double beta = rrNew / rr;
            for (int j = 0; j < n; j++) p[j] = r[j] + beta * p[j];
            rr = rrNew;
        }
        return x;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }
}
