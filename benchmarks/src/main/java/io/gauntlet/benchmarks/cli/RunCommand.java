package io.gauntlet.benchmarks.cli;

import io.gauntlet.benchmarks.report.AcceptanceReport;
import io.gauntlet.benchmarks.report.PlacementTableReport;
import io.gauntlet.benchmarks.suite.PlacementTable;
import io.gauntlet.benchmarks.report.Report;
import io.gauntlet.benchmarks.suite.Suite;
import io.gauntlet.benchmarks.suite.SuiteRunner;
import io.gauntlet.benchmarks.suite.SweepBackend;
import io.gauntlet.benchmarks.suite.SweepFile;
import io.gauntlet.benchmarks.suite.SweepStatus;
import io.gauntlet.benchmarks.suite.Suites;
import io.gauntlet.core.BadInputException;
import io.gauntlet.core.experiment.Harness;
import io.gauntlet.core.experiment.RunConfig;
import io.gauntlet.core.experiment.RunFailedException;
import io.gauntlet.core.io.OutputPaths;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run a named suite into <out>/<suite>/ (runs in parallel), then its report into <out>/<suite>/report/.",
            "Rerunning resumes interrupted runs and skips finished ones. Suites shipped as sweep files print theirs with",
            "--print: a start for your own (./gauntlet sweep FILE)."},
        footer = {"", "Example:", "  ./gauntlet run quick --jobs 2"})
