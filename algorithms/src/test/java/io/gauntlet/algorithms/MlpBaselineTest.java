package io.gauntlet.algorithms;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gauntlet.core.env.EnvRegistry;
import io.gauntlet.core.random.Rng;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MlpBaselineTest {
    @Test
    void fitsASmoothFunctionOfTheState() {
        Rng rng = new Rng(1);
        int n = 2000;
        double[] obs = new double[n * 3];
        double[] target = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 3; j++) obs[3 * i + j] = rng.uniform(-1, 1);
            target[i] = 5 * obs[3 * i] - 2 * obs[3 * i + 1] * obs[3 * i + 2] + 3;
        }
        MlpBaseline vf = new MlpBaseline(3, new int[] {32, 32}, 3e-3, 1, 64, new Rng(2));
        double before = mse(vf, obs, target, n);
        for (int k = 0; k < 30; k++) vf.fit(obs, target, n, rng);
        double after = mse(vf, obs, target, n);
        assertTrue(after < 0.01 * before, "MSE " + before + " -> " + after);
    }

    private static double mse(MlpBaseline vf, double[] obs, double[] target, int n) {
        double[] v = new double[n];
        vf.predict(obs, n, v);
        double s = 0;
        for (int i = 0; i < n; i++) s += (v[i] - target[i]) * (v[i] - target[i]) / n;
        return s;
    }

    @Test
    void trpoWithAnMlpValueFunctionAndGaeLearns() throws Exception {
        MemoryRun run = MemoryRun.of("CartPole-v1", Trpo.SPEC,
                Map.of("baseline", "mlp", "gae_lambda", "0.97", "batch_size", "2000"), 1, 30_000).train();
        double last = run.averageReturn(run.rows.size() - 1);
        // Explained variance is measured before each refit, on the new batch: the value function must predict.
        double bestEv = run.rows.stream().mapToDouble(r -> r.get("ExplainedVariance")).max().orElseThrow();
        assertTrue(last > 150, "average return " + last);
        assertTrue(bestEv > 0.5, "best explained variance " + bestEv);
    }
}
