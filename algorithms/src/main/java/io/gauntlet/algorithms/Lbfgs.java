package io.gauntlet.algorithms;

/**
 * Limited-memory BFGS (Nocedal 1980) with a backtracking Armijo line search, minimising a smooth function given
 * its value and gradient. rllab's RWR and REPS optimise their objectives with L-BFGS (scipy's fmin_l_bfgs_b,
 * 50 iterations); this is the unconstrained method (REPS keeps its temperature positive by optimising log η).
 */
final class Lbfgs {
    /** Returns f(x) and writes ∇f(x) into grad. */
    @FunctionalInterface
    interface Objective {
        double evaluate(double[] x, double[] grad);
    }

    private Lbfgs() {}

    /** Minimises from x (updated in place) for at most {@code iterations} iterations; returns the final value. */
    static double minimize(Objective f, double[] x, int iterations, int memory) {
        int n = x.length;
        double[][] s = new double[memory][n];
        double[][] y = new double[memory][n];
        double[] rho = new double[memory];
        double[] alpha = new double[memory];
        double[] g = new double[n];
        double[] gNew = new double[n];
        double[] d = new double[n];
        double[] xNew = new double[n];
        double fx = f.evaluate(x, g);
        int stored = 0, head = 0;
        for (int it = 0; it < iterations; it++) {
            // Two-loop recursion: d = −H g.
            System.arraycopy(g, 0, d, 0, n);
            for (int k = 0; k < stored; k++) {
                int i = Math.floorMod(head - 1 - k, memory);
                alpha[i] = rho[i] * dot(s[i], d);
                axpy(-alpha[i], y[i], d);
            }
            if (stored > 0) {
                int last = Math.floorMod(head - 1, memory);
                double scale = dot(s[last], y[last]) / dot(y[last], y[last]);
                for (int j = 0; j < n; j++) d[j] *= scale;
            }
            for (int k = stored - 1; k >= 0; k--) {
                int i = Math.floorMod(head - 1 - k, memory);
                double beta = rho[i] * dot(y[i], d);
                axpy(alpha[i] - beta, s[i], d);
            }
            for (int j = 0; j < n; j++) d[j] = -d[j];
            double slope = dot(g, d);
            if (!(slope < 0)) { // not a descent direction: restart from steepest descent
                for (int j = 0; j < n; j++) d[j] = -g[j];
                slope = -dot(g, g);
                stored = 0;
            }
            if (slope == 0) break;
            // Backtracking line search (Armijo, c = 1e-4); the first step of a fresh memory is kept small.
            double step = stored == 0 ? Math.min(1.0, 1.0 / Math.sqrt(-slope)) : 1.0;
            double fNew = Double.NaN;
            boolean found = false;
            for (int ls = 0; ls < 40; ls++) {
                for (int j = 0; j < n; j++) xNew[j] = x[j] + step * d[j];
                fNew = f.evaluate(xNew, gNew);
                if (Double.isFinite(fNew) && fNew <= fx + 1e-4 * step * slope) {
                    found = true;
                    break;
                }
                step *= 0.5;
            }
            if (!found) break;
            double sy = 0, yy = 0;
            for (int j = 0; j < n; j++) {
                s[head][j] = xNew[j] - x[j];
                y[head][j] = gNew[j] - g[j];
            }
            sy = dot(s[head], y[head]);
            yy = dot(y[head], y[head]);
            System.arraycopy(xNew, 0, x, 0, n);
            System.arraycopy(gNew, 0, g, 0, n);
            boolean converged = Math.abs(fx - fNew) <= 1e-12 * Math.max(1, Math.abs(fx));
            fx = fNew;
            if (sy > 1e-12 * yy) { // keep the pair only if curvature is positive
                rho[head] = 1 / sy;
                head = (head + 1) % memory;
                stored = Math.min(stored + 1, memory);
            }
            if (converged) break;
        }
        return fx;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    private static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) y[i] += a * x[i];
    }
}
