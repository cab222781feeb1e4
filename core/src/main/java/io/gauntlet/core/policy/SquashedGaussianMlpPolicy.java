package io.gauntlet.core.policy;

import io.gauntlet.core.env.Box;
import io.gauntlet.core.nn.Gemm;
import io.gauntlet.core.nn.Mlp;
import io.gauntlet.core.random.Rng;

/**
 * SAC's policy (Haarnoja et al. 2018, as CleanRL's {@code sac_continuous_action.py}): an MLP gives, per action
 * dimension, a mean {@code m} and a raw log-std {@code z}, squashed into {@code [LOG_STD_MIN, LOG_STD_MAX]} by
 * {@code log σ = min + ½(max − min)(tanh z + 1)}; the action is {@code a = centre + scale·tanh(u)} with
 * {@code u = m + σ·ε}, {@code ε ~ N(0, I)} (the reparameterisation), always inside the (finite) action box.
 *
 * <p>Its log-likelihood is the Gaussian's at {@code u} minus the log-Jacobian of the squashing,
 * {@code log π(a|s) = Σ_i [log N(u_i; m_i, σ_i) − log(scale_i (1 − tanh² u_i) + 1e-6)]}: the paper's appendix C
 * correction for the unit box, with the scale of the env's box (CleanRL's), so it is the density of the action the env
 * receives; 1e-6 keeps the logarithm finite where tanh saturates.
 *
 * <p>{@link #sample} keeps what {@link #backward} needs: the gradient, through the reparameterised sample, of a loss
 * given its derivatives by each action and each log-likelihood ({@code ε} held fixed).
 */
