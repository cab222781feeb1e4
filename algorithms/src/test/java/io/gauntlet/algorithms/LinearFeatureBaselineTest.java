package io.gauntlet.algorithms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gauntlet.core.random.Rng;
import org.junit.jupiter.api.Test;

class LinearFeatureBaselineTest {
    @Test
    void featuresAreRllabsWithClippedObservations() {
        LinearFeatureBaseline b = new LinearFeatureBaseline(2);
        double[] f = new double[b.featureDim()];
        b.features(new double[] {3, -25}, 0, 50, f);
        assertArrayEquals(new double[] {3, -10, 9, 100, 0.5, 0.25, 0.125, 1}, f, 1e-15);
    }

    @Test
    void recoversAKnownLinearFunctionOfTheFeatures() {
        int d = 3;
        LinearFeatureBaseline b = new LinearFeatureBaseline(d);
        double[] truth = {0.5, -1.0, 2.0, 0.3, 0.1, -0.2, 4.0, -3.0, 1.5, 7.0};
        Rng rng = new Rng(17);
        int n = 2000;
        double[] obs = new double[n * d];
        int[] t = new int[n];
        double[] y = new double[n];
        double[] f = new double[b.featureDim()];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) obs[i * d + j] = rng.uniform(-3, 3);
            t[i] = i % 200;
            b.features(obs, i * d, t[i], f);
            for (int j = 0; j < f.length; j++) y[i] += truth[j] * f[j];
        }
        assertEquals(0.0, b.predict(obs, 0, 0)); // before any fit
        b.fit(obs, t, y, n);
        // Ridge 1e-5 biases the solution slightly: the cubic time features are nearly collinear (t/100 ≤ 2),
        // so the shrinkage shows at about 1e-5 on their coefficients.
        assertArrayEquals(truth, b.coefficients(), 1e-4);
        double[] probe = {1.0, -2.0, 0.5};
        b.features(probe, 0, 123, f);
        double expected = 0;
        for (int j = 0; j < f.length; j++) expected += truth[j] * f[j];
        assertEquals(expected, b.predict(probe, 0, 123), 1e-4);
    }

    @Test
    void survivesADegenerateBatch() {
        // Every observation identical and one time step: XᵀX is rank one, only the ridge makes it solvable.
        LinearFeatureBaseline b = new LinearFeatureBaseline(2);
        int n = 10;
        double[] obs = new double[n * 2];
        int[] t = new int[n];
        double[] y = new double[n];
        java.util.Arrays.fill(y, 5.0);
        b.fit(obs, t, y, n);
        for (double c : b.coefficients()) assertEquals(true, Double.isFinite(c));
        assertEquals(5.0, b.predict(obs, 0, 0), 1e-3);
    }
}
