package io.gauntlet.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gauntlet.core.random.Rng;
import java.util.function.DoubleSupplier;

/**
 * Gradients against central finite differences, the independent truth every analytic gradient in the project is
 * tested against, and the random data such tests draw.
 */
public final class FiniteDifferences {
    private FiniteDifferences() {}

    /** (loss(x + h·e_i) − loss(x − h·e_i)) / 2h for every entry i of the live array {@code x}, restored after each. */
    public static double[] gradient(double[] x, DoubleSupplier loss, double h) {
        double[] g = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double keep = x[i];
            x[i] = keep + h;
            double up = loss.getAsDouble();
            x[i] = keep - h;
            double down = loss.getAsDouble();
            x[i] = keep;
            g[i] = (up - down) / (2 * h);
        }
        return g;
    }

    /**
     * Asserts that {@code analytic} matches the central differences of {@code loss} over the live array {@code x}
     * (step 1e-6), entry by entry within {@code abs + rel·|fd|}, naming the entry that does not.
     */
    public static void assertGradient(String what, double[] x, double[] analytic, DoubleSupplier loss, double abs, double rel) {
        double[] fd = gradient(x, loss, 1e-6);
        for (int i = 0; i < fd.length; i++) {
            assertEquals(fd[i], analytic[i], abs + rel * Math.abs(fd[i]), what + " " + i);
        }
    }

    /** n values uniform in [lo, hi) from {@code rng}. */
    public static double[] uniform(Rng rng, int n, double lo, double hi) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = rng.uniform(lo, hi);
        return v;
    }

    /** n standard-normal values from a stream seeded with {@code seed}. */
    public static double[] gaussian(int n, long seed) {
        Rng rng = new Rng(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = rng.nextGaussian();
        return v;
    }
}
