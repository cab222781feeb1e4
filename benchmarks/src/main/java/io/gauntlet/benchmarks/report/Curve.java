package io.gauntlet.benchmarks.report;

import io.gauntlet.core.stats.Stats;
import java.util.List;

/**
 * The learning curve of one algorithm on one task across seeds: every seed's curve linearly interpolated onto a
 * common grid of environment steps (from the latest first point to the earliest last point, so every grid point
 * is inside every seed's curve), then the mean and a Student-t 95% band at each grid point.
 */
public record Curve(double[] steps, double[] mean, double[] low, double[] high) {
    static final int MAX_POINTS = 100;

    public static Curve of(List<RunData> seeds) {
        double[][] xs = new double[seeds.size()][];
        double[][] ys = new double[seeds.size()][];
        double lo = Double.NEGATIVE_INFINITY, hi = Double.POSITIVE_INFINITY;
        int maxLen = 0;
        for (int s = 0; s < seeds.size(); s++) {
            RunData r = seeds.get(s);
            int n = 0;
            for (double v : r.averageReturn()) if (!Double.isNaN(v)) n++;
            xs[s] = new double[n];
            ys[s] = new double[n];
            int k = 0;
            for (int i = 0; i < r.steps().length; i++) {
                if (Double.isNaN(r.averageReturn()[i])) continue;
                xs[s][k] = r.steps()[i];
                ys[s][k] = r.averageReturn()[i];
                k++;
            }
            if (n == 0) return new Curve(new double[0], new double[0], new double[0], new double[0]);
            lo = Math.max(lo, xs[s][0]);
            hi = Math.min(hi, xs[s][n - 1]);
            maxLen = Math.max(maxLen, n);
        }
        if (hi < lo) hi = lo; // curves that do not overlap: compare at the one step all have reached first
        int points = hi == lo ? 1 : Math.min(MAX_POINTS, Math.max(2, maxLen));
        double[] grid = new double[points];
        double[] mean = new double[points], low = new double[points], high = new double[points];
        double[] at = new double[seeds.size()];
        for (int g = 0; g < points; g++) {
            grid[g] = points == 1 ? lo : lo + (hi - lo) * g / (points - 1);
            for (int s = 0; s < seeds.size(); s++) at[s] = interpolate(xs[s], ys[s], grid[g]);
            Stats.Interval ci = Stats.tInterval95(at);
            mean[g] = ci.estimate();
            low[g] = ci.low();
            high[g] = ci.high();
        }
        return new Curve(grid, mean, low, high);
    }

    /** Piecewise-linear interpolation of (x, y), x increasing; constant beyond the ends. */
    static double interpolate(double[] x, double[] y, double at) {
        if (at <= x[0]) return y[0];
        int n = x.length;
        if (at >= x[n - 1]) return y[n - 1];
        int i = 1;
        while (x[i] < at) i++;
        double t = (at - x[i - 1]) / (x[i] - x[i - 1]);
        return y[i - 1] + t * (y[i] - y[i - 1]);
    }
}
