package io.gauntlet.algorithms;

import io.gauntlet.core.distributions.Distribution;
import io.gauntlet.core.nn.Mlp;
import io.gauntlet.core.policy.CategoricalMlpPolicy;
import io.gauntlet.core.policy.GaussianMlpPolicy;
import io.gauntlet.core.policy.StochasticPolicy;
import java.util.Arrays;

/**
 * The exact Fisher-vector product of a stochastic MLP policy over a batch of observations, the operator TRPO and
 * TNPG hand to conjugate gradient: {@code F v = (1/N) Σ_s J_sᵀ F_dist(s) J_s v + damping · v}, where {@code J_s}
 * is the Jacobian of the distribution parameters at state s with respect to the policy parameters, and
 * {@code F_dist} the Fisher information of the action distribution in its own parameters (the Hessian of the mean
 * KL at the current policy). {@code J v} is computed forward-mode through the network (one pass carrying
 * tangents), {@code Jᵀ u} by the network's back-propagation: no finite differences, no Hessian.
 */
public final class FisherVectorProduct implements ConjugateGradient.Operator {
    private final StochasticPolicy policy;
    private final Distribution dist;
    private final Mlp mlp;
    private final int logStdOffset; // −1 for a categorical policy
    private final double damping;
    private double[] obs;
    private int n;
    private double[] distParams = new double[0];
    private double[] jv = new double[0];
    private double[] u = new double[0];
    private double[][] act = new double[0][];
    private double[][] tan = new double[0][];

    public FisherVectorProduct(StochasticPolicy policy, double damping) {
        this.policy = policy;
        this.dist = policy.distribution();
        this.damping = damping;
        if (policy instanceof CategoricalMlpPolicy c) {
            mlp = c.mlp();
            logStdOffset = -1;
        } else if (policy instanceof GaussianMlpPolicy g) {
            mlp = g.mlp();
            logStdOffset = g.logStdOffset();
        } else {
            throw new IllegalArgumentException("Fisher-vector products need a categorical or Gaussian MLP policy");
        }
    }

    /** Fixes the batch (n × obsDim observations) and the current policy's distribution parameters on it. */
    public void setBatch(double[] observations, int n) {
        this.obs = observations;
        this.n = n;
        int pd = dist.paramDim();
        double[] p = policy.distributionParams(observations, n);
        if (distParams.length < n * pd) {
            distParams = new double[n * pd];
            jv = new double[n * pd];
            u = new double[n * pd];
        }
        System.arraycopy(p, 0, distParams, 0, n * pd);
        int[] sizes = mlp.sizes();
        act = new double[sizes.length][];
        tan = new double[sizes.length][];
        for (int l = 0; l < sizes.length; l++) {
            act[l] = new double[n * sizes[l]];
            tan[l] = new double[n * sizes[l]];
        }
    }

    /** out = F v + damping · v. Overwrites the policy's gradient array. */
    @Override
    public void apply(double[] v, double[] out) {
        int pd = dist.paramDim();
        jacobianVector(v, jv);
        Arrays.fill(u, 0, n * pd, 0.0);
        for (int i = 0; i < n; i++) dist.fisherVectorProduct(distParams, i * pd, jv, i * pd, 1.0 / n, u, i * pd);
        policy.zeroGradients();
        policy.distributionParams(obs, n); // restores the activations back-propagation needs
        policy.backward(u, n);
        double[] g = policy.gradients();
        for (int i = 0; i < out.length; i++) out[i] = g[i] + damping * v[i];
    }

    /** Writes J v (n × paramDim) by forward-mode differentiation through the MLP. */
    void jacobianVector(double[] v, double[] out) {
        int[] sizes = mlp.sizes();
        double[] w = mlp.params();
        int layers = sizes.length - 1;
        System.arraycopy(obs, 0, act[0], 0, n * sizes[0]);
        Arrays.fill(tan[0], 0.0);
        for (int l = 0; l < layers; l++) {
            int in = sizes[l], outDim = sizes[l + 1];
            int wo = mlp.weightOffset(l), bo = mlp.biasOffset(l);
            double[] x = act[l], dx = tan[l], y = act[l + 1], dy = tan[l + 1];
            for (int i = 0; i < n; i++) {
                int yr = i * outDim, xr = i * in;
                for (int j = 0; j < outDim; j++) {
                    y[yr + j] = w[bo + j];
                    dy[yr + j] = v[bo + j];
                }
                for (int k = 0; k < in; k++) {
                    double xk = x[xr + k], dxk = dx[xr + k];
                    int row = wo + k * outDim;
                    for (int j = 0; j < outDim; j++) {
                        y[yr + j] += xk * w[row + j];
                        dy[yr + j] += dxk * w[row + j] + xk * v[row + j];
                    }
                }
            }
            if (l < layers - 1) {
                boolean tanh = mlp.activation() == Mlp.Activation.TANH;
                for (int q = 0; q < n * outDim; q++) {
                    if (tanh) {
                        double a = Mlp.tanh(y[q]);
                        y[q] = a;
                        dy[q] *= 1 - a * a;
                    } else if (!(y[q] > 0)) {
                        y[q] = 0;
                        dy[q] = 0;
                    }
                }
            }
        }
        int outDim = sizes[layers];
        double[] dOut = tan[layers];
        if (logStdOffset < 0) {
            System.arraycopy(dOut, 0, out, 0, n * outDim);
        } else {
            int pd = 2 * outDim;
            for (int i = 0; i < n; i++) {
                System.arraycopy(dOut, i * outDim, out, i * pd, outDim);
                System.arraycopy(v, logStdOffset, out, i * pd + outDim, outDim);
            }
        }
    }
}
