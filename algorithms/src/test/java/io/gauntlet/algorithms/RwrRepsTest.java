package io.gauntlet.algorithms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gauntlet.core.testing.FiniteDifferences;
import io.gauntlet.core.experiment.AlgorithmSpec;
import io.gauntlet.core.random.Rng;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RwrRepsTest {
    private static MemoryRun train(AlgorithmSpec<?> spec, Map<String, String> overrides, long budget) throws Exception {
        return MemoryRun.of("CartPole-v1", spec, overrides, 1, budget).train();
    }

    @Test
    void repsDualGradientMatchesFiniteDifferences() {
        int n = 9, f = 4;
        Rng rng = new Rng(1);
        double[] rewards = new double[n], featDiff = new double[n * f];
        for (int i = 0; i < n; i++) rewards[i] = rng.nextGaussian();
        for (int i = 0; i < featDiff.length; i++) featDiff[i] = rng.nextGaussian();
        double[] x = {0.3, -0.2, 0.5, 0.1, Math.log(2.0)};
        double[] grad = new double[f + 1], scratch = new double[f + 1], delta = new double[n];
        Reps.dual(x, grad, rewards, featDiff, n, f, 0.5, 0.01, delta);
        FiniteDifferences.assertGradient("coordinate", x, grad,
                () -> Reps.dual(x, scratch, rewards, featDiff, n, f, 0.5, 0.01, delta), 1e-7, 0);
        // With v = 0 and one reward, the dual is η ε + r exactly.
        double[] single = {0, 0, 0, 0, Math.log(3.0)};
        assertEquals(3 * 0.5 + 1.7, Reps.dual(single, grad, new double[] {1.7}, new double[f], 1, f, 0.5, 0, new double[1]), 1e-12);
    }

    @Test
    void repsLowersItsDualEveryIteration() throws Exception {
        MemoryRun run = train(Reps.SPEC, Map.of("batch_size", "1000"), 5_000);
        for (Map<String, Double> row : run.rows) {
            assertTrue(row.get("DualAfter") <= row.get("DualBefore"), row.toString());
            assertTrue(row.get("Eta") > 0 && row.get("LossAfter") <= row.get("LossBefore"), row.toString());
        }
    }

    @Test
    void repsLearnsCartPole() throws Exception {
        MemoryRun run = train(Reps.SPEC, Map.of("batch_size", "2000"), 30_000);
        double first = run.averageReturn(0), last = run.averageReturn(run.rows.size() - 1);
        assertTrue(first < 30 && last > 2 * first, "average return " + first + " -> " + last);
    }

    @Test
    void rwrLearnsCartPole() throws Exception {
        MemoryRun run = train(Rwr.SPEC, Map.of("batch_size", "2000"), 30_000);
        double first = run.averageReturn(0), last = run.averageReturn(run.rows.size() - 1);
        assertTrue(first < 60 && last > 100, "average return " + first + " -> " + last);
        for (Map<String, Double> row : run.rows) assertTrue(row.get("LossAfter") <= row.get("LossBefore"), row.toString());
    }
}