final class RunCommand implements java.util.concurrent.Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SUITE", description = "suite name")
    String suite;

    @Mixin
    SweepOptions options;

    @Option(names = "--print", description = "print the suite's sweep file (to copy and start your own) instead of running it")
    boolean print;

    @Override
    public Integer call() throws Exception {
        if (print) {
            Suites.named(suite);
            String text = SweepFile.shippedText(suite);
            if (text == null) throw new BadInputException("suite '" + suite + "' is built in code, not from a sweep file");
            System.out.print(text);
            return 0;
        }
        if (suite.equals(PlacementTable.NAME)) {
            PlacementTable.Scale scale = options.scale == null ? PlacementTable.Scale.FULL : PlacementTable.Scale.of(options.scale);
            return runPlacement(options.out, scale, options.jobs(), options.output.enabled);
        }
        return run(Suites.named(suite, options.scale), options.out, options.jobs(), options.output.enabled);
    }

    /** The suites, generated from {@link Suites#ALL}: name, description, runs and env steps (shown by {@code run --help}). */
    static String suitesHelp() {
        StringBuilder sb = new StringBuilder("%nSuites (how long each takes: docs/performance.md):%n");
        for (Suite s : Suites.ALL) {
            List<RunConfig> runs = s.runs();
            long steps = runs.stream().mapToLong(RunConfig::steps).sum();
            sb.append(String.format(java.util.Locale.ROOT, "  %-12s %d runs, %,d env steps%%n", s.name(), runs.size(), steps));
            sb.append("               ").append(s.description()).append("%n");
            String file = SweepFile.shippedText(s.name());
            List<String> scales = file == null ? List.of() : SweepFile.scales(file);
            if (!scales.isEmpty()) sb.append("               scales (--scale): ").append(String.join(", ", scales)).append("%n");
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
     * Runs {@code s} into {@code out/<name>/} on the local pool, writes its report, and evaluates its acceptance
     * criteria if it has any. Exit status 1 when a run failed or a gating criterion failed.
     */
    static int run(Suite s, Path out, int n, boolean json) throws Exception {
        return run(s, out, n, json, null, null);
    }

    /**
     * As {@link #run(Suite, Path, int, boolean)}, on {@code backend} at {@code master} when a backend is given, then
     * the report and the acceptance table if the suite has one.
     */
    static int run(Suite s, Path out, int n, boolean json, SweepBackend backend, String master) throws Exception {
        if (out.toString().isBlank()) throw new BadInputException("--out is empty: name a directory");
        Path suiteDir = out.resolve(s.name());
        int failures = execute(s, suiteDir, n, backend, master);
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
     * fine-tuning on the held-out graph, then the table (classic placers computed now) and its report. The small
     * scale lives in {@code <out>/placement-small/}, so the scales never mix.
     */
    static int runPlacement(Path out, PlacementTable.Scale scale, int n, boolean json) throws Exception {
        if (out.toString().isBlank()) throw new BadInputException("--out is empty: name a directory");
        Path suiteDir = out.resolve(scale == PlacementTable.Scale.FULL ? PlacementTable.NAME
                : PlacementTable.NAME + "-" + scale.name().toLowerCase(Locale.ROOT));
        int failures = execute(PlacementTable.learning(scale.budget), suiteDir, n, null, null);
        Path pretrained = PlacementTable.pretrainingRun(suiteDir);
        if (java.nio.file.Files.exists(pretrained.resolve("result.json"))) {
            failures += execute(PlacementTable.fineTuning(scale.budget, pretrained), suiteDir.resolve(PlacementTable.TRANSFER_DIR), n, null, null);
        }
        PlacementTableReport.Result r = PlacementTableReport.write(suiteDir);
        if (json) Json.print(System.out, PlacementTableReport.json(r.rows(), r.transfer()));
        else System.out.print(PlacementTableReport.text(r.rows(), r.transfer()));
        System.out.println("report: " + r.out().resolve("index.html"));
        return failures == 0 ? 0 : 1;
    }

    /**
     * Runs a suite's runs into {@code suiteDir}, on the local pool or on {@code backend}: every run's directory is
     * checked before anything is written, then it prints how many runs the sweep makes (and how many are already
     * finished or resume), one progress bar, a line per run that finishes or fails, and the failures by name.
     * Returns how many runs failed.
     */
    private static int execute(Suite s, Path suiteDir, int n, SweepBackend backend, String master) throws Exception {
        if (n < 1) throw new BadInputException("--jobs must be at least 1, got " + n);
        List<Suite.Run> plan = s.plan();
        if (plan.isEmpty()) throw new BadInputException("suite '" + s.name() + "' has no runs with the registered algorithms");
        Map<Harness.Status, Integer> statuses = new EnumMap<>(Harness.Status.class);
        for (Suite.Run r : plan) { // every directory checked before any run, and before anything is written
            statuses.merge(Harness.inspect(r.config(), r.directoryUnder(suiteDir)), 1, Integer::sum);
        }
        OutputPaths.requireDirectory("--out", suiteDir);
        SweepStatus.writePlan(suiteDir, s.name(), plan);

        ProgressBar bar = new ProgressBar("sweep " + s.name());
        SweepProgress progress = new SweepProgress(s.name(), plan, suiteDir, bar);
        long steps = plan.stream().mapToLong(r -> r.config().steps()).sum();
        System.err.printf(Locale.ROOT, "gauntlet: sweep %s: %d runs (%s), %,d env steps; on %s -> %s%n",
                s.name(), plan.size(), plan.stream().map(r -> r.config().algorithm().id()).distinct().collect(Collectors.joining(", ")),
                steps, backend == null ? n + " jobs" : backend.name() + " " + master, suiteDir);
        int finishedBefore = statuses.getOrDefault(Harness.Status.FINISHED, 0);
        int resumable = statuses.getOrDefault(Harness.Status.RESUMABLE, 0);
        if (finishedBefore + resumable > 0) {
            System.err.printf("gauntlet: sweep %s: %d of %d runs already finished (kept, not rerun), %d interrupted (resumed from their checkpoints), %d to start%n",
                    s.name(), finishedBefore, plan.size(), resumable, plan.size() - finishedBefore - resumable);
        }
        List<SuiteRunner.Outcome> outcomes;
        try {
            if (backend == null) {
                outcomes = SuiteRunner.run(plan, suiteDir, n, progress);
            } else {
                outcomes = runPolling(backend, s.name(), plan, suiteDir, master, progress);
            }
        } finally {
            bar.finish();
        }
        List<SuiteRunner.Outcome> failures = outcomes.stream().filter(o -> o.error() != null).toList();
        for (SuiteRunner.Outcome o : failures) {
            String why = o.error() instanceof RunFailedException f ? f.getMessage() : String.valueOf(o.error());
            System.err.println("gauntlet: failed: " + suiteDir.relativize(o.directory()) + ": " + Gauntlet.oneLine(why)
                    + " (" + SuiteRunner.ERROR + " in its directory; the same command again retries it)");
        }
        if (!failures.isEmpty()) System.err.printf("gauntlet: sweep %s: %d of %d runs failed%n", s.name(), failures.size(), plan.size());
        return failures.size();
    }

    /** Runs on a backend whose runs report to no one: the progress comes from reading the sweep's directory. */
    private static List<SuiteRunner.Outcome> runPolling(SweepBackend backend, String name, List<Suite.Run> plan, Path suiteDir,
            String master, SweepProgress progress) throws Exception {
        Thread poller = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                progress.poll(suiteDir, plan);
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "gauntlet-sweep-progress");
        poller.setDaemon(true);
        poller.start();
        try {
            List<SuiteRunner.Outcome> outcomes = backend.run(name, plan, suiteDir, master);
            for (SuiteRunner.Outcome o : outcomes) progress.finished(o);
            return outcomes;
        } finally {
            poller.interrupt();
            poller.join();
        }
    }
}
