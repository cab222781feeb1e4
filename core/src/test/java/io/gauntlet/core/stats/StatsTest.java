package io.gauntlet.core.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gauntlet.core.random.Rng;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
import org.junit.jupiter.api.Test;

class StatsTest {
    private static final double[] X = {2, 4, 4, 4, 5, 5, 7, 9};

    @Test
    void meanAndStandardDeviationsByHand() {
        assertEquals(5.0, Stats.mean(X));
        // sum of squared deviations is 32: population variance 4, sample variance 32/7
        assertEquals(2.0, Stats.populationStd(X), 1e-15);
        assertEquals(Math.sqrt(32.0 / 7), Stats.std(X), 1e-15);
        assertEquals(0.0, Stats.std(new double[] {3}));
    }

    @Test
    void studentTIntervalMatchesTables() {
        // n = 8: t(0.975, 7) = 2.364624252 (tables); half-width = t * s / sqrt(8)
        Stats.Interval ci = Stats.tInterval95(X);
        double h = 2.364624251592785 * Math.sqrt(32.0 / 7) / Math.sqrt(8);
        assertEquals(5.0, ci.estimate());
        assertEquals(5 - h, ci.low(), 1e-9);
        assertEquals(5 + h, ci.high(), 1e-9);
        // n = 2, values 0 and 2: s = sqrt(2), t(0.975, 1) = 12.7062047
        Stats.Interval two = Stats.tInterval95(new double[] {0, 2});
        assertEquals(12.706204736174703, two.halfWidth(), 1e-8);
        Stats.Interval one = Stats.tInterval95(new double[] {4});
        assertEquals(0.0, one.halfWidth());
    }

    @Test
    void interquartileMeanDropsAQuarterAtEachEnd() {
        // 8 values: drop 2 lowest (2, 4) and 2 highest (7, 9): mean of 4, 4, 5, 5 = 4.5
        assertEquals(4.5, Stats.iqm(X));
        // 10 values 1..10: floor(2.5) = 2 cut each side: mean of 3..8 = 5.5
        assertEquals(5.5, Stats.iqm(new double[] {10, 9, 8, 7, 6, 5, 4, 3, 2, 1}));
        // 3 values: nothing cut
        assertEquals(2.0, Stats.iqm(new double[] {1, 2, 3}));
        // robust to one outlier where the mean is not
        assertEquals(4.5, Stats.iqm(new double[] {2, 4, 4, 4, 5, 5, 7, 1e9}));
    }

    @Test
    void quantileMatchesCommonsMathLegacyInterpolation() {
        // numpy's linear method: h = (n-1) q; for X and q = 0.3, h = 2.1 -> 4 + 0.1*(4-4) = 4; q = 0.9 -> h = 6.3 -> 7 + 0.3*2
        assertEquals(4.0, Stats.quantile(X, 0.3), 1e-15);
        assertEquals(7.6, Stats.quantile(X, 0.9), 1e-12);
        assertEquals(2.0, Stats.quantile(X, 0));
        assertEquals(9.0, Stats.quantile(X, 1));
        DescriptiveStatistics d = new DescriptiveStatistics(X);
        assertEquals(d.getPercentile(50), Stats.quantile(X, 0.5), 1e-12);
    }

    @Test
    void bootstrapIsSeededAndBracketsTheEstimate() {
        Rng a = new Rng(1), b = new Rng(1);
        Stats.Interval i1 = Stats.bootstrap(X, Stats::mean, 2000, 0.95, a);
        Stats.Interval i2 = Stats.bootstrap(X, Stats::mean, 2000, 0.95, b);
        assertEquals(i1, i2);
        assertEquals(5.0, i1.estimate());
        assertTrue(i1.low() < 5 && 5 < i1.high());
        // the bootstrap distribution of the mean lies within the data's range and is narrower than the t interval
        assertTrue(i1.low() >= 2 && i1.high() <= 9);
        assertTrue(i1.halfWidth() < Stats.tInterval95(X).halfWidth());
        // constant data: every resample is the same
        Stats.Interval c = Stats.bootstrap(new double[] {3, 3, 3}, Stats::mean, 100, 0.95, new Rng(2));
        assertEquals(new Stats.Interval(3, 3, 3), c);
    }

    @Test
    void stratifiedBootstrapResamplesWithinTasks() {
        // two tasks whose runs are constant within the task: resampling within tasks cannot change the pooled IQM
        double[][] scores = {{1, 1, 1, 1}, {3, 3, 3, 3}};
        Stats.Interval ci = Stats.stratifiedBootstrap(scores, Stats::pooledIqm, 500, 0.95, new Rng(5));
        assertEquals(2.0, ci.estimate());
        assertEquals(2.0, ci.low());
        assertEquals(2.0, ci.high());
    }

    @Test
    void probabilityOfImprovementCountsPairs() {
        // pairs: (3 vs 1,2,3) -> 1 + 1 + 0.5; (1 vs 1,2,3) -> 0.5 + 0 + 0 ; total 3 of 6
        assertEquals(0.5, Stats.probabilityOfImprovement(new double[] {3, 1}, new double[] {1, 2, 3}));
        assertEquals(1.0, Stats.probabilityOfImprovement(new double[] {5, 6}, new double[] {1, 2}));
        assertEquals(0.0, Stats.probabilityOfImprovement(new double[] {1, 2}, new double[] {5, 6}));
        double[][] x = {{5, 6}, {1, 2}}, y = {{1, 2}, {5, 6}};
        assertEquals(0.5, Stats.probabilityOfImprovement(x, y));
    }

    @Test
    void performanceProfileCountsRunsAboveEachThreshold() {
        // X = {2,4,4,4,5,5,7,9}: above 1: all 8; above 4: 5,5,7,9 = 4; above 9: none
        assertArrayEquals(new double[] {1.0, 0.5, 0.0}, Stats.performanceProfile(X, new double[] {1, 4, 9}));
    }

    @Test
    void welchTestByHand() {
        // x = {1,2,3,4}, y = {3,4,5,6,7}: means 2.5, 5; variances 5/3, 5/2; se^2 = 5/12 + 1/2 = 11/12
        // t = -2.5 / sqrt(11/12); Welch-Satterthwaite df = (11/12)^2 / ((5/12)^2/3 + (1/2)^2/4)
        double[] x = {1, 2, 3, 4}, y = {3, 4, 5, 6, 7};
        double t = -2.5 / Math.sqrt(11.0 / 12);
        double df = Math.pow(11.0 / 12, 2) / (Math.pow(5.0 / 12, 2) / 3 + Math.pow(0.5, 2) / 4);
        double p = 2 * new org.apache.commons.math3.distribution.TDistribution(df).cumulativeProbability(t);
        assertEquals(p, Stats.welchPValue(x, y), 1e-12);
        assertTrue(p > 0.01 && p < 0.05);
        assertEquals(1.0, Stats.welchPValue(new double[] {1, 1}, new double[] {1, 1}));
        assertThrows(IllegalArgumentException.class, () -> Stats.welchPValue(new double[] {1}, y));
    }
}
