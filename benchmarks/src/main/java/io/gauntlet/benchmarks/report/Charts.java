package io.gauntlet.benchmarks.report;

import io.gauntlet.core.io.AtomicFiles;
import io.gauntlet.core.stats.Stats;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.Font;
import java.awt.Paint;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.batik.svggen.SVGGeneratorContext;
import org.apache.batik.svggen.SVGGraphics2D;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.CombinedRangeXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XIntervalSeries;
import org.jfree.data.xy.XIntervalSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.w3c.dom.Document;

/**
 * The report's charts (JFreeChart), each written as PNG and as SVG (Apache Batik's SVG generator, text kept as text).
 * An algorithm keeps one colour and line style in every chart of a report: eight colours that stay apart for
 * colour-blind readers (Okabe and Ito's, their yellow swapped for grey) and, past eight algorithms, dashed and
 * dotted lines, so ten or more curves stay distinguishable.
 */
final class Charts {
    private Charts() {}

    static final int WIDTH = 900, HEIGHT = 540;
    private static final Color[] COLOURS = {
        new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73), new Color(0xCC79A7), new Color(0xE69F00),
        new Color(0x56B4E9), new Color(0x000000), new Color(0x999999)};
    private static final float[][] DASHES = {null, {8f, 4f}, {2f, 3f}};

    static Color colour(int index) {
        return COLOURS[index % COLOURS.length];
    }

    static BasicStroke stroke(int index) {
        float[] dash = DASHES[(index / COLOURS.length) % DASHES.length];
        return dash == null ? new BasicStroke(2f) : new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, dash, 0f);
    }

    /** Mean return with its 95% band, one line per algorithm, against env steps or wall-clock seconds. */
    static JFreeChart learningCurves(String env, List<Summary> rows, Curve.Axis axis, Map<String, Integer> style) {
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (Summary s : rows) {
            YIntervalSeries series = new YIntervalSeries(s.algo() + " (n = " + s.seeds() + ")");
            Curve c = axis == Curve.Axis.STEPS ? s.curve() : s.timeCurve();
            for (int i = 0; i < c.x().length; i++) {
                series.add(c.x()[i], c.mean()[i], c.low()[i], c.high()[i]);
                lo = Math.min(lo, c.low()[i]);
                hi = Math.max(hi, c.high()[i]);
            }
            data.addSeries(series);
        }
        NumberAxis x = new NumberAxis(axis == Curve.Axis.STEPS ? "Environment steps" : "Wall-clock seconds");
        NumberAxis y = new NumberAxis("Average return");
        if (lo <= hi) {
            // The axis covers the bands, so none is cut off; the bands themselves stay within the seeds' range (Curve).
            double pad = hi > lo ? 0.05 * (hi - lo) : Math.max(1, Math.abs(hi) * 0.1);
            y.setRange(lo - pad, hi + pad);
        }
        DeviationRenderer renderer = new DeviationRenderer(true, false);
        renderer.setAlpha(rows.size() > 4 ? 0.10f : 0.2f);
        for (int i = 0; i < rows.size(); i++) {
            int k = style.getOrDefault(rows.get(i).algo(), i);
            renderer.setSeriesPaint(i, colour(k));
            renderer.setSeriesFillPaint(i, colour(k));
            renderer.setSeriesStroke(i, stroke(k));
        }
        XYPlot plot = plot(data, x, y, renderer);
        String what = axis == Curve.Axis.STEPS ? "sample efficiency" : "cost in wall-clock time";
        return chart(env + ": mean average return, 95% band across seeds (" + what + ")", plot, true);
    }

    /** Each algorithm's IQM and mean normalised score with stratified bootstrap 95% intervals. */
    static JFreeChart aggregate(Aggregates a) {
        String[] names = a.algos().toArray(new String[0]);
        SymbolAxis algos = new SymbolAxis(null, names);
        algos.setGridBandsVisible(false);
        CombinedRangeXYPlot combined = new CombinedRangeXYPlot(algos);
        combined.setGap(16);
        for (String what : List.of("IQM", "Mean")) {
            XIntervalSeries s = new XIntervalSeries(what);
            for (int i = 0; i < names.length; i++) {
                Stats.Interval v = (what.equals("IQM") ? a.iqm() : a.mean()).get(names[i]);
                s.add(v.estimate(), v.low(), v.high(), i);
            }
            XIntervalSeriesCollection data = new XIntervalSeriesCollection();
            data.addSeries(s);
            XYErrorRenderer r = new XYErrorRenderer();
            r.setDrawYError(false);
            r.setErrorStroke(new BasicStroke(3f));
            r.setCapLength(8);
            r.setSeriesPaint(0, colour(0));
            r.setErrorPaint(colour(0));
            r.setDefaultShapesVisible(true);
            r.setDefaultLinesVisible(false);
            NumberAxis x = new NumberAxis(what + " of normalised scores");
            x.setAutoRangeIncludesZero(true);
            XYPlot p = plot(data, x, null, r);
            combined.add(p, 1);
        }
        return chart("Aggregate over tasks: 95% stratified bootstrap intervals (random = 0, reference = 1)", combined, false);
    }

    /** Fraction of runs scoring above τ, per algorithm, with the bootstrap band. */
    static JFreeChart profiles(Aggregates a, Map<String, Integer> style) {
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        DeviationRenderer renderer = new DeviationRenderer(true, false);
        renderer.setAlpha(0.12f);
        int i = 0;
        for (String algo : a.algos()) {
            double[][] p = a.profiles().get(algo);
            YIntervalSeries s = new YIntervalSeries(algo);
            for (int t = 0; t < a.taus().length; t++) s.add(a.taus()[t], p[0][t], p[1][t], p[2][t]);
            data.addSeries(s);
            int k = style.getOrDefault(algo, i);
            renderer.setSeriesPaint(i, colour(k));
            renderer.setSeriesFillPaint(i, colour(k));
            renderer.setSeriesStroke(i, stroke(k));
            i++;
        }
        NumberAxis y = new NumberAxis("Fraction of runs with score > τ");
        y.setRange(0, 1.02);
        return chart("Performance profiles: normalised score τ (random = 0, reference = 1), 95% bands", plot(data,
                new NumberAxis("Normalised score τ"), y, renderer), true);
    }

    /** P(row algorithm > column algorithm) over the tasks both ran, as a grid of cells. */
    static JFreeChart improvement(Aggregates a) {
        String[] names = a.algos().toArray(new String[0]);
        int n = names.length;
        double[][] xyz = new double[3][n * n];
        int k = 0;
        XYPlot plot = new XYPlot();
        for (int row = 0; row < n; row++) {
            for (int col = 0; col < n; col++) {
                Stats.Interval v = a.improvement()[row][col];
                xyz[0][k] = col;
                xyz[1][k] = n - 1 - row;
                xyz[2][k] = v == null ? Double.NaN : v.estimate();
                if (v != null) {
                    XYTextAnnotation t = new XYTextAnnotation(String.format(Locale.ROOT, "%.2f", v.estimate()), col, n - 1 - row);
                    t.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, n > 8 ? 10 : 12));
                    plot.addAnnotation(t);
                }
                k++;
            }
        }
        DefaultXYZDataset data = new DefaultXYZDataset();
        data.addSeries("P(X > Y)", xyz);
        String[] reversed = new String[n];
        for (int i = 0; i < n; i++) reversed[i] = names[n - 1 - i];
        SymbolAxis x = new SymbolAxis("Y (column)", names);
        x.setVerticalTickLabels(true);
        SymbolAxis y = new SymbolAxis("X (row)", reversed);
        XYBlockRenderer r = new XYBlockRenderer();
        PaintScale scale = new Diverging();
        r.setPaintScale(scale);
        plot.setDataset(data);
        plot.setDomainAxis(x);
        plot.setRangeAxis(y);
        plot.setRenderer(r);
        plot.setBackgroundPaint(Color.WHITE);
        JFreeChart chart = chart("Probability of improvement P(X > Y), over the tasks both ran", plot, false);
        NumberAxis legendAxis = new NumberAxis("P(X > Y)");
        legendAxis.setRange(0, 1);
        PaintScaleLegend legend = new PaintScaleLegend(scale, legendAxis);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setMargin(4, 4, 40, 4);
        chart.addSubtitle(legend);
        return chart;
    }

    /** 0: vermillion, 0.5: white, 1: blue; no value: light grey. */
    private static final class Diverging implements PaintScale {
        @Override
        public double getLowerBound() {
            return 0;
        }

        @Override
        public double getUpperBound() {
            return 1;
        }

        @Override
        public Paint getPaint(double v) {
            if (Double.isNaN(v)) return new Color(0xeeeeee);
            double t = Math.max(0, Math.min(1, v));
            Color end = t < 0.5 ? COLOURS[1] : COLOURS[0];
            double f = Math.abs(t - 0.5) * 2;
            return new Color(mix(255, end.getRed(), f), mix(255, end.getGreen(), f), mix(255, end.getBlue(), f));
        }

        private static int mix(int a, int b, double f) {
            return (int) Math.round(a + (b - a) * f * 0.8);
        }
    }

    private static XYPlot plot(org.jfree.data.xy.XYDataset data, NumberAxis x, NumberAxis y, org.jfree.chart.renderer.xy.XYItemRenderer r) {
        XYPlot plot = new XYPlot(data, x, y, r);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdddddd));
        plot.setRangeGridlinePaint(new Color(0xdddddd));
        return plot;
    }

    private static JFreeChart chart(String title, org.jfree.chart.plot.Plot plot, boolean legend) {
        JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 15), plot, legend);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    /** Writes {@code <base>.png} and {@code <base>.svg} into {@code dir}, each atomically. */
    static void save(JFreeChart chart, Path dir, String base, int width, int height) throws IOException {
        System.setProperty("java.awt.headless", "true");
        AtomicFiles.write(dir.resolve(base + ".png"), out -> ChartUtils.writeChartAsPNG(out, chart, width, height));
        SVGGraphics2D g = new SVGGraphics2D(SVGGeneratorContext.createDefault(svgDocument()), false);
        g.setSVGCanvasSize(new Dimension(width, height));
        chart.draw(g, new Rectangle2D.Double(0, 0, width, height));
        AtomicFiles.write(dir.resolve(base + ".svg"), out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            g.stream(w, true);
            w.flush();
        });
        g.dispose();
    }

    private static Document svgDocument() {
        try {
            return DocumentBuilderFactory.newInstance().newDocumentBuilder().getDOMImplementation()
                    .createDocument("http://www.w3.org/2000/svg", "svg", null);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }
}
