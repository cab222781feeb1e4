package io.gauntlet.core.experiment;

import io.gauntlet.core.BadInputException;
import io.gauntlet.core.env.Env;
import io.gauntlet.core.policy.Policy;

/**
 * A training algorithm. {@link #train(Run)} reads top to bottom like the paper's pseudocode: it builds its
 * networks from {@link Run#params()}, collects experience until {@link Run#budgetExhausted()}, and ends every
 * iteration with {@link Run#endIteration}, which writes the progress row and the checkpoint.
 */
public interface Algorithm {
    void train(Run run) throws java.io.IOException;

    /**
     * The policy a checkpoint holds, rebuilt for {@code env} (the run's task, with its wrappers), so a trained run
     * can be rendered or evaluated. Algorithms whose checkpoints carry no acting policy say so.
     */
    default Policy policy(Env env, TrainingState checkpoint) {
        throw new BadInputException("this algorithm's checkpoints hold no policy to act with");
    }
}
