package io.gauntlet.algorithms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RunningMeanStdTest {
    @Test
    void batchAndSingleUpdatesAgreeWithTwoPassStatistics() {
        double[] xs = {1, -2, 3, 5, 0.5, 7, -4, 2};
        RunningMeanStd single = new RunningMeanStd(2);
        RunningMeanStd batch = new RunningMeanStd(2);
        for (int r = 0; r < 4; r++) single.update(xs, 2 * r);
        batch.updateBatch(xs, 4);
        // Prior: count 1e-4 at mean 0, var 1 — negligible next to four samples.
        double[] col0 = {1, 3, 0.5, -4};
        double m = 0.125, v = 0;
        for (double c : col0) v += (c - m) * (c - m);
        v /= 4;
        assertEquals(m, single.mean(0), 1e-4);
        assertEquals(v, single.var(0), 1e-3);
        assertEquals(single.mean(0), batch.mean(0), 1e-12);
        assertEquals(single.var(1), batch.var(1), 1e-9);
        assertEquals(4.0001, batch.count(), 1e-12);
    }
}
