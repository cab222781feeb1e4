package io.gauntlet.algorithms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LbfgsTest {
    @Test
    void findsTheRosenbrockMinimum() {
        double[] x = {-1.2, 1.0};
        double f = Lbfgs.minimize((p, g) -> {
            double a = 1 - p[0], b = p[1] - p[0] * p[0];
            g[0] = -2 * a - 400 * p[0] * b;
            g[1] = 200 * b;
            return a * a + 100 * b * b;
        }, x, 200, 10);
        assertEquals(0, f, 1e-10);
        assertEquals(1, x[0], 1e-5);
        assertEquals(1, x[1], 1e-5);
    }

    @Test
    void solvesAnIllConditionedQuadraticInFewIterations() {
        double[] x = new double[6];
        Lbfgs.minimize((p, g) -> {
            double f = 0;
            for (int i = 0; i < p.length; i++) {
                double c = Math.pow(10, i / 2.0);
                f += 0.5 * c * (p[i] - i) * (p[i] - i);
                g[i] = c * (p[i] - i);
            }
            return f;
        }, x, 50, 10);
        for (int i = 0; i < 6; i++) assertEquals(i, x[i], 1e-6);
    }
}
