package io.gauntlet.benchmarks.cli;

import io.gauntlet.benchmarks.report.AcceptanceReport;
import io.gauntlet.benchmarks.report.PlacementTableReport;
import io.gauntlet.benchmarks.suite.PlacementTable;
import io.gauntlet.benchmarks.report.Report;
import io.gauntlet.benchmarks.suite.Suite;
import io.gauntlet.benchmarks.suite.SuiteRunner;
import io.gauntlet.benchmarks.suite.Suites;
import io.gauntlet.core.BadInputException;
import io.gauntlet.core.experiment.Harness;
import io.gauntlet.core.experiment.RunConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run a named suite into <out>/<suite>/ (runs in parallel), then its report into <out>/<suite>/report/.",
            "Rerunning resumes interrupted runs and skips finished ones."},
        footer = {"", "Example:", "  ./gauntlet run quick --jobs 2"})
final class RunCommand implements java.util.concurrent.Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SUITE", description = "suite name")
    String suite;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "results", description = "results root (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--jobs", paramLabel = "N", description = "cores to use: runs go in parallel, a run's own threads counted (default: number of cores)")
    Integer jobs;

    @Option(names = "--scale", paramLabel = "small|full",
            description = "budgets of the placement suite: small (a look, minutes) or full (the goals; default)")
    String scale;

    @Mixin
    JsonOutput output;

    @Override
    public Integer call() throws Exception {
        int n = jobs == null ? Runtime.getRuntime().availableProcessors() : jobs;
        if (suite.equals(PlacementTable.NAME)) {
            return runPlacement(out, scale == null ? PlacementTable.Scale.FULL : PlacementTable.Scale.of(scale), n, output.enabled);
        }
        if (scale != null) throw new BadInputException("--scale applies to the " + PlacementTable.NAME + " suite only");
        return run(Suites.named(suite), out, n, output.enabled);
    }

    /** The suites, generated from {@link Suites#ALL}: name, description, runs and env steps (shown by {@code run --help}). */
    static String suitesHelp() {
        StringBuilder sb = new StringBuilder("%nSuites (how long each takes: docs/performance.md):%n");
        for (Suite s : Suites.ALL) {
            List<RunConfig> runs = s.runs();
            long steps = runs.stream().mapToLong(RunConfig::steps).sum();
            sb.append(String.format(java.util.Locale.ROOT, "  %-12s %d runs, %,d env steps%%n", s.name(), runs.size(), steps));
            sb.append("               ").append(s.description()).append("%n");
            if (!s.criteria().isEmpty()) {
                sb.append("               prints PASS/FAIL/REPORTED per row, writes report/acceptance.{md,json};%n")
                        .append("               exit status 1 if a gating row fails%n");
            }
        }
        sb.append(String.format(java.util.Locale.ROOT, "  %-12s Table 1 of Mirhoseini et al. 2017 for our simulator: %s on 1 CPU + 2 and 4 K80s,%n",
                PlacementTable.NAME, String.join(", ", PlacementTable.MODELS)));
        sb.append("               classic and learned placers, rl-gnn's transfer to ").append(PlacementTable.HELD_OUT)
                .append("; --scale small|full (placements per learned run: ");
        for (PlacementTable.Scale s : PlacementTable.Scale.values()) {
            sb.append(s.name().toLowerCase(java.util.Locale.ROOT)).append(' ').append(s.budget.seq2seq()).append('/').append(s.budget.gnn())
                    .append(s.ordinal() + 1 < PlacementTable.Scale.values().length ? ", " : "");
        }
        sb.append(" for rl-seq2seq/rl-gnn)%n");
        return sb.toString();
    }

    /**
     * Runs {@code s} into {@code out/<name>/}, writes its report, and evaluates its acceptance criteria if it has
     * any. Exit status 1 when a run failed or a gating criterion failed.
     */
    static int run(Suite s, Path out, int n, boolean json) throws Exception {
        if (n < 1) throw new BadInputException("--jobs must be at least 1, got " + n);
        Path suiteDir = out.resolve(s.name());
        Harness.requireWritable(suiteDir);
        List<RunConfig> runs = s.runs();
        if (runs.isEmpty()) throw new BadInputException("suite '" + s.name() + "' has no runs with the registered algorithms");
        long total = runs.stream().mapToLong(RunConfig::steps).sum();

        int failures = execute(s, suiteDir, n);
        AcceptanceReport.Table acceptance = s.criteria().isEmpty() ? null : AcceptanceReport.evaluate(s.criteria(), suiteDir);
        Report.Result r = Report.write(suiteDir, suiteDir.resolve("report"), acceptance);
        if (json && acceptance != null) {
            Map<String, Object> o = ReportCommand.summary(r);
            o.put("acceptance", AcceptanceReport.json(acceptance));
            if (r.chartProblem() != null) System.err.println("gauntlet: " + r.chartProblem());
            Json.print(System.out, o);
        } else {
            ReportCommand.print(r, json);
            if (acceptance != null) {
                System.out.println();
                System.out.print(AcceptanceReport.text(acceptance));
                System.out.println("acceptance: " + r.out().resolve("acceptance.md"));
            }
        }
        return failures == 0 && (acceptance == null || acceptance.pass()) ? 0 : 1;
    }

    /**
     * The placement suite: the learned placers on every row of Table 1 and rl-gnn's pre-training, then its
     * fine-tuning on the held-out graph, then the table (classic placers computed now) and its report.
     */
    static int runPlacement(Path out, PlacementTable.Scale scale, int n, boolean json) throws Exception {
        if (n < 1) throw new BadInputException("--jobs must be at least 1, got " + n);
        Path suiteDir = out.resolve(PlacementTable.NAME);
        Harness.requireWritable(suiteDir);
        int failures = execute(PlacementTable.learning(scale.budget), suiteDir, n);
        Path pretrained = PlacementTable.pretrainingRun(suiteDir);
        if (java.nio.file.Files.exists(pretrained.resolve("result.json"))) {
            failures += execute(PlacementTable.fineTuning(scale.budget, pretrained), suiteDir.resolve(PlacementTable.TRANSFER_DIR), n);
        }
        PlacementTableReport.Result r = PlacementTableReport.write(suiteDir);
        if (json) Json.print(System.out, PlacementTableReport.json(r.rows(), r.transfer()));
        else System.out.print(PlacementTableReport.text(r.rows(), r.transfer()));
        System.out.println("report: " + r.out().resolve("index.html"));
        return failures == 0 ? 0 : 1;
    }

    /** Runs a suite's runs into {@code suiteDir} with a progress bar; returns how many failed (each named on stderr). */
    private static int execute(Suite s, Path suiteDir, int n) throws Exception {
        List<RunConfig> runs = s.runs();
        long total = runs.stream().mapToLong(RunConfig::steps).sum();
        ProgressBar bar = new ProgressBar("suite " + s.name());
        AtomicLong done = new AtomicLong();
        AtomicInteger finished = new AtomicInteger();
        Map<RunConfig, Long> seen = new ConcurrentHashMap<>();
        System.err.printf("gauntlet: suite %s: %d runs (%s) on %d jobs -> %s%n", s.name(), runs.size(),
                runs.stream().map(c -> c.algorithm().id()).distinct().collect(Collectors.joining(", ")), n, suiteDir);
        List<SuiteRunner.Outcome> outcomes;
        try {
            outcomes = SuiteRunner.run(s, suiteDir, n,
                    it -> {
                        long before = seen.getOrDefault(it.config(), 0L);
                        seen.put(it.config(), it.totalEnvSteps());
                        bar.update(done.addAndGet(it.totalEnvSteps() - before), total, it.averageReturn(),
                                finished.get() + "/" + runs.size() + " runs done");
                    },
                    o -> {
                        long before = seen.getOrDefault(o.config(), 0L);
                        long after = o.result() != null ? o.result().totalEnvSteps() : before;
                        seen.put(o.config(), after);
                        finished.incrementAndGet();
                        bar.update(done.addAndGet(after - before), total, Double.NaN, finished.get() + "/" + runs.size() + " runs done");
                    });
        } finally {
            bar.finish();
        }
        int failures = 0;
        for (SuiteRunner.Outcome o : outcomes) {
            if (o.error() != null) {
                failures++;
                System.err.println("gauntlet: " + o.config().algorithm().id() + " on " + o.config().env().id() + " seed "
                        + o.config().seed() + " failed: " + o.error());
            }
        }
        return failures;
    }
}
