package io.gauntlet.core.distributions;

import io.gauntlet.core.random.Rng;

/**
 * A categorical distribution over {@code n} actions given by {@code n} unnormalised logits:
 * {@code p_i = exp(l_i) / Σ_j exp(l_j)}, computed with the maximum subtracted so large logits do not overflow.
 */
public final class Categorical implements Distribution {
    private final int n;
    private final double[] pa;
    private final double[] pb;

    public Categorical(int n) {
        if (n <= 0) throw new IllegalArgumentException("a categorical distribution needs n > 0, got " + n);
        this.n = n;
        this.pa = new double[n];
        this.pb = new double[n];
    }

    public int n() {
        return n;
    }

    @Override
    public int paramDim() {
        return n;
    }

    @Override
    public int actionDim() {
        return 1;
    }

    /** Writes log-probabilities into {@code out} and returns nothing else; {@code out} may be scratch. */
    private void logSoftmax(double[] l, int off, double[] out) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) max = Math.max(max, l[off + i]);
        double sum = 0;
        for (int i = 0; i < n; i++) sum += Math.exp(l[off + i] - max);
        double lse = max + Math.log(sum);
        for (int i = 0; i < n; i++) out[i] = l[off + i] - lse;
    }

    /** Writes the probabilities of the distribution at {@code l[off ..]} into {@code out[0..n)}. */
    public void probabilities(double[] l, int off, double[] out) {
        logSoftmax(l, off, out);
        for (int i = 0; i < n; i++) out[i] = Math.exp(out[i]);
    }

    private static int index(double[] action, int aOff, int n) {
        double a = action[aOff];
        int i = (int) a;
        if (i != a || i < 0 || i >= n) throw new IllegalArgumentException("categorical action must be an index in [0, " + n + "), got " + a);
        return i;
    }

    @Override
    public void sample(double[] p, int pOff, Rng rng, double[] action, int aOff) {
        action[aOff] = sample(p, pOff, rng);
    }

    /** Samples an index by inverting the cumulative distribution with one uniform draw. */
    public int sample(double[] p, int pOff, Rng rng) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) max = Math.max(max, p[pOff + i]);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            pa[i] = Math.exp(p[pOff + i] - max);
            sum += pa[i];
        }
        double u = rng.nextDouble() * sum;
        double c = 0;
        for (int i = 0; i < n - 1; i++) {
            c += pa[i];
            if (u < c) return i;
        }
        return n - 1;
    }

    @Override
    public void mode(double[] p, int pOff, double[] action, int aOff) {
        int best = 0;
        for (int i = 1; i < n; i++) if (p[pOff + i] > p[pOff + best]) best = i;
        action[aOff] = best;
    }

    @Override
    public double logProb(double[] p, int pOff, double[] action, int aOff) {
        logSoftmax(p, pOff, pa);
        return pa[index(action, aOff, n)];
    }

    @Override
    public double entropy(double[] p, int pOff) {
        logSoftmax(p, pOff, pa);
        double h = 0;
        for (int i = 0; i < n; i++) h -= Math.exp(pa[i]) * pa[i];
        return h;
    }

    @Override
    public double kl(double[] p, int pOff, double[] q, int qOff) {
        logSoftmax(p, pOff, pa);
        logSoftmax(q, qOff, pb);
        double kl = 0;
        for (int i = 0; i < n; i++) kl += Math.exp(pa[i]) * (pa[i] - pb[i]);
        return kl;
    }

    @Override
    public void gradLogProb(double[] p, int pOff, double[] action, int aOff, double scale, double[] g, int gOff) {
        // ∂ log p_a / ∂ l_j = 1[j = a] − p_j
        int a = index(action, aOff, n);
        probabilities(p, pOff, pa);
        for (int j = 0; j < n; j++) g[gOff + j] -= scale * pa[j];
        g[gOff + a] += scale;
    }

    @Override
    public void gradEntropy(double[] p, int pOff, double scale, double[] g, int gOff) {
        // H = −Σ p_i log p_i;  ∂H/∂l_j = −p_j (log p_j + H)
        logSoftmax(p, pOff, pa);
        double h = 0;
        for (int i = 0; i < n; i++) h -= Math.exp(pa[i]) * pa[i];
        for (int j = 0; j < n; j++) g[gOff + j] -= scale * Math.exp(pa[j]) * (pa[j] + h);
    }

    @Override
    public void gradKlFirst(double[] p, int pOff, double[] q, int qOff, double scale, double[] g, int gOff) {
        // KL = Σ p_i (log p_i − log q_i);  ∂KL/∂lp_j = p_j ((log p_j − log q_j) − KL)
        logSoftmax(p, pOff, pa);
        logSoftmax(q, qOff, pb);
        double kl = 0;
        for (int i = 0; i < n; i++) kl += Math.exp(pa[i]) * (pa[i] - pb[i]);
        for (int j = 0; j < n; j++) g[gOff + j] += scale * Math.exp(pa[j]) * (pa[j] - pb[j] - kl);
    }

    @Override
    public void gradKlSecond(double[] p, int pOff, double[] q, int qOff, double scale, double[] g, int gOff) {
        // ∂KL/∂lq_j = q_j − p_j
        probabilities(p, pOff, pa);
        probabilities(q, qOff, pb);
        for (int j = 0; j < n; j++) g[gOff + j] += scale * (pb[j] - pa[j]);
    }

    @Override
    public void fisherVectorProduct(double[] p, int pOff, double[] v, int vOff, double scale, double[] out, int outOff) {
        // F = diag(p) − p pᵀ on the logits.
        probabilities(p, pOff, pa);
        double pv = 0;
        for (int i = 0; i < n; i++) pv += pa[i] * v[vOff + i];
        for (int i = 0; i < n; i++) out[outOff + i] += scale * pa[i] * (v[vOff + i] - pv);
    }
}
