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
        description = {"Learning curves (PNG) and a summary table (index.html, summary.json) for every run under DIR."},
        footer = {"", "Example:", "  ./gauntlet report results --out results/report"})
final class ReportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "results directory (runs as <env>/<algo>/seed-<n>/)")
    Path dir;

    @Option(names = "--out", paramLabel = "DIR", description = "where to write the report (default: DIR/report)")
    Path out;

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
        Report.Result r = Report.write(dir, reportDir, acceptance);
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
            System.out.println(e.getKey());
            for (Summary s : e.getValue()) {
                System.out.printf(Locale.ROOT, "  %s%-12s seeds %d  final %.2f ± %.2f  score %.2f  IQM %.2f%n",
                        s.bold() ? "*" : " ", s.algo(), s.seeds(), s.finalMean(), (s.finalHigh() - s.finalLow()) / 2,
                        s.score(), s.iqm());
            }
        }
        System.out.println("report: " + r.out().resolve("index.html"));
    }

    /** The summary as the --json object: the report's path and, per task, every algorithm's figures. */
    static Map<String, Object> summary(Report.Result r) {
        List<Object> envs = new ArrayList<>();
        for (var e : r.tasks().entrySet()) {
            List<Object> algos = new ArrayList<>();
            for (Summary s : e.getValue()) {
                Map<String, Object> a = new LinkedHashMap<>();
                a.put("algo", s.algo());
                a.put("seeds", s.seeds());
                a.put("finalReturnMean", Json.finite(s.finalMean()));
                a.put("finalReturnCi95", new Object[] {Json.finite(s.finalLow()), Json.finite(s.finalHigh())});
                a.put("score", Json.finite(s.score()));
                a.put("iqm", Json.finite(s.iqm()));
                a.put("bold", s.bold());
                algos.add(a);
            }
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
