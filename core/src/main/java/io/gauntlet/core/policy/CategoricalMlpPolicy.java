package io.gauntlet.core.policy;

import io.gauntlet.core.distributions.Categorical;
import io.gauntlet.core.distributions.Distribution;
import io.gauntlet.core.nn.Mlp;
import io.gauntlet.core.random.Rng;

/**
 * A categorical policy for a {@link io.gauntlet.core.env.Discrete} action space: an MLP from the observation to
 * one logit per action. Its parameters are the network's. Initialise them with {@link io.gauntlet.core.nn.Init}
 * on {@link #mlp()}.
 */
public final class CategoricalMlpPolicy extends MlpPolicy implements StochasticPolicy {
    private final Categorical dist;

    public CategoricalMlpPolicy(int observationDim, int numActions, int[] hidden, Mlp.Activation activation) {
        super(new Mlp(Mlp.sizes(observationDim, hidden, numActions), activation), 1);
        this.dist = new Categorical(numActions);
    }

    @Override
    public Distribution distribution() {
        return dist;
    }

    @Override
    public void act(double[] observation, Rng rng, double[] action) {
        action[0] = dist.sample(mlp.forward(observation), 0, rng);
    }

    @Override
    public void actDeterministic(double[] observation, double[] action) {
        dist.mode(mlp.forward(observation), 0, action, 0);
    }

    @Override
    public void actBatch(double[] observations, int n, Rng rng, double[] actions) {
        double[] logits = mlp.forwardBatch(observations, n);
        int k = dist.n();
        for (int i = 0; i < n; i++) actions[i] = dist.sample(logits, i * k, rng);
    }

    @Override
    public double[] distributionParams(double[] observations, int n) {
        return mlp.forwardBatch(observations, n);
    }

    @Override
    public void backward(double[] dParams, int n) {
        mlp.backwardBatch(dParams, n, null);
    }

    @Override
    public double[] distributionParamsJvp(double[] direction, int n) {
        return mlp.jvpBatch(direction, 0, n);
    }
}
