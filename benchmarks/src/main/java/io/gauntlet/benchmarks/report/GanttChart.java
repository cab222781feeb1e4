package io.gauntlet.benchmarks.report;

import io.gauntlet.core.io.AtomicFiles;
import io.gauntlet.core.BadInputException;
import io.gauntlet.placement.device.Cluster;
import io.gauntlet.placement.graph.Graph;
import io.gauntlet.placement.graph.Phase;
import io.gauntlet.placement.sim.Timeline;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Gantt chart of a simulated step: one row per device (ops coloured by forward / backward / update) and one
 * row per link that carried data (transfers), time in milliseconds. Written as PNG, headless, atomically.
 */
public final class GanttChart {
    private GanttChart() {}

    public static void writePng(Path file, String title, Graph graph, Cluster cluster, Timeline t) {
        System.setProperty("java.awt.headless", "true");
        List<String> rows = new ArrayList<>();
        for (Cluster.Device d : cluster.devices()) rows.add(d.name());
        Map<Long, Integer> linkRow = new LinkedHashMap<>();
        for (int k = 0; k < t.transfers(); k++) {
            long key = (long) t.transferSrc()[k] * cluster.size() + t.transferDst()[k];
            if (!linkRow.containsKey(key)) {
                linkRow.put(key, rows.size());
                rows.add(cluster.device(t.transferSrc()[k]).name() + "→" + cluster.device(t.transferDst()[k]).name());
            }
        }
        XYIntervalSeries fwd = new XYIntervalSeries("forward"), bwd = new XYIntervalSeries("backward"),
                upd = new XYIntervalSeries("update"), tr = new XYIntervalSeries("transfer");
        double h = 0.4;
        for (int i = 0; i < graph.size(); i++) {
            double s = t.opStart()[i] * 1e3, e = t.opEnd()[i] * 1e3;
            if (e <= s) continue;
            int y = t.opDevice()[i];
            Phase ph = graph.op(i).phase();
            (ph == Phase.FORWARD ? fwd : ph == Phase.BACKWARD ? bwd : upd).add(s, s, e, y, y - h, y + h);
        }
        for (int k = 0; k < t.transfers(); k++) {
            int y = linkRow.get((long) t.transferSrc()[k] * cluster.size() + t.transferDst()[k]);
            double s = t.transferStart()[k] * 1e3, e = t.transferEnd()[k] * 1e3;
            tr.add(s, s, e, y, y - h, y + h);
        }
        XYIntervalSeriesCollection data = new XYIntervalSeriesCollection();
        data.addSeries(fwd);
        data.addSeries(bwd);
        data.addSeries(upd);
        data.addSeries(tr);
        XYBarRenderer r = new XYBarRenderer();
        r.setUseYInterval(true);
        r.setBarPainter(new StandardXYBarPainter());
        r.setShadowVisible(false);
        r.setDrawBarOutline(false);
        r.setSeriesPaint(0, new Color(0x1f77b4));
        r.setSeriesPaint(1, new Color(0xff7f0e));
        r.setSeriesPaint(2, new Color(0x2ca02c));
        r.setSeriesPaint(3, new Color(0x7f7f7f));
        SymbolAxis yAxis = new SymbolAxis("", rows.toArray(new String[0]));
        yAxis.setGridBandsVisible(false);
        yAxis.setInverted(true);
        NumberAxis xAxis = new NumberAxis("time (ms)");
        XYPlot plot = new XYPlot(data, xAxis, yAxis, r);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        int height = 160 + 45 * rows.size();
        try {
            AtomicFiles.write(file, out -> ChartUtils.writeChartAsPNG(out, chart, 1400, height));
        } catch (IOException e) {
            throw new BadInputException(e.getMessage(), e);
        }
    }
}
