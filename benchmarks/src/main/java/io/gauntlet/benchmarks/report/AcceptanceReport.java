package io.gauntlet.benchmarks.report;

import io.gauntlet.core.io.AtomicFiles;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.gauntlet.benchmarks.suite.Acceptance;
import io.gauntlet.benchmarks.suite.Criterion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The acceptance table of a suite's finished runs: per row its metric, threshold, seeds passing, per-seed figures
 * and verdict (PASS/FAIL for gating rows, REPORTED for the rows whose figures are only reported), as a section of
 * the report's index.html, as {@code acceptance.md} and as {@code acceptance.json} next to it.
 */
public final class AcceptanceReport {
    private AcceptanceReport() {}

    /** The evaluated table, and whether every gating row passed. */
    public record Table(List<Acceptance.Result> rows, boolean pass) {}

    /** Evaluates {@code criteria} on the runs under {@code suiteDir}. */
    public static Table evaluate(List<Criterion> criteria, Path suiteDir) throws IOException {
        List<Acceptance.Result> rows = Acceptance.evaluate(criteria, suiteDir);
        return new Table(rows, rows.stream().allMatch(Acceptance.Result::ok));
    }

    /** Writes {@code acceptance.json} and {@code acceptance.md} into {@code out} (atomically). */
    public static void write(Table t, Path out) throws IOException {
        AtomicFiles.write(out.resolve("acceptance.json"),
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(json(t)));
        AtomicFiles.write(out.resolve("acceptance.md"), markdown(t).getBytes(StandardCharsets.UTF_8));
    }

    public static Map<String, Object> json(Table t) {
        List<Object> rows = new ArrayList<>();
        for (Acceptance.Result r : t.rows()) {
            Criterion c = r.criterion();
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("row", c.name());
            o.put("env", c.env());
            o.put("algo", c.algo());
            o.put("steps", c.steps());
            o.put("metric", metric(c));
            o.put("threshold", c.threshold());
            o.put("seedsRequired", c.seedsRequired());
            o.put("seeds", c.seeds());
            List<Object> figures = new ArrayList<>();
            for (double v : r.perSeed()) figures.add(Double.isFinite(v) ? v : null);
            o.put("perSeed", figures);
            o.put("seedsPassing", r.passed());
            o.put("gate", c.gate());
            o.put("verdict", r.verdict());
            rows.add(o);
        }
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("pass", t.pass());
        o.put("rows", rows);
        return o;
    }

    /** The table as plain text, one line per row, for the terminal. */
    public static String text(Table t) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-18s %-8s %-28s %10s %7s  %s%n",
                "row", "verdict", "metric", "threshold", "seeds", "per seed"));
        for (Acceptance.Result r : t.rows()) {
            Criterion c = r.criterion();
            sb.append(String.format(Locale.ROOT, "%-18s %-8s %-28s %10s %3d/%-3d  %s%n", c.name(), r.verdict(), metric(c),
                    ">= " + fmt(c.threshold()), r.passed(), c.seeds().size(), figures(r)));
        }
        return sb.append(t.pass() ? "acceptance: every gating row passed" : "acceptance: FAILED (a gating row failed)")
                .append('\n').toString();
    }

    static String markdown(Table t) {
        StringBuilder sb = new StringBuilder("# Acceptance\n\n")
                .append("| Row | Algorithm | Task | Steps | Metric | Threshold | Seeds passing | Per seed | Verdict |\n")
                .append("|---|---|---|---:|---|---:|---:|---|---|\n");
        for (Acceptance.Result r : t.rows()) {
            Criterion c = r.criterion();
            sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %,d | %s | ≥ %s | %d/%d (need %d) | %s | %s |%n",
                    c.name(), c.algo(), c.env(), c.steps(), metric(c), fmt(c.threshold()), r.passed(), c.seeds().size(),
                    c.seedsRequired(), figures(r), r.verdict()));
        }
        return sb.append('\n').append(t.pass() ? "Every gating row passed." : "**A gating row failed.**").append('\n').toString();
    }

    /** The section of index.html. */
    static String html(Table t) {
        StringBuilder h = new StringBuilder("<h2 id=\"acceptance\">Acceptance</h2>\n<p class=\"note\">")
                .append(t.pass() ? "Every gating row passed." : "<strong>A gating row failed.</strong>")
                .append(" REPORTED rows are measured against their threshold without gating. Also as ")
                .append("<a href=\"acceptance.md\">acceptance.md</a> and <a href=\"acceptance.json\">acceptance.json</a>.</p>\n")
                .append("<table><tr><th>Row</th><th>Metric</th><th>Threshold</th><th>Seeds passing</th><th>Per seed</th><th>Verdict</th></tr>\n");
        for (Acceptance.Result r : t.rows()) {
            Criterion c = r.criterion();
            h.append("<tr><td>").append(Report.esc(c.name() + " (" + c.algo() + ", " + c.env() + ", "
                            + String.format(Locale.ROOT, "%,d", c.steps()) + " steps)"))
                    .append("</td><td>").append(Report.esc(metric(c))).append("</td><td>&ge; ").append(fmt(c.threshold()))
                    .append("</td><td>").append(r.passed()).append('/').append(c.seeds().size()).append(" (need ")
                    .append(c.seedsRequired()).append(")</td><td>").append(Report.esc(figures(r))).append("</td><td>")
                    .append(r.verdict().equals("FAIL") ? "<strong>FAIL</strong>" : r.verdict()).append("</td></tr>\n");
        }
        return h.append("</table>\n").toString();
    }

    static String metric(Criterion c) {
        return c.metric() == Criterion.Metric.FINAL_LAST_10 ? "final mean of last 10 episodes" : "best 10-episode mean";
    }

    static String figures(Acceptance.Result r) {
        StringBuilder sb = new StringBuilder();
        for (double v : r.perSeed()) {
            if (sb.length() > 0) sb.append(' ');
            sb.append(Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.1f", v));
        }
        return sb.toString();
    }

    static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
