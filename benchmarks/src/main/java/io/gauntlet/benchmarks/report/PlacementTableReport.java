package io.gauntlet.benchmarks.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.gauntlet.benchmarks.suite.PlacementTable;
import io.gauntlet.benchmarks.suite.PlacementTable.Cell;
import io.gauntlet.benchmarks.suite.PlacementTable.Row;
import io.gauntlet.core.experiment.ProgressCsv;
import io.gauntlet.core.io.AtomicFiles;
import io.gauntlet.placement.Calibration;
import io.gauntlet.placement.device.Cluster;
import io.gauntlet.placement.env.PlacementEnvs;
import io.gauntlet.placement.graph.Graph;
import io.gauntlet.placement.placers.Problem;
import io.gauntlet.placement.zoo.Zoo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The placement suite's report in {@code <suite>/report/}: Table 1 for our simulator (step times, OOM marks, the
 * learned placers' speed-up over the best other column and over the expert) beside the paper's, the calibration
 * table, the goals, learning curves and the Gantt chart of each row's best learned placement, and the transfer
 * experiment; the table also as table1.csv and table1.json.
 */
public final class PlacementTableReport {
    private PlacementTableReport() {}

    /** The transfer experiment read back: the pre-trained policy's greedy placement of the held-out graph, and the curves. */
    public record Transfer(double zeroShot, double bestClassic, String bestClassicPlacer, double fineTunedBest, double scratchBest,
            double fineTunedReach, double scratchReach, double budget) {}

    public record Result(Path out, List<Row> rows, Transfer transfer) {}

