package io.gauntlet.benchmarks.report;

import io.gauntlet.core.experiment.ProgressCsv;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gauntlet.core.BadInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * One run as read back from its directory: identity from params.json, and the learning curve from progress.csv
 * (total env steps against average return; NaN where an iteration finished no episode).
 */
public record RunData(Path directory, String env, String algo, long seed, long[] steps, double[] averageReturn) {

    /** Every run under {@code root} (a directory holding params.json and a progress.csv with at least one row). */
    public static List<RunData> findAll(Path root) throws IOException {
        if (!Files.isDirectory(root)) throw new BadInputException("no such results directory: " + root);
        List<RunData> runs = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path params : s.filter(p -> p.getFileName().toString().equals("params.json")).sorted().toList()) {
                Path dir = params.getParent();
                if (!Files.exists(dir.resolve("progress.csv"))) continue;
                RunData r = read(dir);
                if (r.steps.length > 0) runs.add(r);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        runs.sort(Comparator.comparing(RunData::env).thenComparing(RunData::algo).thenComparingLong(RunData::seed));
        return runs;
    }

    public static RunData read(Path dir) throws IOException {
        JsonNode p = new ObjectMapper().readTree(dir.resolve("params.json").toFile());
        ProgressCsv.Table t = ProgressCsv.read(dir.resolve(ProgressCsv.FILE));
        return new RunData(dir, p.path("env").asText(), p.path("algo").asText(), p.path("seed").asLong(),
                t.totalEnvSteps(), t.averageReturns());
    }

    /** The average return of the last iteration that finished an episode (NaN if none did). */
    public double finalReturn() {
        for (int i = averageReturn.length - 1; i >= 0; i--) if (!Double.isNaN(averageReturn[i])) return averageReturn[i];
        return Double.NaN;
    }

    /** rllab's score: the average return averaged over all iterations (iterations without episodes skipped). */
    public double score() {
        double s = 0;
        int n = 0;
        for (double v : averageReturn) {
            if (!Double.isNaN(v)) {
                s += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : s / n;
    }
}
