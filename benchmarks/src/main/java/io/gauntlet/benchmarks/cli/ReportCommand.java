package io.gauntlet.benchmarks.cli;

import io.gauntlet.core.BadInputException;
import io.gauntlet.core.io.OutputPaths;
import io.gauntlet.benchmarks.report.AcceptanceReport;
import io.gauntlet.benchmarks.report.Report;
import io.gauntlet.benchmarks.suite.Suite;
import io.gauntlet.benchmarks.suite.Suites;
import io.gauntlet.benchmarks.report.Summary;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write the report on every run under DIR (a sweep's directory, finished or still running).",
            "index.html holds the comparison across tasks (IQM, performance profiles, probability of improvement), rllab's Table 1, and per task",
            "learning curves against env steps and wall-clock seconds with a table; every chart as PNG and SVG, every table",
            "as CSV (docs/reports.md)."},
        footer = {"", "Example:", "  ./gauntlet report results --out results/report"})
final class ReportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "results directory (runs as <env>/<algo>/seed-<n>/)")
    Path dir;

    @Option(names = "--out", paramLabel = "DIR", description = "where to write the report (default: DIR/report)")
    Path out;

    @Option(names = "--references", paramLabel = "FILE", description = "normalisation references to add or replace "
            + "(CSV: env,random,reference,source; the shipped ones: docs/reports.md)")
    Path references;

    @Mixin
    JsonOutput output;

    @Override
    public Integer call() throws IOException {
        if (dir.toString().isBlank()) throw new BadInputException("the results directory is empty: name one");
        if (!java.nio.file.Files.isDirectory(dir)) throw new BadInputException("no such results directory: " + dir);
        // A suite's directory (<out>/<suite>) whose suite has acceptance criteria gets its acceptance table again.
        Suite suite = Suites.ALL.stream().filter(s -> dir.getFileName() != null && s.name().equals(dir.getFileName().toString())
                && !s.criteria().isEmpty()).findFirst().orElse(null);
        AcceptanceReport.Table acceptance = suite == null ? null : AcceptanceReport.evaluate(suite.criteria(), dir);
        Path reportDir = out == null ? dir.resolve("report") : out;
        OutputPaths.requireDirectory("--out", reportDir);
        Report.Result r = Report.write(dir, reportDir, acceptance, io.gauntlet.benchmarks.report.References.with(references));
        print(r, output.enabled);
        if (acceptance != null && !output.enabled) System.out.print(AcceptanceReport.text(acceptance));
        return 0;
    }

    static void print(Report.Result r, boolean json) {
        if (r.chartProblem() != null) System.err.println("gauntlet: " + r.chartProblem());
        if (json) {
            Json.print(System.out, summary(r));
            return;
        }
        for (var e : r.tasks().entrySet()) {
            long common = e.getValue().isEmpty() ? 0 : e.getValue().get(0).commonSteps();
            System.out.printf(Locale.ROOT, "%s (compared at %,d env steps)%n", e.getKey(), common);
            for (Summary s : e.getValue()) {
                double std = Summary.std(s.atCommon());
                System.out.printf(Locale.ROOT, "  %s%-12s n %d  budget %,d  return %s%s  final %s  score %s  IQM %s%n",
                        s.bold() ? "*" : " ", s.algo(), s.seeds(), s.budget(), plain(Summary.mean(s.atCommon())),
                        Double.isNaN(std) ? "" : " ± " + plain(std), plain(s.finalMean()), plain(s.scoreMean()), plain(s.iqm().estimate()));
            }
        }
        if (r.aggregates() != null) {
            System.out.println("across tasks (normalised: random 0, reference 1)");
            for (String a : r.aggregates().algos()) {
                var iqm = r.aggregates().iqm().get(a);
                System.out.printf(Locale.ROOT, "  %-12s IQM %s [%s, %s] over %d tasks%n", a, plain(iqm.estimate()), plain(iqm.low()),
                        plain(iqm.high()), r.aggregates().tasks().get(a).size());
            }
        }
        System.out.println("report: " + r.out().resolve("index.html"));
    }

    private static String plain(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, Math.abs(v) >= 1000 ? "%.0f" : "%.2f", v);
    }

    /** The summary as the --json object: the report's path and, per task, every algorithm's figures. */
    static Map<String, Object> summary(Report.Result r) {
        List<Object> envs = new ArrayList<>();
        for (var e : r.tasks().entrySet()) {
            List<Object> algos = new ArrayList<>();
            for (Summary s : e.getValue()) algos.add(Report.json(s));
            Map<String, Object> env = new LinkedHashMap<>();
            env.put("env", e.getKey());
            env.put("chart", r.charts().get(e.getKey()));
            env.put("algos", algos);
            envs.add(env);
        }
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("report", r.out().resolve("index.html").toString());
        o.put("envs", envs);
        return o;
    }
}
