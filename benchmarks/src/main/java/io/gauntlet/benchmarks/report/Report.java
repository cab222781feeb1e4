package io.gauntlet.benchmarks.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.gauntlet.benchmarks.suite.SweepStatus;
import io.gauntlet.core.BadInputException;
import io.gauntlet.core.experiment.Harness;
import io.gauntlet.core.experiment.Provenance;
import io.gauntlet.core.io.AtomicFiles;
import io.gauntlet.core.stats.Stats;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The report over a results directory (a sweep's, finished or still running, or any directory of runs), written into
 * {@code out}:
 * <ul>
 *   <li>{@code index.html}, which works offline (no remote script, font or style): the sweep's state, the aggregate
 *       comparison across tasks ({@link Aggregates}), rllab's Table 1 (tasks × algorithms, score mean ± std, bold by
 *       Welch's t-test), and per task its learning curves against env steps and wall-clock seconds and its table
 *       ({@link Summary}), each row linking its runs' params.json; the Gauntlet version and commit that made it;</li>
 *   <li>every chart as PNG and SVG ({@link Charts}); every table as CSV; {@code summary.json}.</li>
 * </ul>
 * Every file is written to a temporary name and moved into place.
 */
public final class Report {
    /** What was produced: the summaries per task, the learning-curve chart per task, and any warning about charts. */
    public record Result(Path out, Map<String, List<Summary>> tasks, Map<String, String> charts, String chartProblem,
            Aggregates aggregates) {}

    private Report() {}

    public static Result write(Path resultsDir, Path out) throws IOException {
        return write(resultsDir, out, null);
    }

    /** As {@link #write(Path, Path)}, with the acceptance table (may be null) as a section of index.html. */
    public static Result write(Path resultsDir, Path out, AcceptanceReport.Table acceptance) throws IOException {
        return write(resultsDir, out, acceptance, References.shipped());
    }

    public static Result write(Path resultsDir, Path out, AcceptanceReport.Table acceptance, References references) throws IOException {
        List<RunData> runs = RunData.findAll(resultsDir);
        if (runs.isEmpty()) throw new BadInputException("no runs found under " + resultsDir + " (expected <env>/<algo>/seed-<n>/progress.csv)");
        Harness.requireWritable(out);

        Map<String, Map<String, List<RunData>>> grouped = new TreeMap<>();
        TreeSet<String> algos = new TreeSet<>();
        for (RunData r : runs) {
            grouped.computeIfAbsent(r.env(), k -> new TreeMap<>()).computeIfAbsent(r.algo(), k -> new ArrayList<>()).add(r);
            algos.add(r.algo());
        }
        Map<String, Integer> style = new LinkedHashMap<>();
        for (String a : algos) style.put(a, style.size());
        Map<String, List<Summary>> tasks = new LinkedHashMap<>();
        for (var e : grouped.entrySet()) tasks.put(e.getKey(), Summary.ofTask(e.getKey(), new ArrayList<>(e.getValue().values())));
        Aggregates aggregates = Aggregates.of(tasks, references);

        Files.createDirectories(out);
        Map<String, String> charts = new LinkedHashMap<>();
        String chartProblem = null;
        Set<String> names = new HashSet<>();
        try {
            if (aggregates != null) {
                int rows = aggregates.algos().size();
                Charts.save(Charts.aggregate(aggregates), out, "aggregate", Charts.WIDTH, Math.max(260, 90 + 34 * rows));
                Charts.save(Charts.profiles(aggregates, style), out, "profiles", Charts.WIDTH, Charts.HEIGHT);
                Charts.save(Charts.improvement(aggregates), out, "improvement", Charts.WIDTH, Math.max(420, 180 + 42 * rows));
            }
            for (var e : tasks.entrySet()) {
                String base = unique(safeName(e.getKey()), names);
                Charts.save(Charts.learningCurves(e.getKey(), e.getValue(), Curve.Axis.STEPS, style), out, base, Charts.WIDTH, Charts.HEIGHT);
                Charts.save(Charts.learningCurves(e.getKey(), e.getValue(), Curve.Axis.SECONDS, style), out, base + "-seconds",
                        Charts.WIDTH, Charts.HEIGHT);
                charts.put(e.getKey(), base);
            }
        } catch (IOException ex) {
            throw ex;
        } catch (Exception | Error ex) {
            // A headless JDK without fonts fails inside AWT; the tables are still worth having.
            chartProblem = "charts skipped (" + ex.getClass().getSimpleName() + ": " + ex.getMessage()
                    + "); headless charts need fonts: install fontconfig and fonts-dejavu-core";
            charts.clear();
        }
        if (acceptance != null) AcceptanceReport.write(acceptance, out);
        Tables.write(out, tasks, aggregates, runs, out);
        List<SweepStatus.Planned> plan = SweepStatus.readPlan(resultsDir);
        String html = Page.html(resultsDir, out, tasks, charts, chartProblem, aggregates, algos,
                plan == null ? null : SweepStatus.read(resultsDir, plan), acceptance);
        AtomicFiles.write(out.resolve("index.html"), html.getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(out.resolve("summary.json"), new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsBytes(json(tasks, charts)));
        Map<String, String> pngs = new LinkedHashMap<>();
        for (var e : charts.entrySet()) pngs.put(e.getKey(), e.getValue() + ".png");
        return new Result(out, tasks, pngs, chartProblem, aggregates);
    }

    private static String unique(String base, Set<String> taken) {
        String name = base;
        for (int i = 2; !taken.add(name); i++) name = base + "-" + i;
        return name;
    }

    /** summary.json: per task, per algorithm the figures of its table row. */
    static Map<String, Object> json(Map<String, List<Summary>> tasks, Map<String, String> charts) {
        List<Object> envs = new ArrayList<>();
        for (var e : tasks.entrySet()) {
            List<Object> algos = new ArrayList<>();
            for (Summary s : e.getValue()) algos.add(json(s));
            Map<String, Object> env = new LinkedHashMap<>();
            env.put("env", e.getKey());
            env.put("chart", charts.containsKey(e.getKey()) ? charts.get(e.getKey()) + ".png" : null);
            env.put("commonSteps", e.getValue().isEmpty() ? null : e.getValue().get(0).commonSteps());
            env.put("algos", algos);
            envs.add(env);
        }
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("envs", envs);
        return o;
    }

    /** One table row as JSON (summary.json and the CLI's --json). */
    public static Map<String, Object> json(Summary s) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("algo", s.algo());
        a.put("seeds", s.seeds());
        a.put("budget", s.budget());
        a.put("commonSteps", s.commonSteps());
        a.put("returnAtCommonSteps", values(s.atCommon()));
        a.put("returnAtCommonStepsMean", finite(Summary.mean(s.atCommon())));
        a.put("returnAtCommonStepsStd", finite(Summary.std(s.atCommon())));
        a.put("finalReturn", values(s.finals()));
        a.put("finalReturnMean", finite(Summary.mean(s.finals())));
        a.put("finalReturnStd", finite(Summary.std(s.finals())));
        a.put("score", values(s.scores()));
        a.put("scoreMean", finite(Summary.mean(s.scores())));
        a.put("scoreStd", finite(Summary.std(s.scores())));
        a.put("iqm", finite(s.iqm().estimate()));
        a.put("iqmCi95", java.util.Arrays.asList(finite(s.iqm().low()), finite(s.iqm().high())));
        a.put("bold", s.bold());
        a.put("scoreBold", s.scoreBold());
        a.put("stepsPerSecond", finite(s.stepsPerSecond()));
        return a;
    }

    private static List<Object> values(double[] x) {
        List<Object> out = new ArrayList<>();
        for (double v : x) out.add(finite(v));
        return out;
    }

    static Object finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /** A figure for the page: 4 significant figures at most, whole numbers from 1000 on; a dash for none. */
    static String num(double v) {
        if (Double.isNaN(v)) return "&ndash;";
        return plain(v);
    }

    /** A figure for text and CSV files: as {@link #num}, "NaN" for none. */
    static String plain(double v) {
        if (Double.isNaN(v)) return "NaN";
        if (Math.abs(v) >= 1000) return String.format(Locale.ROOT, "%.0f", v);
        if (Math.abs(v) >= 100) return String.format(Locale.ROOT, "%.1f", v);
        return String.format(Locale.ROOT, "%.2f", v);
    }

    /** Mean ± standard deviation over seeds; one seed has no spread, so it shows the value and n = 1. */
    static String meanStd(double[] x) {
        if (x.length == 0) return "&ndash;";
        if (x.length == 1) return num(x[0]) + " <span class=\"n\">(n&nbsp;=&nbsp;1)</span>";
        return num(Stats.mean(x)) + " &plusmn; " + num(Stats.std(x));
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }

    static String safeName(String id) {
        return id.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
