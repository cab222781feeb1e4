package io.gauntlet.benchmarks.cli;

import io.gauntlet.core.BadInputException;
import io.gauntlet.core.experiment.RunFailedException;
import io.gauntlet.core.io.AtomicFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one place where a command's failure becomes what the user sees: one line on stderr, never a stack trace,
 * and the exit status. Bad input (a {@link BadInputException} anywhere in the cause chain) exits 2; a run that
 * failed inside its algorithm or task exits 1 and names its log.txt, which holds the stack trace; an I/O problem
 * names the path and the reason and exits 1; any other error is an internal one: it exits 1, and its stack trace
 * goes to a file the line names.
 */
final class Failures {
    static final int BAD_INPUT = 2;
    static final int FAILED = 1;

    private Failures() {}

    static int report(Throwable failure, PrintWriter err) {
        BadInputException bad = find(failure, BadInputException.class);
        if (bad != null) return say(err, bad.getMessage(), BAD_INPUT);
        RunFailedException run = find(failure, RunFailedException.class);
        if (run != null) return say(err, run.getMessage(), FAILED);
        IOException io = find(failure, IOException.class);
        if (io != null) return say(err, describe(io), FAILED);
        if (find(failure, OutOfMemoryError.class) != null) {
            return say(err, "out of memory: ask for less, or give Java more heap (GAUNTLET_JAVA_OPTS=-Xmx8g ./gauntlet ...)", FAILED);
        }
        return say(err, "internal error: " + failure + " (the stack trace is in " + saveStackTrace(failure) + ")", FAILED);
    }

    /** An I/O failure as "cannot ... PATH: REASON" (our own messages already have that form). */
    static String describe(IOException e) {
        String m = e.getMessage();
        if (m != null && m.startsWith("cannot ")) return m;
        if (e instanceof FileSystemException fs && fs.getFile() != null) {
            return "cannot access " + fs.getFile() + ": " + AtomicFiles.reason(e);
        }
        return "I/O error: " + AtomicFiles.reason(e);
    }

    private static int say(PrintWriter err, String message, int status) {
        err.println("gauntlet: " + Gauntlet.oneLine(message));
        err.flush();
        return status;
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) return type.cast(c);
            if (c instanceof UncheckedIOException u && type.isInstance(u.getCause())) return type.cast(u.getCause());
        }
        return null;
    }

    private static String saveStackTrace(Throwable t) {
        StringWriter trace = new StringWriter();
        t.printStackTrace(new PrintWriter(trace));
        Path file = Path.of(System.getProperty("java.io.tmpdir"), "gauntlet-error-" + ProcessHandle.current().pid() + ".txt");
        try {
            Files.writeString(file, trace.toString(), StandardCharsets.UTF_8);
            return file.toString();
        } catch (IOException e) {
            return "nowhere: " + AtomicFiles.reason(e);
        }
    }
}
