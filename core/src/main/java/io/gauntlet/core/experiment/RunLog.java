package io.gauntlet.core.experiment;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/** The run's log.txt: timestamped lines, appended across attempts and flushed at once. */
final class RunLog implements AutoCloseable {
    private final BufferedWriter out;

    private RunLog(BufferedWriter out) {
        this.out = out;
    }

    static RunLog open(Path file) throws IOException {
        return new RunLog(Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND));
    }

    synchronized void write(String message) {
        try {
            out.write(Instant.now() + " " + message.replace('\n', ' ') + "\n");
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The failure's whole stack trace, for a developer (the one-line message goes to the user). */
    synchronized void writeStackTrace(Throwable t) {
        java.io.StringWriter trace = new java.io.StringWriter();
        t.printStackTrace(new java.io.PrintWriter(trace));
        try {
            out.write(trace.toString());
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
