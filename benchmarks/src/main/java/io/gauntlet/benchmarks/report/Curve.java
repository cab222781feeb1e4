package io.gauntlet.benchmarks.report;

import io.gauntlet.core.stats.Stats;
import java.util.List;

/**
 * The learning curve of one algorithm on one task across seeds, against env steps or wall-clock seconds: every
 * seed's curve linearly interpolated onto a common grid (from the latest first point to the earliest last point, so
 * every grid point is inside every seed's curve), then the mean and a Student-t 95% band at each grid point. The band
 * is kept within the lowest and highest seed there: with few seeds a t band is several standard errors wide and would
 * claim returns no seed had, past what the task can give (CartPole's 500).
 */
public record Curve(double[] x, double[] mean, double[] low, double[] high) {
    static final int MAX_POINTS = 100;

    /** What a curve is drawn against. */
    public enum Axis { STEPS, SECONDS }

    public static Curve of(List<RunData> seeds) {
        return of(seeds, Axis.STEPS);
    }

    public static Curve of(List<RunData> seeds, Axis axis) {
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
                xs[s][k] = axis == Axis.STEPS ? r.steps()[i] : r.seconds()[i];
                ys[s][k] = r.averageReturn()[i];
                k++;
            }
            if (n == 0) return new Curve(new double[0], new double[0], new double[0], new double[0]);
            lo = Math.max(lo, xs[s][0]);
            hi = Math.min(hi, xs[s][n - 1]);
            maxLen = Math.max(maxLen, n);
        }
        if (seeds.isEmpty()) return new Curve(new double[0], new double[0], new double[0], new double[0]);
        if (hi < lo) hi = lo; // curves that do not overlap: compare at the one point all have reached first
        int points = hi == lo ? 1 : Math.min(MAX_POINTS, Math.max(2, maxLen));
        double[] grid = new double[points];
        double[] mean = new double[points], low = new double[points], high = new double[points];
        double[] at = new double[seeds.size()];
        for (int g = 0; g < points; g++) {
            grid[g] = points == 1 ? lo : lo + (hi - lo) * g / (points - 1);
            double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
            for (int s = 0; s < seeds.size(); s++) {
                at[s] = interpolate(xs[s], ys[s], grid[g]);
                min = Math.min(min, at[s]);
                max = Math.max(max, at[s]);
            }
            Stats.Interval ci = Stats.tInterval95(at);
            mean[g] = ci.estimate();
            low[g] = Math.max(min, ci.low());
            high[g] = Math.min(max, ci.high());
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
        if (x[i] == x[i - 1]) return y[i];
        double t = (at - x[i - 1]) / (x[i] - x[i - 1]);
        return y[i - 1] + t * (y[i] - y[i - 1]);
    }
}
