package io.gauntlet.core.experiment;

import io.gauntlet.core.BadInputException;
import io.gauntlet.core.env.Env;
import io.gauntlet.core.policy.Policy;

/**
 * A training algorithm. {@link #train(Run)} reads top to bottom like the paper's pseudocode: it builds its
 * networks, registers every part of its training state with {@link Run#track}, collects experience until
 * {@link Run#budgetExhausted()}, and ends every iteration with {@link Run#endIteration}, which writes the progress
 * row (and, from time to time, the checkpoint).
 */
public interface Algorithm {
    void train(Run run) throws java.io.IOException;

    /**
     * The env this algorithm trains on, built around the run's task (CleanRL's {@code make_env}: e.g. PPO adds
     * observation and reward normalisation). Training and every later use of a checkpoint (render, evaluation)
     * build the same stack, so a trained policy acts behind the normalisers it learnt with. None by default.
     */
    default Env wrap(Env task) {
        return task;
    }

    /**
     * The policy a checkpoint holds, rebuilt for {@code env} (the run's task wrapped by {@link #wrap}), so a trained
     * run can be rendered or evaluated. Algorithms whose checkpoints carry no acting policy say so.
     */
    default Policy policy(Env env, TrainingState checkpoint) {
        throw new BadInputException("this algorithm's checkpoints hold no policy to act with");
    }
}
