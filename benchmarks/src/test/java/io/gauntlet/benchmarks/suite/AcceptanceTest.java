package io.gauntlet.benchmarks.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gauntlet.benchmarks.suite.Acceptance.Row;
import io.gauntlet.core.env.EnvRegistry;
import io.gauntlet.core.experiment.AlgorithmRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

class AcceptanceTest {
    @Test
    void lastTenEpisodesAreReadFromWholeIterations() {
        // Iterations of 4, 4 and 3 episodes: the last 10 are covered by all three rows (11 episodes).
        List<Row> rows = List.of(new Row(100, 10, 4), new Row(200, 20, 4), new Row(300, 30, 3));
        assertEquals((10 * 4 + 20 * 4 + 30 * 3) / 11.0, Acceptance.measure(Criterion.Metric.FINAL_LAST_10, rows), 1e-12);
        // An iteration with 12 episodes covers the last 10 by itself; an earlier better window counts for REACHED.
        List<Row> later = List.of(new Row(100, 480, 12), new Row(200, 300, 12));
        assertEquals(300, Acceptance.measure(Criterion.Metric.FINAL_LAST_10, later), 0);
        assertEquals(480, Acceptance.measure(Criterion.Metric.REACHED_LAST_10, later), 0);
        // Fewer than 10 episodes in all: no measurement.
        assertTrue(Double.isNaN(Acceptance.measure(Criterion.Metric.FINAL_LAST_10, List.of(new Row(5, 1, 3)))));
    }

    @Test
    void readsTheHarnessProgressFilesOfASuiteDirectory(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path run = dir.resolve("CartPole-v1").resolve("ppo").resolve("seed-1");
        java.nio.file.Files.createDirectories(run);
        java.nio.file.Files.writeString(run.resolve("progress.csv"),
                "Iteration,TotalEnvSteps,AverageReturn,StdReturn,MaxReturn,MinReturn,NumTrajs,AverageEpisodeLength,Time,ItrTime,Entropy\n"
                + "0,512,20.5,3,25,15,25,20.5,0.1,0.1,0.69\n"
                + "1,1024,,,,,0,,0.2,0.1,0.6\n"
                + "2,1536,480,0,480,480,12,480,0.3,0.1,0.5\n"
                + "3,2048,500,0,500,50"); // torn by a crash: left out
        List<Row> rows = Acceptance.readProgressCsv(run.resolve("progress.csv"));
        assertEquals(List.of(new Row(512, 20.5, 25), new Row(1024, Double.NaN, 0), new Row(1536, 480, 12)), rows);
        Acceptance.Result ppo = Acceptance.evaluate(dir).get(0);
        assertEquals("ppo-cartpole", ppo.criterion().name());
        assertEquals(480, ppo.perSeed().get(0), 0);
        assertTrue(Double.isNaN(ppo.perSeed().get(1)), "missing runs measure NaN");
        assertFalse(ppo.pass());
    }

    @Test
    void aRowPassesWithEnoughPassingSeeds() {
        Criterion c = Acceptance.named("ppo-cartpole");
        List<Row> good = List.of(new Row(500_000, 490, 10));
        List<Row> bad = List.of(new Row(500_000, 400, 10));
        assertTrue(Acceptance.evaluate(c, List.of(good, good, good, good, bad)).pass());
        Acceptance.Result r = Acceptance.evaluate(c, List.of(good, good, good, bad, bad));
        assertFalse(r.pass());
        assertEquals(3, r.passed());
    }

    @Test
    void everyRowNamesARegisteredAlgorithmThatSupportsItsTaskAndValidParameters() {
        for (Criterion c : Acceptance.CRITERIA) {
            var spec = AlgorithmRegistry.spec(c.algo());
            var actions = EnvRegistry.spec(c.env()).make().actionSpace();
            spec.resolve(actions, c.params());
            assertTrue(spec.supportsActionSpace().test(actions), c.name());
            assertEquals(5, c.seeds().size());
        }
    }
}
