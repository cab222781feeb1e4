package io.gauntlet.benchmarks.report;

import io.gauntlet.core.experiment.ProgressCsv;
import io.gauntlet.core.experiment.TrainedRun;
import io.gauntlet.core.io.AtomicFiles;
import io.gauntlet.placement.device.Cluster;
import io.gauntlet.placement.env.PlacementEnv;
import io.gauntlet.placement.graph.Graph;
import io.gauntlet.placement.learn.LearnedPlacers;
import io.gauntlet.placement.sim.Simulator;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What a learned placer's run shows: its learning curve (the mean and the best step time against placements sampled,
 * from progress.csv) and the Gantt chart of the best placement it found, in {@code <run>/report/}.
 */
public final class PlacementReport {
    private PlacementReport() {}

    private static final Color[] COLOURS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0x9467bd)};

    /** A learning curve: placements sampled against step times (seconds). */
    public record Curve(String label, double[] placements, double[] seconds) {}

    /** The mean step time per iteration and the best so far, against placements sampled, of one run. */
    public static List<Curve> curves(Path runDir, String label) throws IOException {
        ProgressCsv.Table t = ProgressCsv.read(runDir.resolve(ProgressCsv.FILE));
        TrainedRun run = TrainedRun.load(runDir);
        int groups = LearnedPlacers.groups(io.gauntlet.core.env.EnvRegistry.spec(run.envId()));
        double[] steps = t.column("TotalEnvSteps");
        double[] placements = new double[steps.length];
        for (int i = 0; i < steps.length; i++) placements[i] = steps[i] / groups;
        return List.of(new Curve(label + " mean", placements, t.column("StepTime")),
                new Curve(label + " best", placements, t.column("BestStepTime")));
    }

    /** Step time (log scale) against placements sampled, one line per curve; the failing charge marks failures. */
    public static void writeCurves(Path file, String title, List<Curve> curves) throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYSeriesCollection data = new XYSeriesCollection();
        for (Curve c : curves) {
            XYSeries s = new XYSeries(c.label(), false);
            for (int i = 0; i < c.placements().length; i++) {
                if (Double.isFinite(c.seconds()[i]) && c.seconds()[i] > 0) s.add(c.placements()[i], c.seconds()[i]);
            }
            data.addSeries(s);
        }
        LogAxis y = new LogAxis("Step time (s), log scale; " + (int) PlacementEnv.FAILING_STEP_TIME + " s: fails");
        y.setSmallestValue(1e-3);
        y.setNumberFormatOverride(new java.text.DecimalFormat("0.##"));
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < curves.size(); i++) {
            // a placer's two curves share a colour: its best so far thick, its mean per iteration thin
            Color c = COLOURS[(i / 2) % COLOURS.length];
            boolean best = curves.get(i).label().endsWith("best");
            r.setSeriesPaint(i, best ? c : c.brighter());
            r.setSeriesStroke(i, new BasicStroke(best ? 2.5f : 1f));
            r.setSeriesShape(i, new java.awt.geom.Ellipse2D.Double(-1.5, -1.5, 3, 3));
        }
        XYPlot plot = new XYPlot(data, new NumberAxis("Placements sampled"), y, r);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdddddd));
        plot.setRangeGridlinePaint(new Color(0xdddddd));
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        AtomicFiles.write(file, out -> ChartUtils.writeChartAsPNG(out, chart, 900, 540));
    }

    /**
     * {@code <run>/report/}: curve.png, gantt.png (the best placement, simulated by {@code costs}) and index.html.
     * Returns the best placement's step time.
     */
    public static double writeRun(Path runDir, Graph graph, Cluster cluster, Simulator costs) throws IOException {
        Path out = runDir.resolve("report");
        Files.createDirectories(out);
        TrainedRun run = TrainedRun.load(runDir);
        String placer = run.algorithm().id();
        int[] best = LearnedPlacers.bestOpPlacement(runDir);
        double time = costs.run(best);
        writeCurves(out.resolve("curve.png"), placer + " on " + run.envId(), curves(runDir, placer));
        if (!Double.isNaN(time)) {
            GanttChart.writePng(out.resolve("gantt.png"), String.format(Locale.ROOT, "%s on %s, %s's best placement: step %.1f ms",
                    graph.name(), cluster.id(), placer, time * 1e3), graph, cluster, costs.timeline());
        }
        String html = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + placer + "</title></head><body>\n"
                + "<h1>" + placer + " on " + run.envId() + "</h1>\n"
                + String.format(Locale.ROOT, "<p>Best placement: %.3f s per step%s, after %d iterations.</p>%n",
                        time, costs.feasible() ? "" : " (does not fit in memory)", run.iterations())
                + "<img src=\"curve.png\" alt=\"learning curve\"><br>\n<img src=\"gantt.png\" alt=\"Gantt chart of the best placement\">\n"
                + "</body></html>\n";
        AtomicFiles.write(out.resolve("index.html"), html.getBytes(StandardCharsets.UTF_8));
        return time;
    }
}
