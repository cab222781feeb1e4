package io.gauntlet.benchmarks.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.gauntlet.core.experiment.ProgressCsv;
import io.gauntlet.core.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a sweep stands, read from its directory alone, so it works while the sweep runs and whoever runs it (a
 * local pool, Spark executors on other machines): the plan ({@value #PLAN}, written when the sweep starts) and,
 * per run, whether it is finished ({@code result.json}), failed ({@value SuiteRunner#ERROR}), started (a
 * progress.csv: running, or interrupted) or not, with the env steps its progress.csv has reached.
 */
public final class SweepStatus {
    private SweepStatus() {}

    /** The sweep's runs, in order: directory, env, algorithm, seed, budget. */
    public static final String PLAN = "plan.json";

    public enum State { PENDING, STARTED, FINISHED, FAILED }

    /** One planned run as the plan file lists it. */
    public record Planned(String directory, String env, String algo, long seed, long steps) {}

    /** One run's state and the env steps its progress.csv has reached. */
    public record Run(Planned planned, State state, long steps, String error) {}

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public static List<Planned> planned(List<Suite.Run> plan) {
        List<Planned> out = new ArrayList<>();
        for (Suite.Run r : plan) {
            out.add(new Planned(r.directory(), r.config().env().id(), r.config().algorithm().id(), r.config().seed(), r.config().steps()));
        }
        return out;
    }

    /** Writes the plan file (atomically) into the sweep's directory. */
    public static void writePlan(Path suiteDir, String name, List<Suite.Run> plan) throws IOException {
        Files.createDirectories(suiteDir);
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("sweep", name);
        o.put("runs", planned(plan));
        AtomicFiles.write(suiteDir.resolve(PLAN), JSON.writeValueAsBytes(o));
    }

    /** The plan written into {@code suiteDir}, or null if there is none (not a sweep's directory). */
    public static List<Planned> readPlan(Path suiteDir) throws IOException {
        Path f = suiteDir.resolve(PLAN);
        if (!Files.exists(f)) return null;
        List<Planned> out = new ArrayList<>();
        for (JsonNode r : JSON.readTree(f.toFile()).path("runs")) {
            out.add(new Planned(r.path("directory").asText(), r.path("env").asText(), r.path("algo").asText(),
                    r.path("seed").asLong(), r.path("steps").asLong()));
        }
        return out;
    }

    public static Run read(Path suiteDir, Planned p) {
        Path dir = suiteDir.resolve(p.directory());
        if (Files.exists(dir.resolve("result.json"))) return new Run(p, State.FINISHED, p.steps(), null);
        long steps = 0;
        Path progress = dir.resolve(ProgressCsv.FILE);
        if (Files.exists(progress)) {
            try {
                long[] s = ProgressCsv.read(progress).totalEnvSteps();
                if (s.length > 0) steps = s[s.length - 1];
            } catch (IOException | RuntimeException e) {
                // being rewritten at this moment: read again next time
            }
        }
        Path error = dir.resolve(SuiteRunner.ERROR);
        if (Files.exists(error)) {
            String first = "";
            try {
                first = Files.readAllLines(error).stream().findFirst().orElse("");
            } catch (IOException e) {
                // gone since: a new attempt started
            }
            return new Run(p, State.FAILED, steps, first);
        }
        return new Run(p, Files.exists(progress) ? State.STARTED : State.PENDING, steps, null);
    }

    public static List<Run> read(Path suiteDir, List<Planned> plan) {
        List<Run> out = new ArrayList<>();
        for (Planned p : plan) out.add(read(suiteDir, p));
        return out;
    }
}
