package io.gauntlet.core.nn;

/** Gradient utilities over flat arrays. */
public final class Gradients {
    private Gradients() {}

    /** Euclidean norm of all the given arrays taken together: the square root of the sum of their {@link #sumOfSquares}. */
    public static double globalNorm(double[]... grads) {
        double s = 0;
        for (double[] g : grads) s += sumOfSquares(g);
        return Math.sqrt(s);
    }

    /**
     * Σ g², in four interleaved partial sums (a fixed order, so results never depend on threads): a single running
     * sum is one long chain of dependent additions, four times slower.
     */
    public static double sumOfSquares(double[] g) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i + 3 < g.length; i += 4) {
            s0 += g[i] * g[i];
            s1 += g[i + 1] * g[i + 1];
            s2 += g[i + 2] * g[i + 2];
            s3 += g[i + 3] * g[i + 3];
        }
        for (; i < g.length; i++) s0 += g[i] * g[i];
        return (s0 + s1) + (s2 + s3);
    }

    /** The factor {@link #clipGlobalNorm} scales by for a joint squared norm {@code sumOfSquares}: min(1, maxNorm / (norm + 1e-6)). */
    public static double clipCoefficient(double maxNorm, double sumOfSquares) {
        return Math.min(1.0, maxNorm / (Math.sqrt(sumOfSquares) + 1e-6));
    }

    /** Multiplies {@code g} by {@code coef} in place unless it is 1. */
    public static void scale(double[] g, double coef) {
        if (coef == 1.0) return;
        for (int i = 0; i < g.length; i++) g[i] *= coef;
    }

    /**
     * Global gradient-norm clipping as PyTorch's {@code clip_grad_norm_}: when the joint norm exceeds
     * {@code maxNorm}, every array is scaled by {@code maxNorm / (norm + 1e-6)}. Returns the norm before clipping.
     */
    public static double clipGlobalNorm(double maxNorm, double[]... grads) {
        double sumSq = 0;
        for (double[] g : grads) sumSq += sumOfSquares(g);
        double coef = clipCoefficient(maxNorm, sumSq);
        for (double[] g : grads) scale(g, coef);
        return Math.sqrt(sumSq);
    }
}
