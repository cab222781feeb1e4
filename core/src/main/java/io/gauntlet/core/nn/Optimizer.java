package io.gauntlet.core.nn;

/**
 * A first-order optimiser over a flat parameter vector: {@link #step} moves {@code params} against
 * {@code grads} (the gradient of a loss to minimise) and leaves {@code grads} untouched. Its state (moments,
 * step count) is a {@link io.gauntlet.core.Stateful} part of a run.
 */
public interface Optimizer extends io.gauntlet.core.Stateful {
    void step(double[] params, double[] grads);

    /** Changes the learning rate (linear annealing, as CleanRL's PPO does). */
    void setLearningRate(double lr);
}
