package io.gauntlet.core.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gauntlet.core.BadInputException;
import io.gauntlet.core.args.ArgSchema;
import io.gauntlet.core.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Runs one {@link RunConfig} into its directory:
 *
 * <pre>
 *   params.json     every resolved setting, the preset they started from + provenance (version, git commit, JVM, OS, start time)
 *   progress.csv    one row per iteration, appended and flushed as training goes
 *   checkpoint/     state.bin: harness counters + every tracked part of the training state, replaced atomically
 *   log.txt         what happened, including the algorithm's messages
 *   result.json     written last, atomically: the run is finished
 *   .lock           held while a process runs it: a second process is refused
 * </pre>
 *
 * Running the same config into the same directory again resumes from the checkpoint (progress rows after it are
 * dropped and recomputed), or reports the run finished when {@code result.json} exists. A directory holding a
 * different run is a {@link BadInputException}, unless that run never completed an iteration (it failed or was
 * killed at its start): such a directory holds nothing worth keeping and the new run takes it over.
 */
public final class Harness {
    static final String PARAMS = "params.json";
    static final String RESULT = "result.json";
    static final String LOG = "log.txt";
    static final String CHECKPOINT_DIR = "checkpoint";
    static final String LOCK = ".lock";
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Harness() {}

    /** What is in a run directory before a run starts. */
    public enum Status { NEW, RESUMABLE, FINISHED }

    /** What a caller hears of a run: that it starts (new, resumed or already finished) and each iteration. */
    public interface Listener {
        /** Called once the run holds its directory: {@code iterationsDone} are kept from an earlier attempt. */
        default void started(RunConfig config, Status status, int iterationsDone) {}

        default void iteration(IterationSummary summary) {}

        /** A listener of the iterations only. */
        static Listener ofIterations(Consumer<IterationSummary> iterations) {
            return new Listener() {
                @Override
                public void iteration(IterationSummary summary) {
                    iterations.accept(summary);
                }
            };
        }
    }

    /**
     * Checks, without writing anything, that {@code runDir} can take this run: the nearest existing ancestor is
     * a writable directory, and the directory is empty, absent, or holds this very run.
     */
    public static Status inspect(RunConfig config, Path runDir) {
        requireWritable(runDir);
        if (!Files.exists(runDir)) return Status.NEW;
        Path params = runDir.resolve(PARAMS);
        if (!Files.exists(params)) {
            try (Stream<Path> s = Files.list(runDir)) {
                // A lock (or the log) of a run that started a moment ago, or was killed before writing its params.
                if (s.allMatch(f -> f.getFileName().toString().equals(LOCK) || f.getFileName().toString().equals(LOG))) return Status.NEW;
            } catch (IOException e) {
                throw new BadInputException("cannot read the run directory " + runDir + ": " + AtomicFiles.reason(e), e);
            }
            throw new BadInputException(runDir + " is not empty and holds no Gauntlet run (no " + PARAMS + ")");
        }
        if (neverCompletedAnIteration(runDir)) return Status.NEW;
        JsonNode existing;
        try {
            existing = JSON.readTree(params.toFile());
        } catch (IOException e) {
            throw new BadInputException("cannot read " + params + ": " + oneLine(e.getMessage()), e);
        }
        JsonNode wanted = normalised(identity(config));
        List<String> resources = config.algorithm().schema().fields().stream().filter(ArgSchema.Field::resource)
                .map(ArgSchema.Field::name).toList();
        for (String field : identity(config).keySet()) {
            JsonNode w = wanted.get(field), e = existing.get(field);
            if (field.equals("params") && w instanceof ObjectNode wp && e instanceof ObjectNode ep) {
                // Resource parameters (thread counts) do not change results: a run resumes under another value.
                w = wp.deepCopy().without(resources);
                e = ep.deepCopy().without(resources);
            }
            if (!w.equals(e)) {
                throw new BadInputException(runDir + " holds a different run (" + field + " is " + e + ", this run has " + w + ")");
            }
        }
        return Files.exists(runDir.resolve(RESULT)) ? Status.FINISHED : Status.RESUMABLE;
    }

