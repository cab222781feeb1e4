package io.gauntlet.algorithms;

import io.gauntlet.core.SideThread;
import io.gauntlet.core.Stateful;
import io.gauntlet.core.nn.Gemm;
import io.gauntlet.core.nn.Mlp;

/**
 * A critic Q(s, a) of DDPG, TD3 and SAC: an MLP on the concatenation {@code [s, a]} with one output (Lillicrap et al.
 * merge the action at the second layer; the input merge is the common simplification, CleanRL's), on the fused
 * kernels. Its training state is its parameters.
 */
final class QNetwork implements Stateful {
    final Mlp mlp;
    private final int obsDim;
    private final int actDim;
    private double[] sa = new double[0];
    private double[] dSa = new double[0];
    private double[] single;

    QNetwork(int obsDim, int actDim, int[] hidden, Mlp.Activation activation) {
        this.mlp = new Mlp(Mlp.sizes(obsDim + actDim, hidden, 1), activation, Gemm.Summation.FUSED);
        this.obsDim = obsDim;
        this.actDim = actDim;
    }

    /** Q(s_b, a_b) for {@code n} rows ({@code obs}: n × obsDim, {@code actions}: n × actDim): the network's buffer. */
    double[] values(double[] obs, double[] actions, int n) {
        int w = obsDim + actDim;
        if (sa.length < n * w) {
            sa = new double[n * w];
            dSa = new double[n * w];
        }
        for (int b = 0; b < n; b++) {
            System.arraycopy(obs, b * obsDim, sa, b * w, obsDim);
            System.arraycopy(actions, b * actDim, sa, b * w + obsDim, actDim);
        }
        return mlp.forwardBatch(sa, n);
    }

    /** Q(s, a) for one state and action (the one-observation path: allocates nothing). */
    double value(double[] obs, double[] action) {
        if (single == null) single = new double[obsDim + actDim];
        System.arraycopy(obs, 0, single, 0, obsDim);
        System.arraycopy(action, 0, single, obsDim, actDim);
        return mlp.forward(single)[0];
    }

    /** Adds dLoss/dθ into the gradients, for dLoss/dQ = {@code dQ} over the last {@link #values} batch. */
    void backward(double[] dQ, int n) {
        mlp.backwardBatch(dQ, n, null);
    }

    /** dLoss/da ({@code n × actDim}) into {@code dActions} for dLoss/dQ = {@code dQ}, the gradients left alone. */
    void actionGradient(double[] dQ, int n, double[] dActions) {
        mlp.inputGradient(dQ, n, dSa);
        int w = obsDim + actDim;
        for (int b = 0; b < n; b++) System.arraycopy(dSa, b * w + obsDim, dActions, b * actDim, actDim);
    }

    /** A copy with the same parameters (a target network). */
    QNetwork copy() {
        QNetwork c = new QNetwork(obsDim, actDim, hiddenSizes(), mlp.activation());
        c.mlp.setParams(mlp.copyParams());
        return c;
    }

    private int[] hiddenSizes() {
        int[] s = mlp.sizes();
        return java.util.Arrays.copyOfRange(s, 1, s.length - 1);
    }

    void splitWith(SideThread<Void> side) {
        mlp.splitWith(side);
    }

    double[] params() {
        return mlp.params();
    }

    double[] gradients() {
        return mlp.gradients();
    }

    void zeroGradients() {
        mlp.zeroGradients();
    }

    @Override
    public double[] snapshot() {
        return mlp.snapshot();
    }

    @Override
    public void restore(double[] snapshot) {
        mlp.restore(snapshot);
    }

    /** θ' ← τ θ + (1 − τ) θ': Polyak averaging of a target network's parameters toward the trained ones. */
    static void softUpdate(double[] target, double[] source, double tau) {
        for (int i = 0; i < target.length; i++) target[i] = tau * source[i] + (1 - tau) * target[i];
    }
}
