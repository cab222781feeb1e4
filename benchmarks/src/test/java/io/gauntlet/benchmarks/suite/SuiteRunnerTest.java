package io.gauntlet.benchmarks.suite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gauntlet.algorithms.Ddpg;
import io.gauntlet.algorithms.Ppo;
import io.gauntlet.algorithms.Trpo;
import io.gauntlet.core.experiment.ProgressCsv;
import io.gauntlet.core.experiment.RunConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import io.gauntlet.benchmarks.suite.Acceptance;
import io.gauntlet.benchmarks.suite.Criterion;
import io.gauntlet.core.env.EnvRegistry;
import io.gauntlet.core.experiment.AlgorithmRegistry;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SuiteRunnerTest {
    @TempDir Path tmp;

    static final Suite SMALL = new Suite("small", "test", List.of(new Suite.Entry("CartPole-v1", List.of("random"),
            List.of(0L, 1L, 2L), Map.of("random", 3000L), 0, Map.of("random", Map.of("batch_size", "500")))));

    @Test
    void resultsDoNotDependOnTheNumberOfJobs() throws Exception {
        List<SuiteRunner.Outcome> one = SuiteRunner.run(SMALL, tmp.resolve("one"), 1, null, null);
        List<SuiteRunner.Outcome> two = SuiteRunner.run(SMALL, tmp.resolve("two"), 2, null, null);
        assertEquals(3, one.size());
        for (SuiteRunner.Outcome o : two) assertNull(o.error());
        for (RunConfig c : SMALL.runs()) {
            Path a = c.directoryUnder(tmp.resolve("one")).resolve("progress.csv");
            Path b = c.directoryUnder(tmp.resolve("two")).resolve("progress.csv");
            assertEquals(7, Files.readAllLines(a).size()); // 3000 steps in batches of 500
            assertEquals(ProgressCsv.withoutTimeColumns(a), ProgressCsv.withoutTimeColumns(b));
        }
        // seeds differ from each other
        List<RunConfig> runs = SMALL.runs();
        assertTrue(!ProgressCsv.withoutTimeColumns(runs.get(0).directoryUnder(tmp.resolve("one")).resolve("progress.csv"))
                .equals(ProgressCsv.withoutTimeColumns(runs.get(1).directoryUnder(tmp.resolve("one")).resolve("progress.csv"))));
    }

    @Test
    void aSecondRunOfTheSuiteRedoesNothing() throws Exception {
        SuiteRunner.run(SMALL, tmp, 2, null, null);
        List<SuiteRunner.Outcome> again = SuiteRunner.run(SMALL, tmp, 2, null, null);
        assertTrue(again.stream().allMatch(o -> o.result().alreadyFinished()));
    }

    @Test
    void quickCoversEveryFittingAlgorithmWithThreeSeeds() {
        List<RunConfig> runs = Suites.QUICK.runs();
        assertTrue(runs.stream().anyMatch(c -> c.algorithm().id().equals("random")));
        assertEquals(3, runs.stream().filter(c -> c.algorithm().id().equals("random")).count());
        List<RunConfig> cartPole = runs.stream().filter(c -> c.env().id().equals("CartPole-v1")).toList();
        assertEquals(AlgorithmRegistry.all().stream().filter(a -> RunConfig.supports(a, EnvRegistry.make("CartPole-v1"))).count() * 3, cartPole.size());
        assertTrue(cartPole.stream().allMatch(c -> c.steps() <= 300_000), "quick stays quick");
        assertEquals(Set.of("ddpg", "td3", "sac", "ppo"), runs.stream().filter(c -> c.env().id().equals("Pendulum-v1"))
                .map(c -> c.algorithm().id()).collect(Collectors.toSet()));
    }

    @Test
    void theAcceptanceSuiteRunsExactlyItsCriteria() {
        List<RunConfig> runs = Suites.ACCEPTANCE.runs();
        assertEquals(Acceptance.CRITERIA.stream().mapToInt(c -> c.seeds().size()).sum(), runs.size());
        for (int i = 0; i < Acceptance.CRITERIA.size(); i++) {
            Criterion c = Acceptance.CRITERIA.get(i);
            assertEquals(c.params(), Suites.ACCEPTANCE.entries().get(i).params().get(c.algo()), c.name());
            List<RunConfig> mine = runs.stream().filter(r -> r.env().id().equals(c.env()) && r.algorithm().id().equals(c.algo())).toList();
            assertEquals(c.seeds(), mine.stream().map(RunConfig::seed).toList(), c.name());
            for (RunConfig r : mine) assertEquals(c.steps(), r.steps(), c.name());
        }
    }

    @Test
    void theLocomotionSuiteRunsPpoTrpoAndDdpgAtOneMillionStepsWithTheirSettings() {
        List<RunConfig> runs = Suites.LOCOMOTION.runs();
        assertEquals(18, runs.size());
        assertEquals(Set.of("HalfCheetah-planar-v0", "Hopper-planar-v0", "Swimmer-planar-v0", "Ant-3d-v0", "Humanoid-3d-v0", "SimpleHumanoid-rllab"),
                runs.stream().map(c -> c.env().id()).collect(Collectors.toSet()));
        for (RunConfig r : runs) {
            assertEquals(1_000_000L, r.steps(), r.algorithm().id());
            switch (r.algorithm().id()) {
                case "trpo" -> assertEquals(Trpo.Baseline.MLP, ((Trpo.Args) r.args()).baseline());
                case "ddpg" -> assertEquals(0.005, ((Ddpg.Args) r.args()).softTargetTau());
                case "ppo" -> assertArrayEquals(new int[] {64, 64}, ((Ppo.Args) r.args()).hiddenSizes());
                default -> throw new AssertionError(r.algorithm().id());
            }
        }
    }
}
