package io.gauntlet.algorithms;

import io.gauntlet.core.distributions.Categorical;
import io.gauntlet.core.distributions.DiagGaussian;
import io.gauntlet.core.distributions.Distribution;
import io.gauntlet.core.policy.StochasticPolicy;
import io.gauntlet.core.random.Rng;
import java.util.Arrays;

/**
 * rllab's recurrent policy for the partially observable tasks: one GRU layer (32 units by default) whose hidden
 * state carries the episode's history, then a linear head to the action distribution (categorical logits, or a
 * Gaussian mean with a state-independent learned log-std). Trained through time: {@link #distributionParams}
 * runs a batch as sequences (rows in time order, the hidden state reset to 0 where {@link #setEpisodeStarts}
 * says an episode starts) and {@link #backward} back-propagates through time along them.
 *
 * <p>GRU as PyTorch: r = σ(x Wxr + bxr + h Whr + bhr), z = σ(x Wxz + bxz + h Whz + bhz),
 * n = tanh(x Wxn + bxn + r ⊙ (h Whn + bhn)), h' = (1 − z) ⊙ n + z ⊙ h. Parameters in one flat vector:
 * [Wx (in × 3H) | Wh (H × 3H) | bx (3H) | bh (3H) | Wo (H × out) | bo (out) | log-std (Gaussian only)], gates in
 * the order r, z, n. {@link #act} keeps the hidden state between calls; {@link #resetState} starts an episode.
 * {@link #distributionParamsJvp} (TRPO's Fisher-vector products) is a central finite difference along the
 * direction, not forward-mode: accurate to about 1e-8 relative, which conjugate gradient does not notice.
 */
public final class GruPolicy implements StochasticPolicy {
    private final int in;
    private final int h;
    private final int actDim; // doubles per action
    private final int headOut; // logits or means
    private final Distribution dist;
    private final boolean gaussian;
    private final double[] params;
    private final double[] grads;
    private final int wx, wh, bx, bh, wo, bo, logStd;

    private final double[] state;
    private final double[] scratch;
    private final double[] one;

    // Sequence buffers (grown to the largest batch).
    private int cap;
    private double[] xs, hPrev, r, z, nGate, hnPre, hs, out, jvpOut;
    private boolean[] resetBefore = new boolean[0];
    private int lastN = -1;

    /** A GRU policy for n discrete actions ({@code numActions > 0}) or a {@code gaussianDim}-dimensional Box. */
    private GruPolicy(int obsDim, int hidden, int numActions, int gaussianDim, double initStd, Rng init) {
        this.in = obsDim;
        this.h = hidden;
        this.gaussian = gaussianDim > 0;
        this.headOut = gaussian ? gaussianDim : numActions;
        this.actDim = gaussian ? gaussianDim : 1;
        this.dist = gaussian ? new DiagGaussian(gaussianDim) : new Categorical(numActions);
        int g = 3 * hidden;
        wx = 0;
        wh = wx + in * g;
        bx = wh + h * g;
        bh = bx + g;
        wo = bh + g;
        bo = wo + h * headOut;
        logStd = bo + headOut;
        params = new double[logStd + (gaussian ? gaussianDim : 0)];
        grads = new double[params.length];
        // PyTorch's GRU init U(±1/√H) for the recurrent layer; a small head so the first policy is near uniform.
        double k = 1 / Math.sqrt(hidden);
        for (int i = 0; i < wo; i++) params[i] = init.uniform(-k, k);
        for (int i = wo; i < bo; i++) params[i] = init.uniform(-0.01, 0.01);
        if (gaussian) Arrays.fill(params, logStd, params.length, Math.log(initStd));
        state = new double[hidden];
        scratch = new double[4 * hidden];
        one = new double[dist.paramDim()];
    }

    public static GruPolicy categorical(int obsDim, int hidden, int numActions, Rng init) {
        return new GruPolicy(obsDim, hidden, numActions, 0, 1, init);
    }

    public static GruPolicy gaussian(int obsDim, int hidden, int actionDim, double initStd, Rng init) {
        return new GruPolicy(obsDim, hidden, 0, actionDim, initStd, init);
    }

    @Override public Distribution distribution() { return dist; }
    @Override public int observationDim() { return in; }
    @Override public int actionDim() { return actDim; }
    @Override public double[] params() { return params; }
    @Override public double[] gradients() { return grads; }

    /** Starts an episode for {@link #act}: the hidden state becomes 0. */
    public void resetState() {
        Arrays.fill(state, 0);
    }

