package io.gauntlet.core.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class OptimizerTest {
    @Test
    void adamMatchesTwoHandComputedSteps() {
        // lr 0.1, β1 0.9, β2 0.999, ε 1e-8; p0 = 1; gradients 0.5 then −1.
        // Step 1: m = 0.05, v = 0.00025; m̂ = 0.5, √v̂ = 0.5; p = 1 − 0.1·0.5/(0.5 + 1e-8) = 0.9 + 2e-9.
        // Step 2: m = 0.045 − 0.1 = −0.055, v = 0.00024975 + 0.001 = 0.00124975;
        //   1−β1² = 0.19, 1−β2² = 0.001999; √v/√0.001999 = √0.6251875937968984 = 0.7906880502...;
        //   p = 0.900000002 + (0.1/0.19)·0.055/(0.7906880502 + 1e-8) = 0.900000002 + 0.0366103522... = 0.93661035424...
        Adam adam = new Adam(1, 0.1);
        double[] p = {1.0};
        adam.step(p, new double[] {0.5});
        assertEquals(0.900000002, p[0], 1e-15);
        assertEquals(0.05, adam.m()[0], 1e-15);
        assertEquals(0.00025, adam.v()[0], 1e-16);
        adam.step(p, new double[] {-1.0});
        double expected = 0.900000002 + (0.1 / 0.19) * 0.055 / (Math.sqrt(0.00124975 / 0.001999) + 1e-8);
        assertEquals(expected, p[0], 1e-14);
        assertEquals(0.9366103542, p[0], 1e-10);
        assertEquals(2, adam.stepCount());
    }

    @Test
    void adamStateRoundTripsForCheckpoints() {
        Adam a = new Adam(2, 0.01);
        double[] pa = {0.3, -0.2};
        a.step(pa, new double[] {1, 2});
        Adam b = new Adam(2, 0.01);
        b.setState(a.m().clone(), a.v().clone(), a.stepCount());
        double[] pb = pa.clone();
        a.step(pa, new double[] {-0.5, 0.25});
        b.step(pb, new double[] {-0.5, 0.25});
        assertEquals(pa[0], pb[0], 0);
        assertEquals(pa[1], pb[1], 0);
    }

    @Test
    void sgdPlainAndWithMomentum() {
        Sgd plain = new Sgd(1, 0.1, 0);
        double[] p = {1};
        plain.step(p, new double[] {2});
        assertEquals(0.8, p[0], 1e-15);

        // Momentum 0.9: b1 = g1 = 2 → p = 1 − 0.2 = 0.8; b2 = 0.9·2 + 1 = 2.8 → p = 0.8 − 0.28 = 0.52.
        Sgd mom = new Sgd(1, 0.1, 0.9);
        double[] q = {1};
        mom.step(q, new double[] {2});
        assertEquals(0.8, q[0], 1e-15);
        mom.step(q, new double[] {1});
        assertEquals(0.52, q[0], 1e-15);
    }

    @Test
    void sgdMomentumBufferRoundTripsForCheckpoints() {
        Sgd a = new Sgd(1, 0.1, 0.9);
        double[] pa = {1};
        a.step(pa, new double[] {2});
        Sgd b = new Sgd(1, 0.1, 0.9);
        b.setMomentumBuffer(a.momentumBuffer().clone());
        double[] pb = pa.clone();
        a.step(pa, new double[] {1});
        b.step(pb, new double[] {1});
        assertEquals(0.52, pb[0], 1e-15);
        assertEquals(pa[0], pb[0], 0);
    }

    @Test
    void globalNormClippingScalesAllArraysTogether() {
        double[] a = {3, 0};
        double[] b = {0, 4};
        double norm = Gradients.clipGlobalNorm(1.0, a, b);
        assertEquals(5.0, norm, 1e-15);
        assertEquals(3.0 / (5 + 1e-6), a[0], 1e-15);
        assertEquals(4.0 / (5 + 1e-6), b[1], 1e-15);
        assertEquals(1.0, Gradients.globalNorm(a, b), 1e-6);

        double[] small = {0.3, 0.4};
        assertEquals(0.5, Gradients.clipGlobalNorm(1.0, small), 1e-15);
        assertEquals(0.3, small[0], 0);
        assertEquals(0.4, small[1], 0);
    }
}