    /** No checkpoint and no progress row: a run that failed or was killed before its first iteration ended. */
    private static boolean neverCompletedAnIteration(Path runDir) {
        if (Files.exists(runDir.resolve(CHECKPOINT_DIR).resolve(Checkpoint.FILE))) return false;
        Path progress = runDir.resolve(ProgressCsv.FILE);
        try {
            return !Files.exists(progress) || ProgressCsv.read(progress).rows().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    /** A {@link BadInputException} unless {@code dir} exists as a writable directory or can be created. */
    public static void requireWritable(Path dir) {
        Path p = dir.toAbsolutePath().normalize();
        while (p != null && !Files.exists(p)) p = p.getParent();
        if (p == null) throw new BadInputException("cannot create output directory " + dir + ": no existing parent");
        if (!Files.isDirectory(p)) throw new BadInputException("cannot write to " + dir + ": " + p + " is not a directory");
        if (!Files.isWritable(p)) throw new BadInputException("cannot write to " + dir + ": " + p + " is not writable");
    }

    /** Runs (or resumes, or reports finished) {@code config} in {@code runDir}; {@code listener} may be null. */
    public static RunResult run(RunConfig config, Path runDir, Listener listener) throws IOException {
        return run(config, runDir, listener, HarnessRun.CheckpointSchedule.EVERY_FEW_SECONDS);
    }

    static RunResult run(RunConfig config, Path runDir, Listener listenerOrNull, HarnessRun.CheckpointSchedule schedule)
            throws IOException {
        Listener listener = listenerOrNull != null ? listenerOrNull : new Listener() {};
        inspect(config, runDir); // a foreign or another run's directory is refused before anything is written
        Algorithm algorithm = config.makeAlgorithm(); // may reject values: before any write
        Files.createDirectories(runDir);
        // One process per run directory: the lock comes first, so a second process (the same command twice,
        // overlapping suites) is refused before it reads or writes anything.
        try (FileChannel lockChannel = FileChannel.open(runDir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = lockChannel.tryLock()) {
            if (lock == null) throw new BadInputException(runDir + " is being run by another process");
            Status status = inspect(config, runDir);
            if (status == Status.FINISHED) {
                RunResult done = readResult(runDir);
                listener.started(config, status, done.iterations());
                return done;
            }
            if (status == Status.NEW) {
                clearAbandonedAttempt(runDir);
                Map<String, Object> params = identity(config);
                params.put("preset", config.preset()); // where the settings started from; the settings are what count
                params.put("provenance", Provenance.now());
                writeJsonAtomically(runDir.resolve(PARAMS), params);
            }
            return runLocked(config, runDir, status, algorithm, listener, schedule);
        } catch (OverlappingFileLockException e) {
            throw new BadInputException(runDir + " is being run by another thread of this process", e);
        }
    }

    /** What an attempt that never completed an iteration left (its log stays, appended to). */
    private static void clearAbandonedAttempt(Path runDir) throws IOException {
        Files.deleteIfExists(runDir.resolve(PARAMS));
        Files.deleteIfExists(runDir.resolve(ProgressCsv.FILE));
        Files.deleteIfExists(runDir.resolve(CHECKPOINT_DIR).resolve(Checkpoint.FILE));
        Files.deleteIfExists(runDir.resolve(CHECKPOINT_DIR));
    }

    private static RunResult runLocked(RunConfig config, Path runDir, Status status, Algorithm algorithm,
            Listener listener, HarnessRun.CheckpointSchedule schedule) throws IOException {
        Optional<Checkpoint> checkpoint = status == Status.RESUMABLE ? Checkpoint.read(runDir.resolve(CHECKPOINT_DIR)) : Optional.empty();
        int doneIterations = checkpoint.map(Checkpoint::iterations).orElse(0);
        ProgressCsv csv = checkpoint.isPresent() ? ProgressCsv.resume(runDir, doneIterations) : ProgressCsv.create(runDir);
        try (csv; RunLog log = RunLog.open(runDir.resolve(LOG))) {
            if (checkpoint.isPresent()) {
                log.write("resuming " + describe(config) + " from iteration " + doneIterations + " ("
                        + checkpoint.get().totalEnvSteps() + " env steps)");
            } else {
                if (status == Status.RESUMABLE) log.write("no checkpoint: starting over");
                log.write("starting " + describe(config) + " (Gauntlet " + Provenance.version() + ")");
            }
            listener.started(config, checkpoint.isPresent() ? Status.RESUMABLE : Status.NEW, doneIterations);
            HarnessRun run = new HarnessRun(config, runDir, csv, log, checkpoint, listener::iteration, schedule);
            try {
                algorithm.train(run);
                run.writeCheckpoint();
            } catch (IOException | RuntimeException | Error e) {
                // The tracked parts may be mid-iteration now: a new attempt resumes from the last checkpoint.
                log.write("failed in iteration " + run.iteration() + ": " + e + (run.checkpointedIteration() < 0
                        ? "; a new attempt starts over" : "; a new attempt resumes from iteration " + run.checkpointedIteration()));
                if (e instanceof IOException || e instanceof BadInputException) throw e;
                log.writeStackTrace(e);
                throw new RunFailedException(describe(config) + " failed in iteration " + run.iteration() + ": " + e
                        + " (the stack trace is in " + runDir.resolve(LOG) + ")", e);
            }
            RunResult result = new RunResult(runDir, false, run.iteration(), run.totalEnvSteps(),
                    run.lastAverageReturn(), run.elapsedSeconds());
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("iterations", result.iterations());
            json.put("totalEnvSteps", result.totalEnvSteps());
            json.put("lastAverageReturn", Double.isNaN(result.lastAverageReturn()) ? null : result.lastAverageReturn());
            json.put("elapsedSeconds", result.elapsedSeconds());
            json.put("finishedAt", Instant.now().toString());
            writeJsonAtomically(runDir.resolve(RESULT), json);
            log.write("finished: " + result.iterations() + " iterations, " + result.totalEnvSteps() + " env steps");
            return result;
        }
    }

    /** The settings that make a run this run (params.json without the provenance). */
    static Map<String, Object> identity(RunConfig c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("env", c.env().id());
        m.put("algo", c.algorithm().id());
        m.put("seed", c.seed());
        m.put("steps", c.steps());
        m.put("params", c.algorithm().values(c.args()));
        return m;
    }

    /** Through text and back, so numbers compare as they read from a file (an int and a long 5 are equal). */
    private static JsonNode normalised(Object value) {
        try {
            return JSON.readTree(JSON.writeValueAsString(value));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RunResult readResult(Path runDir) throws IOException {
        JsonNode r = JSON.readTree(runDir.resolve(RESULT).toFile());
        JsonNode last = r.get("lastAverageReturn");
        return new RunResult(runDir, true, r.path("iterations").asInt(), r.path("totalEnvSteps").asLong(),
                last == null || last.isNull() ? Double.NaN : last.asDouble(), r.path("elapsedSeconds").asDouble());
    }

    static void writeJsonAtomically(Path file, Object value) throws IOException {
        AtomicFiles.write(file, JSON.writeValueAsBytes(value));
    }

    static String describe(RunConfig c) {
        return c.algorithm().id() + " on " + c.env().id() + ", seed " + c.seed() + ", " + c.steps() + " env steps";
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replace('\n', ' ').replace('\r', ' ');
    }

    /** Convenience for callers that hold a JSON tree of params.json. */
    public static ObjectNode readParams(Path runDir) throws IOException {
        return (ObjectNode) JSON.readTree(runDir.resolve(PARAMS).toFile());
    }
}
