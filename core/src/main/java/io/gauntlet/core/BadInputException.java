package io.gauntlet.core;

/**
 * A problem with what the user asked for (an unknown id, a malformed value, an unwritable path).
 * The CLI prints its message as one line and exits with status 2; the message must name the problem.
 */
public class BadInputException extends RuntimeException {
    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
