package io.gauntlet.core.nn;

import io.gauntlet.core.Stateful;

/**
 * Stochastic gradient descent with optional momentum, PyTorch's rule: {@code b ← μ·b + g} (on the first step
 * {@code b ← g}), {@code p ← p − lr·b}; with {@code μ = 0}, {@code p ← p − lr·g}.
 */
public final class Sgd implements Optimizer {
    private double lr;
    private final double momentum;
    private final double[] buffer;
    private boolean started;

    public Sgd(int size, double lr, double momentum) {
        if (!(lr >= 0) || !(momentum >= 0)) throw new IllegalArgumentException("invalid SGD settings: lr " + lr + ", momentum " + momentum);
        this.lr = lr;
        this.momentum = momentum;
        this.buffer = momentum == 0 ? null : new double[size];
    }

    @Override
    public void step(double[] params, double[] grads) {
        if (params.length != grads.length || (buffer != null && buffer.length != params.length)) {
            throw new IllegalArgumentException("SGD: parameter and gradient sizes differ");
        }
        if (buffer == null) {
            for (int i = 0; i < params.length; i++) params[i] -= lr * grads[i];
            return;
        }
        for (int i = 0; i < params.length; i++) {
            double b = started ? momentum * buffer[i] + grads[i] : grads[i];
            buffer[i] = b;
            params[i] -= lr * b;
        }
        started = true;
    }

    @Override
    public void setLearningRate(double lr) {
        this.lr = lr;
    }

    /** [started, buffer] (just [0] without momentum). */
    @Override
    public double[] snapshot() {
        return Stateful.concat(new double[] {started ? 1 : 0}, buffer == null ? new double[0] : buffer);
    }

    @Override
    public void restore(double[] s) {
        double[] flag = new double[1];
        Stateful.split(s, flag, buffer == null ? new double[0] : buffer);
        started = flag[0] != 0;
    }

    /** The momentum buffer (live array; null without momentum), for checkpoints. */
    public double[] momentumBuffer() {
        return buffer;
    }

    /** Restores a checkpointed momentum buffer (the next step continues from it). */
    public void setMomentumBuffer(double[] values) {
        if (buffer == null || values.length != buffer.length) throw new IllegalArgumentException("SGD momentum buffer size mismatch");
        System.arraycopy(values, 0, buffer, 0, values.length);
        started = true;
    }
}