public final class SquashedGaussianMlpPolicy extends MlpPolicy {
    /** CleanRL's bounds of the log standard deviation. */
    public static final double LOG_STD_MIN = -5;
    public static final double LOG_STD_MAX = 2;
    private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);
    private static final double SQUASH_EPSILON = 1e-6;

    private final int dim;
    private final double[] centre;
    private final double[] scale;
    // Per sampled row and dimension, from the last sample: ε, tanh(u), σ, tanh(z).
    private double[] eps = new double[0], t = new double[0], sigma = new double[0], tanhZ = new double[0];
    private double[] actions = new double[0], logProbs = new double[0], dOut = new double[0];

    public SquashedGaussianMlpPolicy(int observationDim, Box actionSpace, int[] hidden, Mlp.Activation activation, Gemm.Summation summation) {
        super(new Mlp(Mlp.sizes(observationDim, hidden, 2 * actionSpace.dim()), activation, summation), actionSpace.dim());
        dim = actionSpace.dim();
        centre = new double[dim];
        scale = new double[dim];
        for (int i = 0; i < dim; i++) {
            double lo = actionSpace.low(i), hi = actionSpace.high(i);
            if (!Double.isFinite(lo) || !Double.isFinite(hi)) {
                throw new IllegalArgumentException("a squashed policy needs a bounded action box, got " + actionSpace.describe());
            }
            centre[i] = (lo + hi) / 2;
            scale[i] = (hi - lo) / 2;
        }
    }

    /** log σ from the network's raw output z. */
    static double logStd(double z) {
        return LOG_STD_MIN + 0.5 * (LOG_STD_MAX - LOG_STD_MIN) * (Mlp.tanh(z) + 1);
    }

    @Override
    public void act(double[] observation, Rng rng, double[] action) {
        double[] y = mlp.forward(observation);
        for (int i = 0; i < dim; i++) {
            double u = y[i] + Math.exp(logStd(y[dim + i])) * rng.nextGaussian();
            action[i] = centre[i] + scale[i] * Mlp.tanh(u);
        }
    }

    /** The squashed mean, {@code centre + scale·tanh(m)}. */
    @Override
    public void actDeterministic(double[] observation, double[] action) {
        double[] y = mlp.forward(observation);
        for (int i = 0; i < dim; i++) action[i] = centre[i] + scale[i] * Mlp.tanh(y[i]);
    }

    @Override
    public void actBatch(double[] observations, int n, Rng rng, double[] out) {
        System.arraycopy(sample(observations, n, rng), 0, out, 0, n * dim);
    }

    /** Samples an action for each of {@code n} observations (the policy's buffer, {@code n × actionDim}); {@link #logProbs()} holds their log-likelihoods. */
    public double[] sample(double[] observations, int n, Rng rng) {
        ensure(n);
        for (int k = 0; k < n * dim; k++) eps[k] = rng.nextGaussian();
        return sample(observations, n, eps);
    }

    /** As {@link #sample(double[], int, Rng)} with the standard-normal draws given ({@code n × actionDim}). */
    public double[] sample(double[] observations, int n, double[] noise) {
        ensure(n);
        if (noise != eps) System.arraycopy(noise, 0, eps, 0, n * dim);
        double[] y = mlp.forwardBatch(observations, n);
        int w = 2 * dim;
        for (int b = 0; b < n; b++) {
            double logp = 0;
            for (int i = 0; i < dim; i++) {
                int k = b * dim + i;
                double z = Mlp.tanh(y[b * w + dim + i]);
                double logStd = LOG_STD_MIN + 0.5 * (LOG_STD_MAX - LOG_STD_MIN) * (z + 1);
                double s = Math.exp(logStd);
                double ti = Mlp.tanh(y[b * w + i] + s * eps[k]);
                tanhZ[k] = z;
                sigma[k] = s;
                t[k] = ti;
                actions[k] = centre[i] + scale[i] * ti;
                // log N(u; m, σ) with u − m = σε, minus the squashing's log-Jacobian.
                logp += -0.5 * eps[k] * eps[k] - logStd - HALF_LOG_2PI - Math.log(scale[i] * (1 - ti * ti) + SQUASH_EPSILON);
            }
            logProbs[b] = logp;
        }
        return actions;
    }

    /** log π(a_b | s_b) of the last {@link #sample} (the policy's buffer). */
    public double[] logProbs() {
        return logProbs;
    }

    /**
     * Adds to {@link #gradients()} the gradient of a loss whose derivatives by the last sample's actions are
     * {@code dActions} ({@code n × actionDim}) and by its log-likelihoods {@code dLogProbs} ({@code n}), through
     * {@code a = centre + scale·tanh(m + σε)} with ε fixed.
     */
    public void backward(double[] dActions, double[] dLogProbs, int n) {
        int w = 2 * dim;
        if (dOut.length < n * w) dOut = new double[n * w];
        double half = 0.5 * (LOG_STD_MAX - LOG_STD_MIN);
        for (int b = 0; b < n; b++) {
            double dl = dLogProbs[b];
            for (int i = 0; i < dim; i++) {
                int k = b * dim + i;
                double ti = t[k], g = 1 - ti * ti, si = scale[i];
                // d log π / du = 2 scale t (1 − t²) / (scale (1 − t²) + 1e-6) (the Jacobian term; the Gaussian's is
                // constant in u − m = σε), da/du = scale (1 − t²).
                double dU = dActions[k] * si * g + dl * 2 * si * ti * g / (si * g + SQUASH_EPSILON);
                // u = m + σε; log N contributes −log σ, so d/d log σ = dU·σε − dl.
                double dLogStd = dU * sigma[k] * eps[k] - dl;
                dOut[b * w + i] = dU;
                dOut[b * w + dim + i] = dLogStd * half * (1 - tanhZ[k] * tanhZ[k]);
            }
        }
        mlp.backwardBatch(dOut, n, null);
    }

    private void ensure(int n) {
        if (actions.length >= n * dim) return;
        eps = new double[n * dim];
        t = new double[n * dim];
        sigma = new double[n * dim];
        tanhZ = new double[n * dim];
        actions = new double[n * dim];
        logProbs = new double[n];
    }
}