    /** Declares the episode boundaries of the next batches: row {@code starts[e]} begins episode e. */
    public void setEpisodeStarts(int[] starts, int episodes, int n) {
        if (resetBefore.length < n) resetBefore = new boolean[n];
        Arrays.fill(resetBefore, 0, n, false);
        for (int e = 0; e < episodes; e++) if (starts[e] < n) resetBefore[starts[e]] = true;
        if (n > 0) resetBefore[0] = true;
    }

    private static double sigmoid(double a) {
        return 1 / (1 + Math.exp(-a));
    }

    /** One GRU step: h ← GRU(x, h) in place (writes r, z, n, hnPre into the given arrays at offset o). */
    private void cell(double[] p, double[] x, int xo, double[] hp, int ho, double[] hNew, int no,
                      double[] rr, double[] zz, double[] nn, double[] hnp, int o) {
        int g = 3 * h;
        for (int j = 0; j < h; j++) {
            double ar = p[bx + j] + p[bh + j];
            double az = p[bx + h + j] + p[bh + h + j];
            double axn = p[bx + 2 * h + j];
            double ahn = p[bh + 2 * h + j];
            for (int k = 0; k < in; k++) {
                double xk = x[xo + k];
                int row = wx + k * g;
                ar += xk * p[row + j];
                az += xk * p[row + h + j];
                axn += xk * p[row + 2 * h + j];
            }
            for (int k = 0; k < h; k++) {
                double hk = hp[ho + k];
                int row = wh + k * g;
                ar += hk * p[row + j];
                az += hk * p[row + h + j];
                ahn += hk * p[row + 2 * h + j];
            }
            double rj = sigmoid(ar), zj = sigmoid(az);
            double nj = Math.tanh(axn + rj * ahn);
            rr[o + j] = rj;
            zz[o + j] = zj;
            nn[o + j] = nj;
            hnp[o + j] = ahn;
            hNew[no + j] = (1 - zj) * nj + zj * hp[ho + j];
        }
    }

    private void head(double[] p, double[] hh, int ho, double[] dst, int d0) {
        int pd = dist.paramDim();
        for (int j = 0; j < headOut; j++) {
            double s = p[bo + j];
            for (int k = 0; k < h; k++) s += hh[ho + k] * p[wo + k * headOut + j];
            dst[d0 + j] = s;
        }
        if (gaussian) System.arraycopy(p, logStd, dst, d0 + headOut, pd - headOut);
    }

    @Override
    public void act(double[] observation, Rng rng, double[] action) {
        stepState(observation);
        dist.sample(one, 0, rng, action, 0);
    }

    @Override
    public void actDeterministic(double[] observation, double[] action) {
        stepState(observation);
        dist.mode(one, 0, action, 0);
    }

    private void stepState(double[] observation) {
        double[] rr = scratch;
        cell(params, observation, 0, state, 0, scratch, 3 * h, rr, rr, rr, rr, 0); // gates discarded
        System.arraycopy(scratch, 3 * h, state, 0, h);
        head(params, state, 0, one, 0);
    }

    /** Treats the rows as one sequence (reset only before row 0): the same semantics as {@link #distributionParams}. */
    @Override
    public void actBatch(double[] observations, int n, Rng rng, double[] actions) {
        setEpisodeStarts(new int[] {0}, 1, n);
        double[] p = distributionParams(observations, n);
        for (int i = 0; i < n; i++) dist.sample(p, i * dist.paramDim(), rng, actions, i * actDim);
    }

    private void ensure(int n) {
        if (n <= cap) return;
        cap = Math.max(n, cap + cap / 2);
        xs = new double[cap * in];
        hPrev = new double[cap * h];
        r = new double[cap * h];
        z = new double[cap * h];
        nGate = new double[cap * h];
        hnPre = new double[cap * h];
        hs = new double[cap * h];
        out = new double[cap * dist.paramDim()];
        jvpOut = new double[cap * dist.paramDim()];
        if (resetBefore.length < cap) resetBefore = Arrays.copyOf(resetBefore, cap);
    }

    @Override
    public double[] distributionParams(double[] observations, int n) {
        ensure(n);
        forward(params, observations, n, out);
        System.arraycopy(observations, 0, xs, 0, n * in);
        lastN = n;
        return out;
    }

    private void forward(double[] p, double[] observations, int n, double[] dst) {
        int pd = dist.paramDim();
        double[] zero = new double[h];
        for (int i = 0; i < n; i++) {
            boolean reset = i == 0 || resetBefore[i];
            if (reset) System.arraycopy(zero, 0, hPrev, i * h, h);
            else System.arraycopy(hs, (i - 1) * h, hPrev, i * h, h);
            cell(p, observations, i * in, hPrev, i * h, hs, i * h, r, z, nGate, hnPre, i * h);
            head(p, hs, i * h, dst, i * pd);
        }
    }

