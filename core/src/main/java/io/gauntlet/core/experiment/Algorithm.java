package io.gauntlet.core.experiment;

/**
 * A training algorithm. {@link #train(Run)} reads top to bottom like the paper's pseudocode: it builds its
 * networks from {@link Run#params()}, collects experience until {@link Run#budgetExhausted()}, and ends every
 * iteration with {@link Run#endIteration}, which writes the progress row and the checkpoint.
 */
public interface Algorithm {
    void train(Run run) throws java.io.IOException;
}
