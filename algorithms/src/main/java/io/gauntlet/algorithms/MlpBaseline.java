package io.gauntlet.algorithms;

import io.gauntlet.core.nn.Adam;
import io.gauntlet.core.nn.Init;
import io.gauntlet.core.nn.Mlp;
import io.gauntlet.core.random.Rng;

/**
 * A state-value function V(s) as an MLP, refitted every iteration to the batch's discounted returns by a few
 * epochs of minibatch Adam on the squared error (as Spinning Up's VPG/TRPO value function), for GAE(λ) in the
 * batch methods ({@code --set baseline=mlp}). Its parameters and Adam moments go in checkpoints.
 */
final class MlpBaseline {
    final Mlp net;
    final Adam adam;
    private final int epochs;
    private final int minibatch;
    private double[] mbObs = new double[0];
    private double[] mbTarget = new double[0];
    private double[] dOut = new double[0];
    private int[] order = new int[0];

    MlpBaseline(int obsDim, int[] hidden, double lr, int epochs, int minibatch, Rng init) {
        this.net = new Mlp(Mlp.sizes(obsDim, hidden, 1), Mlp.Activation.TANH);
        Init.orthogonal(net, init, Math.sqrt(2), 1.0);
        this.adam = new Adam(net.numParams(), lr);
        this.epochs = epochs;
        this.minibatch = minibatch;
    }

    /** V of n observations into out. */
    void predict(double[] obs, int n, double[] out) {
        System.arraycopy(net.forwardBatch(obs, n), 0, out, 0, n);
    }

    /** Minibatch Adam on mean (V(s) − target)²; returns the last minibatch's loss. */
    double fit(double[] obs, double[] targets, int n, Rng rng) {
        int d = net.inputDim();
        int m = Math.min(minibatch, n);
        if (order.length < n) order = new int[n];
        if (mbObs.length < m * d) {
            mbObs = new double[m * d];
            mbTarget = new double[m];
            dOut = new double[m];
        }
        for (int i = 0; i < n; i++) order[i] = i;
        double loss = 0;
        for (int e = 0; e < epochs; e++) {
            for (int i = n - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            for (int start = 0; start + m <= n; start += m) {
                for (int b = 0; b < m; b++) {
                    System.arraycopy(obs, order[start + b] * d, mbObs, b * d, d);
                    mbTarget[b] = targets[order[start + b]];
                }
                double[] v = net.forwardBatch(mbObs, m);
                loss = 0;
                for (int b = 0; b < m; b++) {
                    double err = v[b] - mbTarget[b];
                    loss += err * err / m;
                    dOut[b] = 2 * err / m;
                }
                net.zeroGradients();
                net.backwardBatch(dOut, m, null);
                adam.step(net.params(), net.gradients());
            }
        }
        return loss;
    }
}
