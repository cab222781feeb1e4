package io.gauntlet.core.policy;

import io.gauntlet.core.distributions.DiagGaussian;
import io.gauntlet.core.distributions.Distribution;
import io.gauntlet.core.nn.Mlp;
import io.gauntlet.core.random.Rng;
import java.util.Arrays;

/**
 * A diagonal-Gaussian policy for a {@link io.gauntlet.core.env.Box} action space, as rllab's
 * {@code GaussianMLPPolicy}: an MLP gives the mean, and a state-independent learned log-std vector gives the
 * spread (initial std 1 as rllab; CleanRL's PPO also starts at log-std 0). The flat parameter vector is
 * {@code [mlp parameters | log-std]}.
 *
 * <p>Samples are unbounded: the sampler clips a copy to the action box before stepping the environment and
 * keeps the unclipped sample for {@code logProb} (see {@link Policy}).
 */
public final class GaussianMlpPolicy extends MlpPolicy implements StochasticPolicy {
    private final DiagGaussian dist;
    private final double[] params;
    private final int logStdOff;
    private final int dim;
    private final double[] one;
    private double[] batch = new double[0];

    public GaussianMlpPolicy(int observationDim, int actionDim, int[] hidden, Mlp.Activation activation, double initStd) {
        super(meanNetwork(observationDim, actionDim, hidden, activation), actionDim);
        if (!(initStd > 0) || Double.isInfinite(initStd)) throw new IllegalArgumentException("initial std must be positive and finite: " + initStd);
        this.params = mlp.params();
        this.logStdOff = mlp.numParams();
        this.dim = actionDim;
        this.dist = new DiagGaussian(actionDim);
        this.one = new double[2 * actionDim];
        Arrays.fill(params, logStdOff, logStdOff + dim, Math.log(initStd));
    }

    /** The mean's MLP, viewing the front of a parameter array that has room for the log-std vector after it. */
    private static Mlp meanNetwork(int observationDim, int actionDim, int[] hidden, Mlp.Activation activation) {
        int[] sizes = Mlp.sizes(observationDim, hidden, actionDim);
        int n = Mlp.countParams(sizes) + actionDim;
        return new Mlp(sizes, activation, new double[n], new double[n], 0);
    }

    /** rllab's default: initial std 1. */
    public GaussianMlpPolicy(int observationDim, int actionDim, int[] hidden, Mlp.Activation activation) {
        this(observationDim, actionDim, hidden, activation, 1.0);
    }

    /** Where the log-std vector starts in {@link #params()}. */
    public int logStdOffset() {
        return logStdOff;
    }

    @Override
    public Distribution distribution() {
        return dist;
    }


    private void fillOne(double[] observation) {
        System.arraycopy(mlp.forward(observation), 0, one, 0, dim);
        System.arraycopy(params, logStdOff, one, dim, dim);
    }

    @Override
    public void act(double[] observation, Rng rng, double[] action) {
        fillOne(observation);
        dist.sample(one, 0, rng, action, 0);
    }

    @Override
    public void actDeterministic(double[] observation, double[] action) {
        System.arraycopy(mlp.forward(observation), 0, action, 0, dim);
    }

    @Override
    public void actBatch(double[] observations, int n, Rng rng, double[] actions) {
        double[] p = distributionParams(observations, n);
        for (int i = 0; i < n; i++) dist.sample(p, i * 2 * dim, rng, actions, i * dim);
    }

    @Override
    public double[] distributionParams(double[] observations, int n) {
        double[] mean = mlp.forwardBatch(observations, n);
        if (batch.length < n * 2 * dim) batch = new double[n * 2 * dim];
        for (int i = 0; i < n; i++) {
            System.arraycopy(mean, i * dim, batch, i * 2 * dim, dim);
            System.arraycopy(params, logStdOff, batch, i * 2 * dim + dim, dim);
        }
        return batch;
    }

    private double[] dMean = new double[0];

    @Override
    public void backward(double[] dParams, int n) {
        if (dMean.length < n * dim) dMean = new double[n * dim];
        for (int i = 0; i < n; i++) {
            int row = i * 2 * dim;
            System.arraycopy(dParams, row, dMean, i * dim, dim);
            for (int j = 0; j < dim; j++) mlp.gradients()[logStdOff + j] += dParams[row + dim + j];
        }
        mlp.backwardBatch(dMean, n, null);
    }

    private double[] jvp = new double[0];

    @Override
    public double[] distributionParamsJvp(double[] direction, int n) {
        double[] dMeanOut = mlp.jvpBatch(direction, 0, n);
        if (jvp.length < n * 2 * dim) jvp = new double[n * 2 * dim];
        for (int i = 0; i < n; i++) {
            System.arraycopy(dMeanOut, i * dim, jvp, i * 2 * dim, dim);
            System.arraycopy(direction, logStdOff, jvp, i * 2 * dim + dim, dim);
        }
        return jvp;
    }
}
