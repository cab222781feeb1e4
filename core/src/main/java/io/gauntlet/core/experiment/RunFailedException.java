package io.gauntlet.core.experiment;

/**
 * A run ended by an unexpected error inside its algorithm or task (a bug, not bad input): the message says which
 * run, in which iteration, what happened and where its log holds the stack trace. A new attempt resumes from the
 * last checkpoint.
 */
public final class RunFailedException extends RuntimeException {
    RunFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