    public static Result write(Path suiteDir) throws IOException {
        Path out = suiteDir.resolve("report");
        Files.createDirectories(out);
        List<Row> rows = new ArrayList<>();
        for (String model : PlacementTable.MODELS) for (int gpus : PlacementTable.GPUS) rows.add(PlacementTable.row(model, gpus, suiteDir));
        Map<String, String> charts = new LinkedHashMap<>();
        for (Row r : rows) charts.put(key(r), charts(suiteDir, out, r));
        Transfer transfer = transfer(suiteDir, out, rows);
        AtomicFiles.write(out.resolve("table1.csv"), csv(rows).getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(out.resolve("table1.json"), new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsBytes(json(rows, transfer)));
        AtomicFiles.write(out.resolve("index.html"), html(rows, charts, transfer, throughput(suiteDir)).getBytes(StandardCharsets.UTF_8));
        return new Result(out, rows, transfer);
    }

    private static String key(Row r) {
        return r.model() + "-" + r.gpus();
    }

    /** The row's learning curves and the Gantt chart of its best learned placement; the HTML showing them. */
    private static String charts(Path suiteDir, Path out, Row r) throws IOException {
        String task = PlacementEnvs.id(r.model(), PlacementTable.cluster(r.gpus()));
        List<PlacementReport.Curve> curves = new ArrayList<>();
        for (String placer : PlacementTable.LEARNED) {
            Path run = PlacementTable.learnedRun(suiteDir, task, placer);
            if (Files.exists(run.resolve(ProgressCsv.FILE))) curves.addAll(PlacementReport.curves(run, placer));
        }
        StringBuilder h = new StringBuilder();
        if (!curves.isEmpty()) {
            String file = key(r) + "-curves.png";
            PlacementReport.writeCurves(out.resolve(file), r.model() + " on " + r.gpus() + " K80s: step time against placements sampled", curves);
            h.append("<img src=\"").append(file).append("\" alt=\"learning curves\">");
        }
        Cell best = r.best(PlacementTable.LEARNED);
        if (best != null) {
            Graph g = Zoo.build(r.model());
            Cluster c = Cluster.load(PlacementTable.cluster(r.gpus()));
            Problem p = Problem.of(g, c);
            p.costs().run(io.gauntlet.placement.learn.LearnedPlacers.bestOpPlacement(PlacementTable.learnedRun(suiteDir, task, best.placer())));
            String file = key(r) + "-gantt.png";
            GanttChart.writePng(out.resolve(file), String.format(Locale.ROOT, "%s on %d K80s, %s's best placement: %.2f s",
                    r.model(), r.gpus(), best.placer(), best.stepTime()), g, c, p.costs().timeline());
            h.append("<br><img src=\"").append(file).append("\" alt=\"Gantt chart\">");
        }
        return h.toString();
    }

    private static Transfer transfer(Path suiteDir, Path out, List<Row> rows) throws IOException {
        Path fine = PlacementTable.fineTuningRun(suiteDir), scratch = PlacementTable.scratchRun(suiteDir);
        if (!Files.exists(fine.resolve(ProgressCsv.FILE)) || !Files.exists(scratch.resolve(ProgressCsv.FILE))) return null;
        Row row = rows.stream().filter(r -> r.model().equals(PlacementTable.HELD_OUT) && r.gpus() == PlacementTable.TRANSFER_GPUS)
                .findFirst().orElseThrow();
        Cell classic = row.best(PlacementTable.CLASSIC);
        double target = classic == null ? Double.NaN : classic.stepTime();
        ProgressCsv.Table f = ProgressCsv.read(fine.resolve(ProgressCsv.FILE)), s = ProgressCsv.read(scratch.resolve(ProgressCsv.FILE));
        List<PlacementReport.Curve> curves = new ArrayList<>();
        curves.addAll(PlacementReport.curves(fine, "fine-tuned"));
        curves.addAll(PlacementReport.curves(scratch, "from scratch"));
        PlacementReport.writeCurves(out.resolve("transfer-curves.png"), "rl-gnn on " + PlacementTable.HELD_OUT
                + ", pre-trained on " + String.join(", ", PlacementTable.PRETRAINING) + " vs from scratch", curves);
        double budget = Math.min(last(curves.get(0).placements()), last(curves.get(2).placements()));
        return new Transfer(f.column("GreedyStepTime")[0], target, classic == null ? "-" : classic.placer(),
                bestWithin(curves.get(1), budget), bestWithin(curves.get(3), budget),
                reach(curves.get(1), target), reach(curves.get(3), target), budget);
    }

    private static double last(double[] a) {
        return a.length == 0 ? Double.NaN : a[a.length - 1];
    }

    /** The best step time within the first {@code placements} placements. */
    private static double bestWithin(PlacementReport.Curve best, double placements) {
        double b = Double.NaN;
        for (int i = 0; i < best.placements().length && best.placements()[i] <= placements; i++) b = best.seconds()[i];
        return b;
    }

    /** Placements sampled until the best step time first reached {@code target} (NaN: never). */
    private static double reach(PlacementReport.Curve best, double target) {
        for (int i = 0; i < best.placements().length; i++) if (best.seconds()[i] <= target) return best.placements()[i];
        return Double.NaN;
    }

    /** The table as text, for the terminal. */
    public static String text(List<Row> rows, Transfer transfer) {
        StringBuilder b = new StringBuilder("Table 1 for our simulator (seconds per step, tf2017-k80; OOM: out of memory)\n");
        b.append(String.format(Locale.ROOT, "%-13s %4s", "model", "GPUs"));
        for (String p : columns()) b.append(String.format(Locale.ROOT, " %10s", p));
        b.append(String.format(Locale.ROOT, " %12s %10s%n", "vs best other", "vs expert"));
        for (Row r : rows) {
            b.append(String.format(Locale.ROOT, "%-13s %4d", r.model(), r.gpus()));
            for (Cell c : r.cells()) b.append(String.format(Locale.ROOT, " %10s", cell(c).replace("&ndash;", "-")));
            b.append(String.format(Locale.ROOT, " %12s %10s%n", percent(r.learnedSpeedup()).replace("&ndash;", "-"),
                    percent(r.speedupOver("expert")).replace("&ndash;", "-")));
        }
        if (transfer != null) {
            b.append(String.format(Locale.ROOT, "transfer to %s on %d GPUs: without retraining %.2f s (best classic, %s: %.2f s);"
                            + " within %.0f placements fine-tuned %.2f s, from scratch %.2f s%n", PlacementTable.HELD_OUT,
                    PlacementTable.TRANSFER_GPUS, transfer.zeroShot(), transfer.bestClassicPlacer(), transfer.bestClassic(),
                    transfer.budget(), transfer.fineTunedBest(), transfer.scratchBest()));
        }
        return b.toString();
    }

    static String cell(Cell c) {
        if (c.problem() != null) return "&ndash;";
        if (c.oom()) return "OOM";
        return String.format(Locale.ROOT, "%.2f", c.stepTime());
    }

    static String percent(double v) {
        return Double.isNaN(v) ? "&ndash;" : String.format(Locale.ROOT, "%+.1f%%", 100 * v);
    }

    static String csv(List<Row> rows) {
        StringBuilder b = new StringBuilder("model,gpus");
        for (String p : columns()) b.append(',').append(p);
        b.append(",learned_vs_best_other,learned_vs_expert\n");
        for (Row r : rows) {
            b.append(r.model()).append(',').append(r.gpus());
            for (Cell c : r.cells()) b.append(',').append(c.problem() != null ? "" : c.oom() ? "OOM" : Double.toString(c.stepTime()));
            b.append(',').append(Double.isNaN(r.learnedSpeedup()) ? "" : Double.toString(r.learnedSpeedup()));
            b.append(',').append(Double.isNaN(r.speedupOver("expert")) ? "" : Double.toString(r.speedupOver("expert"))).append('\n');
        }
        return b.toString();
    }

    private static List<String> columns() {
        List<String> c = new ArrayList<>(PlacementTable.CLASSIC);
        c.addAll(PlacementTable.LEARNED);
        return c;
    }

    public static Map<String, Object> json(List<Row> rows, Transfer transfer) {
        List<Object> list = new ArrayList<>();
        for (Row r : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("model", r.model());
            m.put("gpus", r.gpus());
            Map<String, Object> cells = new LinkedHashMap<>();
            for (Cell c : r.cells()) {
                Map<String, Object> v = new LinkedHashMap<>();
                v.put("stepTime", Double.isNaN(c.stepTime()) ? null : c.stepTime());
                v.put("oom", c.oom());
                if (c.problem() != null) v.put("problem", c.problem());
                cells.put(c.placer(), v);
            }
            m.put("placers", cells);
            m.put("learnedSpeedupOverBestOther", finite(r.learnedSpeedup()));
            m.put("learnedSpeedupOverExpert", finite(r.speedupOver("expert")));
            list.add(m);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("profile", "tf2017-k80");
        root.put("rows", list);
        if (transfer != null) root.put("transfer", transfer);
        return root;
    }

    private static Object finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /** A learned run's placements sampled (simulated and learned from) and the seconds it took. */
    public record Throughput(String model, int gpus, String placer, double placements, double seconds) {}

    static List<Throughput> throughput(Path suiteDir) throws IOException {
        List<Throughput> list = new ArrayList<>();
        for (String model : PlacementTable.MODELS) {
            for (int gpus : PlacementTable.GPUS) {
                for (String placer : PlacementTable.LEARNED) {
                    Path run = PlacementTable.learnedRun(suiteDir, PlacementEnvs.id(model, PlacementTable.cluster(gpus)), placer);
                    if (!Files.exists(run.resolve(ProgressCsv.FILE))) continue;
                    ProgressCsv.Table t = ProgressCsv.read(run.resolve(ProgressCsv.FILE));
                    if (t.rows().isEmpty()) continue;
                    PlacementReport.Curve c = PlacementReport.curves(run, placer).get(0);
                    double[] time = t.column("Time");
                    list.add(new Throughput(model, gpus, placer, c.placements()[c.placements().length - 1], time[time.length - 1]));
                }
            }
        }
        return list;
    }

    static String html(List<Row> rows, Map<String, String> charts, Transfer transfer, List<Throughput> throughput) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Device placement: Table 1</title>\n")
                .append("<style>body{font-family:sans-serif;margin:2em;max-width:1200px}table{border-collapse:collapse;margin:1em 0}")
                .append("th,td{border:1px solid #ccc;padding:4px 8px;text-align:right}th:first-child,td:first-child{text-align:left}")
                .append("td.best{font-weight:bold}img{max-width:100%}.note{color:#555;font-size:90%}</style></head><body>\n")
                .append("<h1>Mirhoseini et al. 2017, Table 1, for our simulator</h1>\n")
                .append("<p class=\"note\">Seconds per training step under the calibrated cost profile tf2017-k80, 1 Haswell CPU + 2 or 4 K80 dies;")
                .append(" OOM: the placement does not fit in a device's memory. Learned placers: the best placement their run found.")
                .append(" Speed-up: best other column's time / best learned time &minus; 1, as the paper's last column. Bold: the fastest.</p>\n");
        h.append("<table><tr><th>model</th><th>GPUs</th>");
        for (String p : columns()) h.append("<th>").append(p).append("</th>");
        h.append("<th>learned vs best other</th><th>learned vs expert</th></tr>\n");
        for (Row r : rows) {
            Cell best = r.best(columns());
            h.append("<tr><td>").append(r.model()).append("</td><td>").append(r.gpus()).append("</td>");
            for (Cell c : r.cells()) {
                h.append(c == best ? "<td class=\"best\">" : "<td>").append(cell(c)).append("</td>");
            }
            h.append("<td>").append(percent(r.learnedSpeedup())).append("</td><td>").append(percent(r.speedupOver("expert"))).append("</td></tr>\n");
        }
        h.append("</table>\n");
        h.append(goals(rows));
        h.append("<h2>The paper's Table 1 (as recalled) beside ours</h2>\n<table><tr><th>model</th><th>GPUs</th>")
                .append("<th>single CPU</th><th>single GPU</th><th>expert</th><th>RL (paper)</th><th>RL vs best other (paper)</th>")
                .append("<th>best learned (ours)</th><th>vs best other (ours)</th></tr>\n");
        for (Row r : rows) {
            Calibration.PaperRow p = Calibration.paperRow(r.model());
            if (p == null) continue;
            Cell best = r.best(PlacementTable.LEARNED);
            h.append("<tr><td>").append(r.model()).append("</td><td>").append(r.gpus()).append("</td><td>").append(paper(p.singleCpu()))
                    .append("</td><td>").append(paper(p.singleGpu())).append("</td><td>").append(paper(p.expert(r.gpus())))
                    .append("</td><td>").append(paper(p.learned(r.gpus()))).append("</td><td>").append(percent(p.learnedSpeedup(r.gpus())))
                    .append("</td><td>").append(best == null ? "&ndash;" : cell(best)).append("</td><td>").append(percent(r.learnedSpeedup()))
                    .append("</td></tr>\n");
        }
        h.append("</table>\n");
        h.append("<h2>Calibration: the columns that need no learning</h2>\n<table><tr><th>model</th><th>GPUs</th><th>placer</th>")
                .append("<th>paper</th><th>ours</th></tr>\n");
        for (Calibration.Figure f : Calibration.table(Cluster.load(PlacementTable.cluster(2)).profile())) {
            h.append("<tr><td>").append(f.model()).append("</td><td>").append(f.gpus()).append("</td><td>").append(f.placer())
                    .append("</td><td>").append(paper(f.paper())).append("</td><td>")
                    .append(f.oursOom() ? "OOM" : String.format(Locale.ROOT, "%.2f", f.ours())).append("</td></tr>\n");
        }
        h.append("</table>\n");
        if (transfer != null) {
            h.append("<h2>Transfer: rl-gnn pre-trained on ").append(String.join(", ", PlacementTable.PRETRAINING))
                    .append(", placing ").append(PlacementTable.HELD_OUT).append(" on ").append(PlacementTable.TRANSFER_GPUS).append(" K80s</h2>\n")
                    .append(String.format(Locale.ROOT, "<p>Without retraining (the pre-trained policy's most likely placement): %.2f s;"
                            + " the best classic placer (%s): %.2f s.<br>Within %.0f placements: fine-tuned best %.2f s, from scratch %.2f s;"
                            + " placements until the best classic time was reached: fine-tuned %s, from scratch %s.</p>%n",
                            transfer.zeroShot(), transfer.bestClassicPlacer(), transfer.bestClassic(), transfer.budget(),
                            transfer.fineTunedBest(), transfer.scratchBest(), reached(transfer.fineTunedReach()), reached(transfer.scratchReach())))
                    .append("<img src=\"transfer-curves.png\" alt=\"transfer curves\">\n");
        }
        h.append("<h2>Training throughput</h2>\n<table><tr><th>model</th><th>GPUs</th><th>placer</th><th>placements</th>")
                .append("<th>seconds</th><th>placements per second</th></tr>\n");
        for (Throughput t : throughput) {
            h.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%d</td><td>%s</td><td>%.0f</td><td>%.1f</td><td>%.1f</td></tr>%n",
                    t.model(), t.gpus(), t.placer(), t.placements(), t.seconds(), t.placements() / t.seconds()));
        }
        h.append("</table>\n<p class=\"note\">Each placement is sampled from the policy, simulated, and learned from;"
                + " seconds are the run's own (Time in progress.csv), so runs sharing cores are slower.</p>\n");
        h.append("<h2>Learning curves and the best learned placements</h2>\n");
        for (Row r : rows) {
            h.append("<h3>").append(r.model()).append(", ").append(r.gpus()).append(" GPUs</h3>\n").append(charts.get(key(r))).append('\n');
        }
        return h.append("</body></html>\n").toString();
    }

    private static String reached(double placements) {
        return Double.isNaN(placements) ? "never" : String.format(Locale.ROOT, "%.0f", placements);
    }

    private static String paper(double t) {
        if (Double.isNaN(t)) return "&ndash;";
        return t == Calibration.OOM ? "OOM" : String.format(Locale.ROOT, "%.2f", t);
    }

    /** The goals, row by row: PASS or MISS. */
    static String goals(List<Row> rows) {
        StringBuilder h = new StringBuilder("<h2>Goals</h2>\n<ul>\n");
        for (Row r : rows) {
            Cell l = r.best(PlacementTable.LEARNED), c = r.best(PlacementTable.CLASSIC);
            boolean pass = l != null && (c == null || l.stepTime() <= c.stepTime());
            h.append("<li>").append(pass ? "PASS" : "MISS").append(": ").append(r.model()).append(", ").append(r.gpus())
                    .append(" GPUs, a learned placer at least as fast as the best classic one</li>\n");
        }
        for (Row r : rows) {
            if (r.gpus() != 4 || !(r.model().equals("nmt") || r.model().equals("inception-v3"))) continue;
            double s = r.speedupOver("expert");
            h.append("<li>").append(s >= 0.15 ? "PASS" : "MISS").append(": ").append(r.model())
                    .append(", 4 GPUs, at least 15% faster than the expert (").append(percent(s)).append(")</li>\n");
        }
        return h.append("</ul>\n").toString();
    }
}
