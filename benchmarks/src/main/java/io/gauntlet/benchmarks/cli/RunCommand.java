package io.gauntlet.benchmarks.cli;

import io.gauntlet.core.io.OutputPaths;
import io.gauntlet.benchmarks.report.AcceptanceReport;
import io.gauntlet.benchmarks.report.Report;
import io.gauntlet.benchmarks.suite.Suite;
import io.gauntlet.benchmarks.suite.SuiteRunner;
import io.gauntlet.benchmarks.suite.Suites;
import io.gauntlet.core.BadInputException;
import io.gauntlet.core.experiment.Harness;
import io.gauntlet.core.experiment.RunConfig;
import java.nio.file.Path;
import java.util.EnumMap;
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

    @Mixin
    JsonOutput output;

    @Override
    public Integer call() throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        if (jobs != null && (jobs < 1 || jobs > cores)) {
            throw new BadInputException("--jobs must be in [1, " + cores + "] (the cores of this machine), got " + jobs);
        }
        return run(Suites.named(suite), out, jobs == null ? cores : jobs, output.enabled);
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
        return sb.toString();
    }

    /**
     * Runs {@code s} into {@code out/<name>/}, writes its report, and evaluates its acceptance criteria if it has
     * any. Exit status 1 when a run failed or a gating criterion failed.
     */
    static int run(Suite s, Path out, int n, boolean json) throws Exception {
        if (n < 1) throw new BadInputException("--jobs must be at least 1, got " + n);
        if (out.toString().isBlank()) throw new BadInputException("--out is empty: name a directory");
        Path suiteDir = out.resolve(s.name());
        List<RunConfig> runs = s.runs();
        if (runs.isEmpty()) throw new BadInputException("suite '" + s.name() + "' has no runs with the registered algorithms");
        Map<Harness.Status, Integer> statuses = new EnumMap<>(Harness.Status.class);
        for (RunConfig c : runs) { // another run's directory: refused now, before anything is written
            statuses.merge(Harness.inspect(c, c.directoryUnder(suiteDir)), 1, Integer::sum);
        }
        OutputPaths.requireDirectory("--out", suiteDir);
        long total = runs.stream().mapToLong(RunConfig::steps).sum();

        ProgressBar bar = new ProgressBar("suite " + s.name());
        AtomicLong done = new AtomicLong();
        AtomicInteger finished = new AtomicInteger();
        Map<RunConfig, Long> seen = new ConcurrentHashMap<>();
        System.err.printf("gauntlet: suite %s: %d runs (%s) on %d jobs -> %s%n", s.name(), runs.size(),
                runs.stream().map(c -> c.algorithm().id()).distinct().collect(Collectors.joining(", ")), n, suiteDir);
        int finishedBefore = statuses.getOrDefault(Harness.Status.FINISHED, 0);
        int resumable = statuses.getOrDefault(Harness.Status.RESUMABLE, 0);
        if (finishedBefore + resumable > 0) {
            System.err.printf("gauntlet: suite %s: %d runs already finished (kept, not rerun), %d interrupted runs resume from their checkpoints, %d start%n",
                    s.name(), finishedBefore, resumable, runs.size() - finishedBefore - resumable);
        }
        List<SuiteRunner.Outcome> outcomes;
        try {
            outcomes = SuiteRunner.run(s, suiteDir, n,
                    it -> {
                        // Whole-episode algorithms overshoot their budget a little: the bar counts up to it.
                        long now = Math.min(it.totalEnvSteps(), it.stepBudget());
                        long before = seen.getOrDefault(it.config(), 0L);
                        seen.put(it.config(), now);
                        bar.update(done.addAndGet(now - before), total, it.averageReturn(),
                                finished.get() + "/" + runs.size() + " runs done");
                    },
                    o -> {
                        long before = seen.getOrDefault(o.config(), 0L);
                        long after = o.result() != null ? o.config().steps() : before;
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
                System.err.println("gauntlet: " + o.config().algorithm().id() + " seed " + o.config().seed() + " failed: " + o.error());
            }
        }
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
}
