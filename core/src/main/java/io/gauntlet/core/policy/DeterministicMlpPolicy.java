package io.gauntlet.core.policy;

import io.gauntlet.core.env.Box;
import io.gauntlet.core.nn.Gemm;
import io.gauntlet.core.nn.Mlp;
import io.gauntlet.core.random.Rng;

/**
 * A deterministic policy for DDPG: an MLP whose output {@code y} is squashed into the (finite) action box,
 * {@code a = centre + halfRange · tanh(y)}, as Lillicrap et al.'s tanh output layer scaled to the bounds. Its
 * actions are always inside the box; exploration noise is the algorithm's business (add it, then clip).
 * {@link #backward} takes dLoss/dAction, the gradient DDPG's actor update gets from the critic's input.
 */
public final class DeterministicMlpPolicy extends MlpPolicy {
    private final double[] centre;
    private final double[] halfRange;
    private final int dim;
    private double[] batchActions = new double[0];
    private double[] batchTanh = new double[0];
    private double[] dY = new double[0];

    public DeterministicMlpPolicy(int observationDim, Box actionSpace, int[] hidden, Mlp.Activation activation) {
        this(observationDim, actionSpace, hidden, activation, Gemm.Summation.GROUPS_OF_FOUR);
    }

    /** As above, the network summing its products as {@code summation}. */
    public DeterministicMlpPolicy(int observationDim, Box actionSpace, int[] hidden, Mlp.Activation activation, Gemm.Summation summation) {
        super(new Mlp(Mlp.sizes(observationDim, hidden, actionSpace.dim()), activation, summation), actionSpace.dim());
        this.dim = actionSpace.dim();
        this.centre = new double[dim];
        this.halfRange = new double[dim];
        for (int i = 0; i < dim; i++) {
            double lo = actionSpace.low(i);
            double hi = actionSpace.high(i);
            if (!Double.isFinite(lo) || !Double.isFinite(hi)) {
                throw new IllegalArgumentException("a deterministic tanh policy needs a bounded action box, got " + actionSpace.describe());
            }
            centre[i] = (lo + hi) / 2;
            halfRange[i] = (hi - lo) / 2;
        }
    }

    @Override
    public void act(double[] observation, Rng rng, double[] action) {
        actDeterministic(observation, action);
    }

    @Override
    public void actDeterministic(double[] observation, double[] action) {
        double[] y = mlp.forward(observation);
        for (int j = 0; j < dim; j++) action[j] = centre[j] + halfRange[j] * Mlp.tanh(y[j]);
    }

    @Override
    public void actBatch(double[] observations, int n, Rng rng, double[] actions) {
        System.arraycopy(forwardBatch(observations, n), 0, actions, 0, n * dim);
    }

    /** Actions for {@code n} observations (the policy's buffer, {@code n × actionDim}); keeps what backward needs. */
    public double[] forwardBatch(double[] observations, int n) {
        double[] y = mlp.forwardBatch(observations, n);
        if (batchActions.length < n * dim) {
            batchActions = new double[n * dim];
            batchTanh = new double[n * dim];
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < dim; j++) {
                double t = Mlp.tanh(y[i * dim + j]);
                batchTanh[i * dim + j] = t;
                batchActions[i * dim + j] = centre[j] + halfRange[j] * t;
            }
        }
        return batchActions;
    }

    /** Adds to {@link #gradients()} the gradient of a loss with dLoss/dAction {@code dActions} for the last batch. */
    public void backward(double[] dActions, int n) {
        if (dY.length < n * dim) dY = new double[n * dim];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < dim; j++) {
                int k = i * dim + j;
                double t = batchTanh[k];
                dY[k] = dActions[k] * halfRange[j] * (1 - t * t);
            }
        }
        mlp.backwardBatch(dY, n, null);
    }
}
