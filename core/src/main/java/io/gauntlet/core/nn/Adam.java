package io.gauntlet.core.nn;

import io.gauntlet.core.Stateful;
import java.util.Arrays;

/**
 * Adam (Kingma and Ba 2015) with PyTorch's update rule: after {@code t} steps,
 * {@code m ← β1·m + (1−β1)·g}, {@code v ← β2·v + (1−β2)·g²},
 * {@code p ← p − (lr / (1−β1^t)) · m / (√v / √(1−β2^t) + ε)}. Its state ({@link #m()}, {@link #v()},
 * {@link #stepCount()}) is a {@link io.gauntlet.core.Stateful} part of a run.
 */
public final class Adam implements Optimizer {
    private final double beta1;
    private final double beta2;
    private final double eps;
    private double lr;
    private final double[] m;
    private final double[] v;
    private long t;

    /** PyTorch's defaults: β1 0.9, β2 0.999, ε 1e-8. */
    public Adam(int size, double lr) {
        this(size, lr, 0.9, 0.999, 1e-8);
    }

    public Adam(int size, double lr, double beta1, double beta2, double eps) {
        if (!(lr >= 0) || !(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(eps >= 0)) {
            throw new IllegalArgumentException("invalid Adam settings: lr " + lr + ", betas " + beta1 + ", " + beta2 + ", eps " + eps);
        }
        this.lr = lr;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.m = new double[size];
        this.v = new double[size];
    }

    @Override
    public void step(double[] params, double[] grads) {
        if (params.length != m.length || grads.length != m.length) {
            throw new IllegalArgumentException("Adam sized for " + m.length + " parameters, got " + params.length + " and " + grads.length);
        }
        t++;
        double bc1 = 1 - Math.pow(beta1, t);
        double bc2Sqrt = Math.sqrt(1 - Math.pow(beta2, t));
        double stepSize = lr / bc1;
        double b1 = beta1, b2 = beta2, c1 = 1 - beta1, c2 = 1 - beta2;
        for (int i = 0; i < params.length; i++) {
            double g = grads[i];
            double mi = b1 * m[i] + c1 * g;
            double vi = b2 * v[i] + c2 * g * g;
            m[i] = mi;
            v[i] = vi;
            params[i] -= stepSize * mi / (Math.sqrt(vi) / bc2Sqrt + eps);
        }
    }

    @Override
    public void setLearningRate(double lr) {
        this.lr = lr;
    }

    /** First-moment estimates (the live array). */
    public double[] m() {
        return m;
    }

    /** Second-moment estimates (the live array). */
    public double[] v() {
        return v;
    }

    public long stepCount() {
        return t;
    }

    /** [t, m, v]: the step count is exact as a double below 2^53. */
    @Override
    public double[] snapshot() {
        return Stateful.counted(t, m, v);
    }

    @Override
    public void restore(double[] s) {
        t = Stateful.splitCounted(s, m, v);
    }

    public void setState(double[] m, double[] v, long stepCount) {
        if (m.length != this.m.length || v.length != this.v.length) {
            throw new IllegalArgumentException("Adam state has " + this.m.length + " entries, got " + m.length + " and " + v.length);
        }
        System.arraycopy(m, 0, this.m, 0, m.length);
        System.arraycopy(v, 0, this.v, 0, v.length);
        this.t = stepCount;
    }

    public void reset() {
        Arrays.fill(m, 0);
        Arrays.fill(v, 0);
        t = 0;
    }
}
