package io.gauntlet.core.policy;

import io.gauntlet.core.nn.Mlp;

/**
 * What the MLP policies share: the network from observation to the policy's outputs (logits, a Gaussian's mean, a
 * squashed action), and parameters and gradients that are the network's (plus any the subclass appends to the same
 * array). Initialise them with {@link io.gauntlet.core.nn.Init} on {@link #mlp()}.
 */
public abstract class MlpPolicy implements Policy {
    protected final Mlp mlp;
    private final int actionDim;

    protected MlpPolicy(Mlp mlp, int actionDim) {
        this.mlp = mlp;
        this.actionDim = actionDim;
    }

    public Mlp mlp() {
        return mlp;
    }

    @Override
    public int observationDim() {
        return mlp.inputDim();
    }

    @Override
    public int actionDim() {
        return actionDim;
    }

    @Override
    public double[] params() {
        return mlp.params();
    }

    @Override
    public double[] gradients() {
        return mlp.gradients();
    }
}
