package io.gauntlet.algorithms;

import io.gauntlet.core.Stateful;
import io.gauntlet.core.linalg.Cholesky;
import java.util.Arrays;

/**
 * rllab's {@code LinearFeatureBaseline}: a state-value estimate linear in the features
 * {@code [o, o², t/100, (t/100)², (t/100)³, 1]} (observation clipped to ±10, {@code t} the step index within
 * the episode), fitted to the empirical discounted returns by ridge regression with coefficient 1e-5, refitted
 * from scratch every iteration. When the regularised normal equations cannot be solved (not positive definite,
 * or a non-finite solution), the ridge coefficient grows ×10, up to five times, as rllab does.
 *
 * <p>Until the first fit the coefficients are zero, so the first iteration's baseline is 0.
 */
public final class LinearFeatureBaseline implements Stateful {
    public static final double CLIP = 10.0;
    public static final double REG = 1e-5;

    private final int obsDim;
    private final int featDim;
    private final double[] coeffs;
    private final double[] feat;
    private final double[] xtx;
    private final double[] xty;
    private final double[] regularised;
    private final double[] chol;

    public LinearFeatureBaseline(int observationDim) {
        this.obsDim = observationDim;
        this.featDim = 2 * observationDim + 4;
        this.coeffs = new double[featDim];
        this.feat = new double[featDim];
        this.xtx = new double[featDim * featDim];
        this.xty = new double[featDim];
        this.regularised = new double[featDim * featDim];
        this.chol = new double[featDim * featDim];
    }

    public int featureDim() {
        return featDim;
    }

    /** Writes the features of observation {@code obs[off ..]} at episode step {@code t} into {@code out}. */
    public void features(double[] obs, int off, int t, double[] out) {
        for (int i = 0; i < obsDim; i++) {
            double o = Math.max(-CLIP, Math.min(CLIP, obs[off + i]));
            out[i] = o;
            out[obsDim + i] = o * o;
        }
        double al = t / 100.0;
        out[2 * obsDim] = al;
        out[2 * obsDim + 1] = al * al;
        out[2 * obsDim + 2] = al * al * al;
        out[2 * obsDim + 3] = 1.0;
    }

    /**
     * Fits the coefficients to {@code n} samples: observations {@code obs} ({@code n × obsDim}), their step
     * indices within their episodes {@code t}, and the targets {@code returns}.
     */
    public void fit(double[] obs, int[] t, double[] returns, int n) {
        Arrays.fill(xtx, 0);
        Arrays.fill(xty, 0);
        int d = featDim;
        for (int s = 0; s < n; s++) {
            features(obs, s * obsDim, t[s], feat);
            double y = returns[s];
            for (int i = 0; i < d; i++) {
                double fi = feat[i];
                xty[i] += fi * y;
                int row = i * d;
                for (int j = 0; j <= i; j++) xtx[row + j] += fi * feat[j];
            }
        }
        double reg = REG;
        for (int attempt = 0; attempt < 5; attempt++) {
            if (solve(reg)) return;
            reg *= 10;
        }
        // rllab keeps the last (failed) solution; we keep the previous coefficients, which are at least finite.
    }

    /** Solves (XᵀX + reg·I) c = Xᵀy by Cholesky into {@link #coeffs}; false when that fails. */
    private boolean solve(double reg) {
        int d = featDim;
        System.arraycopy(xtx, 0, regularised, 0, xtx.length);
        for (int i = 0; i < d; i++) regularised[i * d + i] += reg;
        if (!Cholesky.factor(regularised, chol, d)) return false;
        double[] c = new double[d];
        Cholesky.solve(chol, d, xty, c);
        for (double v : c) if (!Double.isFinite(v)) return false;
        System.arraycopy(c, 0, coeffs, 0, d);
        return true;
    }

    /** The baseline's value for observation {@code obs[off ..]} at episode step {@code t}. */
    public double predict(double[] obs, int off, int t) {
        features(obs, off, t, feat);
        double s = 0;
        for (int i = 0; i < featDim; i++) s += coeffs[i] * feat[i];
        return s;
    }

    /** The values of {@code n} samples (laid out as {@link #fit}'s) into {@code out}. */
    public void predict(double[] obs, int[] t, int n, double[] out) {
        for (int s = 0; s < n; s++) out[s] = predict(obs, s * obsDim, t[s]);
    }

    @Override
    public double[] snapshot() {
        return coeffs.clone();
    }

    @Override
    public void restore(double[] snapshot) {
        setCoefficients(snapshot);
    }

    /** The fitted coefficients (a copy). */
    public double[] coefficients() {
        return coeffs.clone();
    }

    public void setCoefficients(double[] c) {
        if (c.length != featDim) throw new IllegalArgumentException("baseline has " + featDim + " coefficients, got " + c.length);
        System.arraycopy(c, 0, coeffs, 0, featDim);
    }
}
