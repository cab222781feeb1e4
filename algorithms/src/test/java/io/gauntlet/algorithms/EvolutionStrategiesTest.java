package io.gauntlet.algorithms;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gauntlet.core.random.Rng;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** CEM and CMA-ES on a known quadratic, then a short CartPole run each. */
class EvolutionStrategiesTest {
    private static final double[] OPTIMUM = {3, -2, 0.5, 1, -1, 2, 0, -3};

    /** −|x − x*|² (maximum 0 at x*), on a badly scaled version for CMA-ES to adapt to. */
    private static double quadratic(double[] x) {
        double s = 0;
        for (int j = 0; j < x.length; j++) s -= (j + 1) * (x[j] - OPTIMUM[j]) * (x[j] - OPTIMUM[j]);
        return s;
    }

    private static double distance(double[] x) {
        double s = 0;
        for (int j = 0; j < x.length; j++) s += (x[j] - OPTIMUM[j]) * (x[j] - OPTIMUM[j]);
        return Math.sqrt(s);
    }

    @Test
    void cemConvergesOnAQuadratic() {
        Cem.Search search = new Cem.Search(new double[OPTIMUM.length], 1.0, 1.0, 20);
        Rng rng = new Rng(1);
        double start = distance(search.mean);
        for (int k = 0; k < 60; k++) {
            double[][] xs = search.sample(rng, 50);
            double[] scores = new double[xs.length];
            for (int i = 0; i < xs.length; i++) scores[i] = quadratic(xs[i]);
            search.update(xs, scores, 10);
        }
        assertTrue(distance(search.mean) < 0.01 * start, "CEM ended at distance " + distance(search.mean) + " from " + start);
    }

    @Test
    void cmaEsConvergesOnAQuadratic() {
        double[] start = new double[OPTIMUM.length];
        double[] best = CmaEs.maximize(EvolutionStrategiesTest::quadratic, start, 1.0, CmaEs.defaultPopulation(8), 3000, 7);
        assertTrue(distance(best) < 1e-3 * distance(start), "CMA-ES ended at distance " + distance(best));
    }

    @Test
    void cemLearnsCartPole() throws Exception {
        MemoryRun run = MemoryRun.of("CartPole-v1", Cem.SPEC, Map.of("hidden_sizes", "8"), 1, 60_000);
        run.train();
        double firstIteration = 0;
        for (int i = 0; i < 20; i++) firstIteration += run.episodes.get(i)[0] / 20;
        assertTrue(run.rows.get(run.rows.size() - 1).get("BestSampleReturn") >= 300,
                "best sample of the last iteration " + run.rows.get(run.rows.size() - 1) + ", first iteration mean " + firstIteration);
    }

    @Test
    void cmaEsLearnsCartPole() throws Exception {
        MemoryRun run = MemoryRun.of("CartPole-v1", CmaEs.SPEC, Map.of(), 1, 60_000);
        run.train();
        assertTrue(run.rows.get(run.rows.size() - 1).get("BestReturnSoFar") >= 300, "best " + run.rows.get(run.rows.size() - 1));
    }
}
