package io.gauntlet.core.distributions;

import io.gauntlet.core.random.Rng;

/**
 * A Gaussian with diagonal covariance in {@code dim} dimensions, described by {@code [mean(dim) | logStd(dim)]}
 * (so {@link #paramDim()} is {@code 2·dim}). Parameterising by log σ keeps σ positive and makes the Fisher
 * information constant in the log-std coordinates: {@code 1/σ²} on each mean, {@code 2} on each log-std.
 */
public final class DiagGaussian implements Distribution {
    private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);
    private static final double HALF_LOG_2PIE = 0.5 * Math.log(2 * Math.PI * Math.E);

    private final int dim;

    public DiagGaussian(int dim) {
        if (dim <= 0) throw new IllegalArgumentException("a Gaussian needs dim > 0, got " + dim);
        this.dim = dim;
    }

    public int dim() {
        return dim;
    }

    @Override
    public int paramDim() {
        return 2 * dim;
    }

    @Override
    public int actionDim() {
        return dim;
    }

    @Override
    public void sample(double[] p, int pOff, Rng rng, double[] action, int aOff) {
        for (int i = 0; i < dim; i++) {
            action[aOff + i] = p[pOff + i] + Math.exp(p[pOff + dim + i]) * rng.nextGaussian();
        }
    }

    @Override
    public void mode(double[] p, int pOff, double[] action, int aOff) {
        System.arraycopy(p, pOff, action, aOff, dim);
    }

    @Override
    public double logProb(double[] p, int pOff, double[] action, int aOff) {
        double s = 0;
        for (int i = 0; i < dim; i++) {
            double logStd = p[pOff + dim + i];
            double z = (action[aOff + i] - p[pOff + i]) * Math.exp(-logStd);
            s += -0.5 * z * z - logStd - HALF_LOG_2PI;
        }
        return s;
    }

    @Override
    public double entropy(double[] p, int pOff) {
        double s = 0;
        for (int i = 0; i < dim; i++) s += p[pOff + dim + i] + HALF_LOG_2PIE;
        return s;
    }

    @Override
    public double kl(double[] p, int pOff, double[] q, int qOff) {
        // Σ log σq − log σp + (σp² + (μp − μq)²) / (2σq²) − ½
        double s = 0;
        for (int i = 0; i < dim; i++) {
            double lp = p[pOff + dim + i];
            double lq = q[qOff + dim + i];
            double d = p[pOff + i] - q[qOff + i];
            double varQ = Math.exp(2 * lq);
            s += lq - lp + (Math.exp(2 * lp) + d * d) / (2 * varQ) - 0.5;
        }
        return s;
    }

    @Override
    public void gradLogProb(double[] p, int pOff, double[] action, int aOff, double scale, double[] g, int gOff) {
        // ∂/∂μ = (a − μ)/σ²;  ∂/∂log σ = (a − μ)²/σ² − 1
        for (int i = 0; i < dim; i++) {
            double invStd = Math.exp(-p[pOff + dim + i]);
            double z = (action[aOff + i] - p[pOff + i]) * invStd;
            g[gOff + i] += scale * z * invStd;
            g[gOff + dim + i] += scale * (z * z - 1);
        }
    }

    @Override
    public void gradEntropy(double[] p, int pOff, double scale, double[] g, int gOff) {
        for (int i = 0; i < dim; i++) g[gOff + dim + i] += scale;
    }

    @Override
    public void gradKlFirst(double[] p, int pOff, double[] q, int qOff, double scale, double[] g, int gOff) {
        // ∂/∂μp = (μp − μq)/σq²;  ∂/∂log σp = σp²/σq² − 1
        for (int i = 0; i < dim; i++) {
            double invVarQ = Math.exp(-2 * q[qOff + dim + i]);
            double d = p[pOff + i] - q[qOff + i];
            g[gOff + i] += scale * d * invVarQ;
            g[gOff + dim + i] += scale * (Math.exp(2 * p[pOff + dim + i]) * invVarQ - 1);
        }
    }

    @Override
    public void gradKlSecond(double[] p, int pOff, double[] q, int qOff, double scale, double[] g, int gOff) {
        // ∂/∂μq = −(μp − μq)/σq²;  ∂/∂log σq = 1 − (σp² + (μp − μq)²)/σq²
        for (int i = 0; i < dim; i++) {
            double invVarQ = Math.exp(-2 * q[qOff + dim + i]);
            double d = p[pOff + i] - q[qOff + i];
            g[gOff + i] -= scale * d * invVarQ;
            g[gOff + dim + i] += scale * (1 - (Math.exp(2 * p[pOff + dim + i]) + d * d) * invVarQ);
        }
    }

    @Override
    public void fisherVectorProduct(double[] p, int pOff, double[] v, int vOff, double scale, double[] out, int outOff) {
        for (int i = 0; i < dim; i++) {
            out[outOff + i] += scale * v[vOff + i] * Math.exp(-2 * p[pOff + dim + i]);
            out[outOff + dim + i] += scale * 2 * v[vOff + dim + i];
        }
    }
}