    @Override
    public void backward(double[] dParams, int n) {
        if (n != lastN) throw new IllegalStateException("backward(" + n + ") after distributionParams(" + lastN + ")");
        int pd = dist.paramDim();
        int g = 3 * h;
        double[] dhNext = new double[h];
        double[] dh = new double[h];
        double[] dar = new double[h], daz = new double[h], dan = new double[h], danr = new double[h];
        for (int i = n - 1; i >= 0; i--) {
            // Head: out = h Wo + bo (and the log-std rows for a Gaussian).
            for (int k = 0; k < h; k++) {
                double s = dhNext[k];
                for (int j = 0; j < headOut; j++) s += params[wo + k * headOut + j] * dParams[i * pd + j];
                dh[k] = s;
            }
            for (int j = 0; j < headOut; j++) {
                double d = dParams[i * pd + j];
                grads[bo + j] += d;
                for (int k = 0; k < h; k++) grads[wo + k * headOut + j] += hs[i * h + k] * d;
            }
            if (gaussian) for (int j = 0; j < headOut; j++) grads[logStd + j] += dParams[i * pd + headOut + j];
            // Cell.
            for (int j = 0; j < h; j++) {
                int q = i * h + j;
                double zj = z[q], nj = nGate[q], rj = r[q];
                double dn = dh[j] * (1 - zj);
                double dz = dh[j] * (hPrev[q] - nj);
                dan[j] = dn * (1 - nj * nj);
                danr[j] = dan[j] * rj;
                dar[j] = dan[j] * hnPre[q] * rj * (1 - rj);
                daz[j] = dz * zj * (1 - zj);
                dhNext[j] = dh[j] * zj;
            }
            for (int k = 0; k < in; k++) {
                double xk = xs[i * in + k];
                int row = wx + k * g;
                for (int j = 0; j < h; j++) {
                    grads[row + j] += xk * dar[j];
                    grads[row + h + j] += xk * daz[j];
                    grads[row + 2 * h + j] += xk * dan[j];
                }
            }
            for (int k = 0; k < h; k++) {
                double hk = hPrev[i * h + k];
                int row = wh + k * g;
                double back = 0;
                for (int j = 0; j < h; j++) {
                    grads[row + j] += hk * dar[j];
                    grads[row + h + j] += hk * daz[j];
                    grads[row + 2 * h + j] += hk * danr[j];
                    back += params[row + j] * dar[j] + params[row + h + j] * daz[j] + params[row + 2 * h + j] * danr[j];
                }
                dhNext[k] += back;
            }
            for (int j = 0; j < h; j++) {
                grads[bx + j] += dar[j];
                grads[bx + h + j] += daz[j];
                grads[bx + 2 * h + j] += dan[j];
                grads[bh + j] += dar[j];
                grads[bh + h + j] += daz[j];
                grads[bh + 2 * h + j] += danr[j];
            }
            if (i == 0 || resetBefore[i]) Arrays.fill(dhNext, 0); // no gradient into the previous episode
        }
    }

    @Override
    public double[] distributionParamsJvp(double[] direction, int n) {
        if (n != lastN) throw new IllegalStateException("JVP of " + n + " rows after distributionParams(" + lastN + ")");
        int pd = dist.paramDim();
        double vNorm = 0, pNorm = 0;
        for (int i = 0; i < params.length; i++) {
            vNorm += direction[i] * direction[i];
            pNorm += params[i] * params[i];
        }
        vNorm = Math.sqrt(vNorm);
        if (vNorm == 0) {
            Arrays.fill(jvpOut, 0, n * pd, 0);
            return jvpOut;
        }
        double eps = 1e-6 * (1 + Math.sqrt(pNorm)) / vNorm;
        double[] shifted = new double[params.length];
        double[] up = new double[n * pd], down = new double[n * pd];
        // The forward passes overwrite the cached activations; keep them for backward.
        double[][] keep = {hPrev.clone(), r.clone(), z.clone(), nGate.clone(), hnPre.clone(), hs.clone()};
        for (int i = 0; i < params.length; i++) shifted[i] = params[i] + eps * direction[i];
        forward(shifted, xs, n, up);
        for (int i = 0; i < params.length; i++) shifted[i] = params[i] - eps * direction[i];
        forward(shifted, xs, n, down);
        hPrev = keep[0]; r = keep[1]; z = keep[2]; nGate = keep[3]; hnPre = keep[4]; hs = keep[5];
        for (int i = 0; i < n * pd; i++) jvpOut[i] = (up[i] - down[i]) / (2 * eps);
        return jvpOut;
    }
}
