package io.gauntlet.benchmarks.suite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gauntlet.algorithms.Ddpg;
import io.gauntlet.algorithms.Ppo;
import io.gauntlet.algorithms.Reinforce;
import io.gauntlet.core.BadInputException;
import io.gauntlet.core.experiment.RunConfig;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SweepFileTest {
    static Suite parse(String text) {
        return SweepFile.parse(text, "test.yaml", null);
    }

    static List<String> problems(String text) {
        SweepFile.Invalid e = assertThrows(SweepFile.Invalid.class, () -> parse(text));
        return e.lines();
    }

    @Test
    void aGridIsTasksTimesAlgorithmsTimesSeedsInFileOrder() {
        Suite s = parse("""
                name: g
                envs: [CartPole-v1, Acrobot-v1]
                algos: [random, reinforce]
                seeds: 3
                steps: 1e4
                """);
        List<Suite.Run> plan = s.plan();
        assertEquals(12, plan.size());
        assertEquals("CartPole-v1/random/seed-0", plan.get(0).directory());
        assertEquals("CartPole-v1/reinforce/seed-2", plan.get(5).directory());
        assertEquals("Acrobot-v1/random/seed-0", plan.get(6).directory());
        assertTrue(plan.stream().allMatch(r -> r.config().steps() == 10_000));
    }

    @Test
    void listsSweepAndOverridesApplyFromTheGridToTheTaskToTheAlgorithm() {
        Suite s = parse("""
                name: g
                envs: [CartPole-v1, Pendulum-v1]
                algos: [reinforce, ppo]
                seeds: [7]
                set: {hidden_sizes: [16, 16]}
                env:
                  Pendulum-v1: {steps: 50000, set: {hidden_sizes: [[8], [32, 32]]}}
                algo:
                  reinforce: {steps: 20000, set: {learning_rate: [0.01, 0.001]}}
                """);
        Map<String, RunConfig> byDir = s.plan().stream().collect(Collectors.toMap(Suite.Run::directory, Suite.Run::config));
        assertEquals(List.of("CartPole-v1/reinforce@learning_rate=0.01/seed-7", "CartPole-v1/reinforce@learning_rate=0.001/seed-7",
                "CartPole-v1/ppo/seed-7",
                "Pendulum-v1/reinforce@hidden_sizes=8,learning_rate=0.01/seed-7",
                "Pendulum-v1/reinforce@hidden_sizes=8,learning_rate=0.001/seed-7",
                "Pendulum-v1/reinforce@hidden_sizes=32x32,learning_rate=0.01/seed-7",
                "Pendulum-v1/reinforce@hidden_sizes=32x32,learning_rate=0.001/seed-7",
                "Pendulum-v1/ppo@hidden_sizes=8/seed-7", "Pendulum-v1/ppo@hidden_sizes=32x32/seed-7"),
                s.plan().stream().map(Suite.Run::directory).toList());
        // [16, 16] for a list of sizes is one value, not a sweep
        assertArrayEquals(new int[] {16, 16}, ((Ppo.Args) byDir.get("CartPole-v1/ppo/seed-7").args()).hiddenSizes());
        Reinforce.Args r = (Reinforce.Args) byDir.get("Pendulum-v1/reinforce@hidden_sizes=32x32,learning_rate=0.001/seed-7").args();
        assertArrayEquals(new int[] {32, 32}, r.hiddenSizes());
        assertEquals(0.001, r.learningRate());
        // steps: the algorithm's override beats the task's, which beats the grid's (none here: the algorithm's default)
        assertEquals(20_000, byDir.get("Pendulum-v1/reinforce@hidden_sizes=8,learning_rate=0.01/seed-7").steps());
        assertEquals(50_000, byDir.get("Pendulum-v1/ppo@hidden_sizes=8/seed-7").steps());
        assertEquals(500_000, byDir.get("CartPole-v1/ppo/seed-7").steps(), "PPO's own default budget");
    }

    @Test
    void gridsInheritTheTopLevelAndScalesReplaceKeys() {
        String text = """
                name: two
                seeds: 2
                steps: 1000
                algo:
                  ddpg: {set: {batch_size: 16}}
                grids:
                  - envs: [CartPole-v1]
                    algos: all
                  - envs: [Pendulum-v1]
                    algos: [ddpg]
                    seeds: [4]
                scales:
                  tiny: {seeds: 1, steps: 500}
                """;
        Suite s = parse(text);
        assertTrue(s.plan().stream().anyMatch(r -> r.directory().equals("CartPole-v1/cem/seed-1")));
        assertTrue(s.plan().stream().noneMatch(r -> r.config().algorithm().id().equals("ddpg") && r.config().env().id().equals("CartPole-v1")),
                "all: only the algorithms whose action space fits");
        RunConfig ddpg = s.plan().stream().filter(r -> r.config().algorithm().id().equals("ddpg")).findFirst().orElseThrow().config();
        assertEquals(16, ((Ddpg.Args) ddpg.args()).batchSize());
        assertEquals(4, ddpg.seed());

        Suite tiny = SweepFile.parse(text, "t", "tiny");
        assertEquals("two-tiny", tiny.name());
        assertTrue(tiny.plan().stream().allMatch(r -> r.config().steps() == 500));
        assertEquals(List.of(0L), tiny.plan().stream().filter(r -> r.config().env().id().equals("CartPole-v1")).map(r -> r.config().seed()).distinct().toList());
        assertEquals(List.of("tiny"), SweepFile.scales(text));
        BadInputException e = assertThrows(BadInputException.class, () -> SweepFile.parse(text, "t", "huge"));
        assertEquals("unknown scale 'huge' (known: tiny)", e.getMessage());
    }

    @Test
    void everyProblemIsListedWithItsLineAndColumn() {
        List<String> p = problems("""
                name: bad name
                envs: [CartPole-v1, Nope-v0]
                algos: [ppo, nosuch, ddpg]
                seeds: two
                stepz: 100
                set:
                  learning_rate: [1e-3, fast]
                  batch_size: 5
                """);
        assertEquals(List.of(
                "test.yaml:1:7: name 'bad name' must be letters, digits, '.', '_' or '-' (it names a directory)",
                "test.yaml:2:21: unknown env id 'Nope-v0'",
                "test.yaml:3:14: unknown algorithm id 'nosuch'",
                "test.yaml:3:22: algorithm 'ddpg' does not support the action space Discrete(2) of CartPole-v1 (leave such pairs out with 'unsupported: skip')",
                "test.yaml:4:8: 'seeds' takes a count from 1 or a list of seeds, not 'two'",
                "test.yaml:5:1: unknown key 'stepz'",
                "test.yaml:7:25: ppo: setting 'learning_rate' expects a finite number in (0, 10], got 'fast'",
                "test.yaml:8:3: algorithm 'ppo' has no setting 'batch_size'"),
                p.stream().map(l -> l.replaceAll(" \\((known|its settings):.*\\)$", "").replaceAll(" in a sweep file$", "")).toList());
    }

    @Test
    void malformedYamlAndRepeatedRunsAreProblemsToo() {
        List<String> p = problems("name: x\nenvs: [CartPole-v1\nseeds: 1\n");
        assertEquals(1, p.size());
        assertTrue(p.get(0).startsWith("test.yaml:"), p.get(0));
        assertEquals(List.of("test.yaml:3:1: key 'envs' appears twice (first at 2:1)"), problems("name: x\nenvs: [CartPole-v1]\nenvs: [Acrobot-v1]\n"));
        List<String> twice = problems("""
                name: x
                seeds: 1
                grids:
                  - {envs: [CartPole-v1], algos: [random]}
                  - {envs: [CartPole-v1], algos: [random, reinforce]}
                """);
        assertEquals(List.of("test.yaml:5:13: random on CartPole-v1 is already in the sweep (at 4:13): a run is listed once"), twice);
        assertEquals(List.of("test.yaml:1:1: missing key 'seeds' (a count, or a list of seeds)"),
                problems("name: x\nenvs: [CartPole-v1]\nalgos: [random]\n"));
    }

    @Test
    void unsupportedPairsCanBeLeftOut() {
        Suite s = parse("name: x\nenvs: [CartPole-v1, Pendulum-v1]\nalgos: [ddpg]\nseeds: 1\nunsupported: skip\n");
        assertEquals(List.of("Pendulum-v1/ddpg/seed-0"), s.plan().stream().map(Suite.Run::directory).toList());
    }

    @Test
    void theShippedSuitesCarryTheAcceptanceRowsSettings() throws Exception {
        for (RunConfig c : Suites.QUICK.runs()) { // the off-policy methods on Pendulum: their Pendulum presets
            if (!c.env().id().equals("Pendulum-v1") || c.algorithm().id().equals("ppo")) continue;
            assertEquals("pendulum", c.preset(), c.algorithm().id());
            assertEquals(settings(RunConfig.resolve("Pendulum-v1", c.algorithm().id(), Map.of(), 0, 15_000L)), settings(c));
        }
        for (RunConfig c : Suites.LOCOMOTION.runs()) {
            Map<String, String> want = switch (c.algorithm().id()) {
                case "trpo" -> Acceptance.TRPO_LOCOMOTION;
                case "ddpg" -> Map.of("preset", "locomotion");
                default -> Map.of();
            };
            RunConfig expected = RunConfig.resolve(c.env().id(), c.algorithm().id(), want, c.seed(), c.steps());
            assertEquals(settings(expected), settings(c), c.algorithm().id());
            assertEquals(expected.preset(), c.preset(), c.algorithm().id());
        }
        for (RunConfig c : Suites.RLLAB_TABLE.runs()) {
            if (c.algorithm().id().equals("ddpg")) assertEquals("rllab", c.preset(), c.env().id());
        }
    }

    static String settings(RunConfig c) throws Exception {
        return new ObjectMapper().writeValueAsString(c.algorithm().values(c.args()));
    }

    @Test
    void rllabTableIsEveryTaskTimesRllabsColumnsAndPpoTimesFiveSeedsWithASmallScale() {
        List<RunConfig> runs = Suites.RLLAB_TABLE.runs();
        List<String> algos = List.of("random", "reinforce", "tnpg", "rwr", "reps", "trpo", "cem", "cmaes", "ddpg", "ppo");
        assertEquals(Set.copyOf(algos), runs.stream().map(c -> c.algorithm().id()).collect(Collectors.toSet()));
        Set<String> tasks = runs.stream().map(c -> c.env().id()).collect(Collectors.toSet());
        for (var env : io.gauntlet.core.env.EnvRegistry.all()) { // every control task: placement is the other benchmark
            if (!env.id().startsWith("Placement-")) assertTrue(tasks.contains(env.id()), env.id() + " is in the table");
        }
        for (String pomdp : List.of(":limited-sensors", ":noisy-delayed", ":system-id")) {
            assertEquals(4, tasks.stream().filter(t -> t.endsWith(pomdp)).count(), pomdp);
        }
        long discrete = tasks.stream().filter(t -> RunConfig.resolve(t, "random", Map.of(), 0, 1L).env().make().actionSpace()
                instanceof io.gauntlet.core.env.Discrete).count();
        assertEquals((tasks.size() * algos.size() - discrete) * 5, runs.size(), "DDPG only where actions are continuous");
        assertTrue(runs.stream().allMatch(c -> c.steps() == (c.env().id().matches(".*(planar|3d)-v0|SimpleHumanoid-rllab") && !c.env().id().contains("Pendulum") ? 5_000_000 : 1_000_000)));

        Suite small = Suites.named("rllab-table", "small");
        assertEquals("rllab-table-small", small.name());
        assertEquals(390, small.plan().size());
        assertTrue(small.runs().stream().allMatch(c -> c.steps() == 25_000));
        assertEquals(Set.of(0L, 1L, 2L, 3L, 4L), small.runs().stream().map(RunConfig::seed).collect(Collectors.toSet()));
    }
}
