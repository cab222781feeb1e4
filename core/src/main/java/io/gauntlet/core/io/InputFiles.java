package io.gauntlet.core.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gauntlet.core.BadInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reading a file a user named: a problem is a {@link BadInputException} that names what the file was for, the path
 * and why it cannot be read (missing, a directory, not readable, not text), never the path twice.
 */
public final class InputFiles {
    private static final ObjectMapper JSON = new ObjectMapper();

    private InputFiles() {}

    /** A {@link BadInputException} unless {@code file} is a regular file this process can read. */
    public static void requireReadable(String what, Path file) {
        if (!Files.exists(file)) throw new BadInputException("cannot read " + what + " " + file + ": no such file");
        if (Files.isDirectory(file)) throw new BadInputException("cannot read " + what + " " + file + ": it is a directory");
        if (!Files.isReadable(file)) throw new BadInputException("cannot read " + what + " " + file + ": permission denied");
    }

    /** The file's text (UTF-8). */
    public static String readString(String what, Path file) {
        requireReadable(what, file);
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new BadInputException("cannot read " + what + " " + file + ": not UTF-8 text", e);
        } catch (IOException e) {
            throw new BadInputException("cannot read " + what + " " + file + ": " + AtomicFiles.reason(e), e);
        }
    }

    /** The JSON text of a {@code what} (e.g. "graph file"), parsed; a {@link BadInputException} if it is not JSON. */
    public static JsonNode parseJson(String what, String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new BadInputException(what + " is not valid JSON: " + e.getOriginalMessage());
        }
    }
}
