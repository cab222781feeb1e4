package io.gauntlet.benchmarks.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gauntlet.benchmarks.suite.SuiteRunner;
import io.gauntlet.core.BadInputException;
import io.gauntlet.core.experiment.ProgressCsv;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * One run as read back from its directory: identity from params.json, the learning curve from progress.csv (total env
 * steps and wall-clock seconds against average return; NaN where an iteration finished no episode), and whether it
 * finished ({@code result.json}), failed ({@link SuiteRunner#ERROR}) or is still going (or was interrupted).
 *
 * <p>{@code algo} is the label the run is compared under: the algorithm's id, or for a run of a sweep over settings
 * its directory's name ({@code ppo@learning_rate=0.001}), so each combination is its own row.
 */
public record RunData(Path directory, String env, String algo, long seed, long budget, long[] steps, double[] averageReturn,
        double[] seconds, Status status) {

    public enum Status { FINISHED, UNFINISHED, FAILED }

    /** A finished run's curve (tests and callers that have no directory). */
    public RunData(Path directory, String env, String algo, long seed, long[] steps, double[] averageReturn) {
        this(directory, env, algo, seed, steps.length == 0 ? 0 : steps[steps.length - 1], steps, averageReturn,
                new double[steps.length], Status.FINISHED);
    }

    /** Every run under {@code root} (a directory holding params.json and a progress.csv with at least one row). */
    public static List<RunData> findAll(Path root) throws IOException {
        if (!Files.isDirectory(root)) throw new BadInputException("no such results directory: " + root);
        List<RunData> runs = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path params : s.filter(p -> p.getFileName().toString().equals("params.json")).sorted().toList()) {
                Path dir = params.getParent();
                if (!Files.exists(dir.resolve(ProgressCsv.FILE))) continue;
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
        String algo = p.path("algo").asText();
        String label = dir.getParent() == null ? algo : dir.getParent().getFileName().toString();
        Status status = Files.exists(dir.resolve("result.json")) ? Status.FINISHED
                : Files.exists(dir.resolve(SuiteRunner.ERROR)) ? Status.FAILED : Status.UNFINISHED;
        return new RunData(dir, p.path("env").asText(), label.startsWith(algo + "@") ? label : algo, p.path("seed").asLong(),
                p.path("steps").asLong(), t.totalEnvSteps(), t.averageReturns(), t.column("Time"), status);
    }

    /** The average return of the last iteration that finished an episode (NaN if none did). */
    public double finalReturn() {
        for (int i = averageReturn.length - 1; i >= 0; i--) if (!Double.isNaN(averageReturn[i])) return averageReturn[i];
        return Double.NaN;
    }

    /**
     * The average return of the last iteration ending at or before {@code atSteps} env steps that finished an episode
     * (NaN if none did): what the run had reached with that budget.
     */
    public double returnAt(long atSteps) {
        double v = Double.NaN;
        for (int i = 0; i < steps.length && steps[i] <= atSteps; i++) if (!Double.isNaN(averageReturn[i])) v = averageReturn[i];
        return v;
    }

    /** Env steps the run has made (its last progress row's). */
    public long lastSteps() {
        return steps.length == 0 ? 0 : steps[steps.length - 1];
    }

    /** Env steps per wall-clock second over the whole run (resumed runs included: Time counts across resumes). */
    public double stepsPerSecond() {
        double s = seconds.length == 0 ? 0 : seconds[seconds.length - 1];
        return s > 0 ? lastSteps() / s : Double.NaN;
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
