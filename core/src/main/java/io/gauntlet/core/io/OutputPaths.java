package io.gauntlet.core.io;

import io.gauntlet.core.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The one place where a command checks where it will write, before any work starts: the location must be (or
 * become) a directory this process can write files in. A problem is a {@link BadInputException} naming the
 * option, the path and the reason; when the check fails it leaves nothing behind. Checking means trying: a
 * directory is created (with its missing parents) and a probe file written and deleted, because permission bits
 * do not tell (root may "write" to /proc, where nothing can be created).
 */
public final class OutputPaths {
    private OutputPaths() {}

    /** {@code dir} exists as a writable directory afterwards (created if needed), or a {@link BadInputException}. */
    public static void requireDirectory(String option, Path dir) {
        if (dir.toString().isBlank()) throw new BadInputException(option + " is empty: name a directory");
        Path target = dir.toAbsolutePath().normalize();
        List<Path> created = new ArrayList<>();
        try {
            if (Files.exists(target) && !Files.isDirectory(target)) {
                throw new BadInputException(option + " " + dir + ": it is a file, not a directory");
            }
            for (Path p = target; p != null && !Files.exists(p); p = p.getParent()) created.add(0, p);
            for (Path p : created) {
                if (Files.exists(p.getParent()) && !Files.isDirectory(p.getParent())) {
                    throw new BadInputException(option + " " + dir + ": " + p.getParent() + " is a file, not a directory");
                }
                Files.createDirectory(p);
            }
            Path probe = target.resolve(".gauntlet-probe-" + ProcessHandle.current().pid());
            Files.deleteIfExists(Files.createFile(probe));
        } catch (IOException e) {
            removeCreated(created);
            throw new BadInputException("cannot write to " + option + " " + dir + ": " + AtomicFiles.reason(e), e);
        } catch (BadInputException e) {
            removeCreated(created);
            throw e;
        }
    }

    /** {@code file} can be written: its directory as {@link #requireDirectory}, and it is not a directory itself. */
    public static void requireFile(String option, Path file) {
        if (file.toString().isBlank()) throw new BadInputException(option + " is empty: name a file");
        Path target = file.toAbsolutePath().normalize();
        if (Files.isDirectory(target)) throw new BadInputException(option + " " + file + ": it is a directory, not a file");
        requireDirectory(option, target.getParent());
    }

    private static void removeCreated(List<Path> created) {
        for (int i = created.size() - 1; i >= 0; i--) {
            try {
                Files.deleteIfExists(created.get(i));
            } catch (IOException ignored) {
                // leave it: the original problem is the one to report
            }
        }
    }
}
