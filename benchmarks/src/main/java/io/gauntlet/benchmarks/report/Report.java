package io.gauntlet.benchmarks.report;

import io.gauntlet.core.io.AtomicFiles;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.gauntlet.core.BadInputException;
import io.gauntlet.core.experiment.Harness;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * The report over a results directory: one learning-curve PNG per task (every algorithm's mean over seeds with
 * its 95% band), {@code index.html} showing them above a summary table, and {@code summary.json} with the same
 * figures. Every file is written to a temporary name and moved into place.
 */
public final class Report {
    private static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e), new Color(0x9467bd),
        new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf)};

    /** What was produced: the summaries per task, chart file names per task, and any warning about charts. */
    public record Result(Path out, Map<String, List<Summary>> tasks, Map<String, String> charts, String chartProblem) {}

    private Report() {}

    public static Result write(Path resultsDir, Path out) throws IOException {
        return write(resultsDir, out, null);
    }

    /** As {@link #write(Path, Path)}, with the acceptance table (may be null) as a section of index.html. */
    public static Result write(Path resultsDir, Path out, AcceptanceReport.Table acceptance) throws IOException {
        List<RunData> runs = RunData.findAll(resultsDir);
        if (runs.isEmpty()) throw new BadInputException("no runs found under " + resultsDir + " (expected <env>/<algo>/seed-<n>/progress.csv)");
        Harness.requireWritable(out);

        Map<String, Map<String, List<RunData>>> grouped = new TreeMap<>();
        for (RunData r : runs) {
            grouped.computeIfAbsent(r.env(), k -> new TreeMap<>()).computeIfAbsent(r.algo(), k -> new ArrayList<>()).add(r);
        }
        Map<String, List<Summary>> tasks = new LinkedHashMap<>();
        for (var e : grouped.entrySet()) tasks.put(e.getKey(), Summary.ofTask(e.getKey(), new ArrayList<>(e.getValue().values())));

        Files.createDirectories(out);
        Map<String, String> charts = new LinkedHashMap<>();
        String chartProblem = null;
        for (var e : tasks.entrySet()) {
            String file = safeName(e.getKey()) + ".png";
            try {
                writeChart(e.getKey(), e.getValue(), out.resolve(file));
                charts.put(e.getKey(), file);
            } catch (IOException ex) {
                throw ex;
            } catch (Exception | Error ex) {
                // A headless JDK without fonts fails inside AWT; the table is still worth having.
                chartProblem = "charts skipped (" + ex.getClass().getSimpleName() + ": " + ex.getMessage()
                        + "); headless charts need fonts: install fontconfig and fonts-dejavu-core";
                break;
            }
        }
        if (acceptance != null) AcceptanceReport.write(acceptance, out);
        AtomicFiles.write(out.resolve("index.html"), html(resultsDir, tasks, charts, chartProblem, acceptance).getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(out.resolve("summary.json"), new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsBytes(json(tasks, charts)));
        return new Result(out, tasks, charts, chartProblem);
    }

    static void writeChart(String env, List<Summary> rows, Path file) throws IOException {
        System.setProperty("java.awt.headless", "true");
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        for (Summary s : rows) {
            YIntervalSeries series = new YIntervalSeries(s.algo() + " (" + s.seeds() + " seed" + (s.seeds() == 1 ? "" : "s") + ")");
            Curve c = s.curve();
            for (int i = 0; i < c.steps().length; i++) series.add(c.steps()[i], c.mean()[i], c.low()[i], c.high()[i]);
            data.addSeries(series);
        }
        NumberAxis x = new NumberAxis("Environment steps");
        NumberAxis y = new NumberAxis("Average return");
        y.setAutoRangeIncludesZero(false);
        // The y range follows the mean curves, not the bands: with 3 seeds a t band is 4.3 standard errors wide
        // and would squeeze the curves into the middle of the chart; bands are clipped at the edges instead.
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (Summary s : rows) {
            for (double v : s.curve().mean()) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (lo <= hi) {
            double pad = hi > lo ? 0.08 * (hi - lo) : Math.max(1, Math.abs(hi) * 0.1);
            y.setRange(lo - pad, hi + pad);
        }
        DeviationRenderer renderer = new DeviationRenderer(true, false);
        renderer.setAlpha(rows.size() > 4 ? 0.08f : 0.2f); // many overlapping bands: keep the lines readable
        for (int i = 0; i < rows.size(); i++) {
            Color color = PALETTE[i % PALETTE.length];
            renderer.setSeriesPaint(i, color);
            renderer.setSeriesFillPaint(i, color);
            renderer.setSeriesStroke(i, new BasicStroke(2f));
        }
        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdddddd));
        plot.setRangeGridlinePaint(new Color(0xdddddd));
        JFreeChart chart = new JFreeChart(env + ": mean average return, 95% CI across seeds", JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        AtomicFiles.write(file, out -> ChartUtils.writeChartAsPNG(out, chart, 900, 540));
    }

    static String html(Path resultsDir, Map<String, List<Summary>> tasks, Map<String, String> charts, String chartProblem,
            AcceptanceReport.Table acceptance) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Gauntlet report</title>\n")
                .append("<style>body{font-family:sans-serif;margin:2em;max-width:1000px}table{border-collapse:collapse;margin:1em 0}")
                .append("th,td{border:1px solid #ccc;padding:4px 10px;text-align:right}th:first-child,td:first-child{text-align:left}")
                .append("td.best{font-weight:bold}img{max-width:100%}.note{color:#555;font-size:90%}</style></head><body>\n")
                .append("<h1>Gauntlet report</h1>\n<p class=\"note\">Runs under <code>").append(esc(resultsDir.toString()))
                .append("</code>. Final return: average return of each seed's last iteration, mean &plusmn; Student-t 95% CI half-width. ")
                .append("Score: rllab's average return over all iterations. IQM: interquartile mean of the final returns ")
                .append("with a 95% bootstrap CI. Bold: best final mean, or not significantly worse (Welch's t-test, p &ge; 0.05).</p>\n");
        if (chartProblem != null) h.append("<p><strong>").append(esc(chartProblem)).append("</strong></p>\n");
        if (acceptance != null) {
            h.append("<p><a href=\"#acceptance\">Acceptance table</a>: ").append(acceptance.pass() ? "every gating row passed" : "<strong>a gating row failed</strong>").append("</p>\n");
        }
        for (var e : tasks.entrySet()) {
            h.append("<h2>").append(esc(e.getKey())).append("</h2>\n");
            String chart = charts.get(e.getKey());
            if (chart != null) h.append("<img src=\"").append(esc(chart)).append("\" alt=\"learning curves on ").append(esc(e.getKey())).append("\">\n");
            h.append("<table><tr><th>Algorithm</th><th>Seeds</th><th>Final return</th><th>Score</th><th>IQM [95% CI]</th></tr>\n");
            for (Summary s : e.getValue()) {
                String cls = s.bold() ? " class=\"best\"" : "";
                h.append("<tr><td").append(cls).append(">").append(esc(s.algo())).append("</td><td>").append(s.seeds())
                        .append("</td><td").append(cls).append(">").append(num(s.finalMean())).append(" &plusmn; ")
                        .append(num((s.finalHigh() - s.finalLow()) / 2)).append("</td><td>").append(num(s.score()))
                        .append("</td><td>").append(num(s.iqm())).append(" [").append(num(s.iqmLow())).append(", ")
                        .append(num(s.iqmHigh())).append("]</td></tr>\n");
            }
            h.append("</table>\n");
        }
        if (acceptance != null) h.append(AcceptanceReport.html(acceptance));
        return h.append("</body></html>\n").toString();
    }

    static Map<String, Object> json(Map<String, List<Summary>> tasks, Map<String, String> charts) {
        List<Object> envs = new ArrayList<>();
        for (var e : tasks.entrySet()) {
            List<Object> algos = new ArrayList<>();
            for (Summary s : e.getValue()) {
                Map<String, Object> a = new LinkedHashMap<>();
                a.put("algo", s.algo());
                a.put("seeds", s.seeds());
                a.put("finalReturnMean", finite(s.finalMean()));
                a.put("finalReturnCi95", List.of(finite(s.finalLow()), finite(s.finalHigh())));
                a.put("score", finite(s.score()));
                a.put("iqm", finite(s.iqm()));
                a.put("iqmCi95", List.of(finite(s.iqmLow()), finite(s.iqmHigh())));
                a.put("bold", s.bold());
                algos.add(a);
            }
            Map<String, Object> env = new LinkedHashMap<>();
            env.put("env", e.getKey());
            env.put("chart", charts.get(e.getKey()));
            env.put("algos", algos);
            envs.add(env);
        }
        return Map.of("envs", envs);
    }

    private static Object finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    static String num(double v) {
        if (Double.isNaN(v)) return "&ndash;";
        return String.format(Locale.ROOT, Math.abs(v) >= 1000 ? "%.0f" : "%.2f", v);
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    static String safeName(String id) {
        return id.replaceAll("[^A-Za-z0-9._-]", "_");
    }

}
