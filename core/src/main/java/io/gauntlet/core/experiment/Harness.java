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
 * different run is a {@link BadInputException}.
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
                if (s.findAny().isEmpty()) return Status.NEW;
            } catch (IOException e) {
                throw new BadInputException("cannot read the run directory " + runDir + ": " + e.getMessage(), e);
            }
            throw new BadInputException(runDir + " is not empty and holds no Gauntlet run (no " + PARAMS + ")");
        }
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

    /** A {@link BadInputException} unless {@code dir} exists as a writable directory or can be created. */
    public static void requireWritable(Path dir) {
        Path p = dir.toAbsolutePath().normalize();
        while (p != null && !Files.exists(p)) p = p.getParent();
        if (p == null) throw new BadInputException("cannot create output directory " + dir + ": no existing parent");
        if (!Files.isDirectory(p)) throw new BadInputException("cannot write to " + dir + ": " + p + " is not a directory");
        if (!Files.isWritable(p)) throw new BadInputException("cannot write to " + dir + ": " + p + " is not writable");
    }

    /** Runs (or resumes, or reports finished) {@code config} in {@code runDir}. */
    public static RunResult run(RunConfig config, Path runDir, Consumer<IterationSummary> listener) throws IOException {
        return run(config, runDir, listener, HarnessRun.CheckpointSchedule.EVERY_FEW_SECONDS);
    }

    static RunResult run(RunConfig config, Path runDir, Consumer<IterationSummary> listener,
            HarnessRun.CheckpointSchedule schedule) throws IOException {
        Status status = inspect(config, runDir);
        if (status == Status.FINISHED) return readResult(runDir);
        Algorithm algorithm = config.makeAlgorithm(); // may reject values: before any write

        Files.createDirectories(runDir);
        if (status == Status.NEW) {
            Map<String, Object> params = identity(config);
            params.put("preset", config.preset()); // where the settings started from; the settings are what count
            params.put("provenance", Provenance.now());
            writeJsonAtomically(runDir.resolve(PARAMS), params);
        }
        // One process per run directory: a second one (same command twice, overlapping suites) is refused.
        try (FileChannel lockChannel = FileChannel.open(runDir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = lockChannel.tryLock()) {
            if (lock == null) throw new BadInputException(runDir + " is being run by another process");
            if (Files.exists(runDir.resolve(RESULT))) return readResult(runDir); // finished while we waited
            return runLocked(config, runDir, status, algorithm, listener, schedule);
        } catch (OverlappingFileLockException e) {
            throw new BadInputException(runDir + " is being run by another thread of this process", e);
        }
    }

    private static RunResult runLocked(RunConfig config, Path runDir, Status status, Algorithm algorithm,
            Consumer<IterationSummary> listener, HarnessRun.CheckpointSchedule schedule) throws IOException {
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
            HarnessRun run = new HarnessRun(config, runDir, csv, log, checkpoint, listener, schedule);
            try {
                algorithm.train(run);
                run.writeCheckpoint();
            } catch (IOException | RuntimeException | Error e) {
                // The tracked parts may be mid-iteration now: a new attempt resumes from the last checkpoint.
                log.write("failed in iteration " + run.iteration() + ": " + e + (run.checkpointedIteration() < 0
                        ? "; a new attempt starts over" : "; a new attempt resumes from iteration " + run.checkpointedIteration()));
                throw e;
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
