package io.gauntlet.core.nn;

import io.gauntlet.core.random.Rng;
import java.util.Arrays;

/**
 * Weight initialisations, written into an {@link Mlp}'s flat parameters (biases set to zero).
 *
 * <p>{@link #orthogonal} follows PyTorch's {@code nn.init.orthogonal_}: a Gaussian matrix of the weight's shape
 * ({@code out × in} in PyTorch's convention, transposed when it has fewer rows than columns), its QR factor
 * {@code Q} with the signs fixed so that {@code R} has a positive diagonal, times {@code gain}. Gram-Schmidt
 * produces exactly that sign-fixed {@code Q}; we run it twice ("twice is enough") for orthogonality to working
 * precision. CleanRL's PPO uses gain √2 on hidden layers, 0.01 on the policy head and 1 on the value head.
 *
 * <p>{@link #xavierUniform} is Glorot and Bengio's U(±gain·√(6/(in+out))), the default of rllab's (Lasagne)
 * networks.
 */
public final class Init {
    private Init() {}

    /** Orthogonal hidden layers with {@code hiddenGain}, output layer with {@code outputGain}, zero biases. */
    public static void orthogonal(Mlp mlp, Rng rng, double hiddenGain, double outputGain) {
        int layers = mlp.numLayers();
        int[] sizes = mlp.sizes();
        for (int l = 0; l < layers; l++) {
            double gain = l == layers - 1 ? outputGain : hiddenGain;
            orthogonal(mlp.params(), mlp.weightOffset(l), sizes[l], sizes[l + 1], gain, rng);
            Arrays.fill(mlp.params(), mlp.biasOffset(l), mlp.biasOffset(l) + sizes[l + 1], 0.0);
        }
    }

    /**
     * PyTorch's default for {@code nn.Linear} (Kaiming uniform with a = √5): weights and biases of every layer
     * U(±1/√fan_in), what CleanRL's TD3 and SAC networks start from.
     */
    public static void pytorchDefault(Mlp mlp, Rng rng) {
        int[] sizes = mlp.sizes();
        double[] p = mlp.params();
        for (int l = 0; l < mlp.numLayers(); l++) {
            double limit = 1 / Math.sqrt(sizes[l]);
            for (int i = mlp.weightOffset(l), end = mlp.biasOffset(l) + sizes[l + 1]; i < end; i++) p[i] = rng.uniform(-limit, limit);
        }
    }

    /** Xavier/Glorot uniform weights on every layer (times {@code gain}), zero biases. */
    public static void xavierUniform(Mlp mlp, Rng rng, double gain) {
        int[] sizes = mlp.sizes();
        for (int l = 0; l < mlp.numLayers(); l++) {
            int in = sizes[l];
            int out = sizes[l + 1];
            double limit = gain * Math.sqrt(6.0 / (in + out));
            int w = mlp.weightOffset(l);
            for (int i = 0; i < in * out; i++) mlp.params()[w + i] = rng.uniform(-limit, limit);
            Arrays.fill(mlp.params(), mlp.biasOffset(l), mlp.biasOffset(l) + out, 0.0);
        }
    }

    /**
     * Writes an orthogonal {@code in × out} weight block at {@code w[off ..]} (the transpose of PyTorch's
     * {@code out × in} weight): when {@code out ≤ in} the {@code out} columns of the block are orthonormal
     * (times gain), otherwise its {@code in} rows are.
     */
    public static void orthogonal(double[] w, int off, int in, int out, double gain, Rng rng) {
        // PyTorch: rows = out, cols = in; QR of the taller orientation, so the vectors we orthonormalise are
        // the min(in, out) vectors of length max(in, out).
        int count = Math.min(in, out);
        int len = Math.max(in, out);
        double[][] v = new double[count][len];
        for (int r = 0; r < len; r++) {
            for (int c = 0; c < count; c++) v[c][r] = rng.nextGaussian();
        }
        for (int c = 0; c < count; c++) {
            for (int pass = 0; pass < 2; pass++) {
                for (int p = 0; p < c; p++) {
                    double dot = 0;
                    for (int r = 0; r < len; r++) dot += v[p][r] * v[c][r];
                    for (int r = 0; r < len; r++) v[c][r] -= dot * v[p][r];
                }
            }
            double norm = 0;
            for (int r = 0; r < len; r++) norm += v[c][r] * v[c][r];
            norm = Math.sqrt(norm);
            for (int r = 0; r < len; r++) v[c][r] /= norm;
        }
        // PyTorch weight W (out × in): if out >= in, its in columns are the vectors (length out), W[j][k] = v[k][j];
        // otherwise its out rows are the vectors (length in), W[j][k] = v[j][k]. Our block stores W transposed.
        for (int k = 0; k < in; k++) {
            for (int j = 0; j < out; j++) {
                double wjk = out >= in ? v[k][j] : v[j][k];
                w[off + k * out + j] = gain * wjk;
            }
        }
    }
}
