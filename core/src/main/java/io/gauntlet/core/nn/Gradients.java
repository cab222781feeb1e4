package io.gauntlet.core.nn;

/** Gradient utilities over flat arrays. */
public final class Gradients {
    private Gradients() {}

    /** Euclidean norm of all the given arrays taken together. */
    public static double globalNorm(double[]... grads) {
        double s = 0;
        for (double[] g : grads) for (double x : g) s += x * x;
        return Math.sqrt(s);
    }

    /**
     * Global gradient-norm clipping as PyTorch's {@code clip_grad_norm_}: when the joint norm exceeds
     * {@code maxNorm}, every array is scaled by {@code maxNorm / (norm + 1e-6)}. Returns the norm before clipping.
     */
    public static double clipGlobalNorm(double maxNorm, double[]... grads) {
        double norm = globalNorm(grads);
        double coef = maxNorm / (norm + 1e-6);
        if (coef < 1) {
            for (double[] g : grads) for (int i = 0; i < g.length; i++) g[i] *= coef;
        }
        return norm;
    }
}
