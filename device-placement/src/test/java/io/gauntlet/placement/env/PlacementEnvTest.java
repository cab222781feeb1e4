package io.gauntlet.placement.env;

import io.gauntlet.core.BadInputException;
import io.gauntlet.core.env.Env;
import io.gauntlet.core.env.EnvRegistry;
import io.gauntlet.core.env.Step;
import io.gauntlet.core.random.Rng;
import io.gauntlet.placement.graph.GraphBuilder;
import io.gauntlet.placement.graph.GraphJson;
import io.gauntlet.placement.sim.Simulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The placement task's contract: one group per step, −√ of the simulated step time at the end, the failing charge. */
class PlacementEnvTest {
    @TempDir Path tmp;

    private static final long ROOMY = 1L << 40;

    /** Steps the given group placement through a fresh episode; returns the last step. */
    private static Step play(PlacementEnv env, int... devices) {
        Step s = Step.of(env);
        env.reset(0, s);
        for (int d : devices) env.step(new double[] {d}, s);
        return s;
    }

    @Test
    void anEpisodeVisitsEveryGroupOnceInOrderAndEndsWithTheLast() {
        PlacementGraph pg = Fixtures.ungrouped(Fixtures.forkJoin(0), 2, ROOMY);
        PlacementEnv env = new PlacementEnv(pg);
        Step s = Step.of(env);
        env.reset(0, s);
        double[] expected = new double[PlacementGraph.GROUP_FEATURES];
        for (int g = 0; g < 4; g++) {
            pg.writeGroupFeatures(g, expected, 0);
            for (int k = 0; k < expected.length; k++) assertEquals(expected[k], s.observation[k], 0, "group " + g + " feature " + k);
            assertEquals(0, s.observation[PlacementGraph.GROUP_FEATURES], "not done before group " + g);
            assertEquals(g, env.placed());
            env.step(new double[] {g % 2}, s);
            assertEquals(g == 3, s.terminated);
            assertFalse(s.truncated);
            if (g < 3) assertEquals(0, s.reward);
        }
        assertEquals(1, s.observation[PlacementGraph.GROUP_FEATURES]);
        assertArrayEquals(new int[] {0, 1, 0, 1}, env.placement());
        assertThrows(IllegalStateException.class, () -> env.step(new double[] {0}, s));
        assertThrows(IllegalArgumentException.class, () -> { env.reset(s); env.step(new double[] {2}, s); });
        assertThrows(IllegalArgumentException.class, () -> { env.reset(s); env.step(new double[] {Double.NaN}, s); });
    }

    @Test
    void theFinalRewardIsMinusTheSquareRootOfTheSimulatedStepTime() {
        PlacementGraph pg = Fixtures.ungrouped(Fixtures.forkJoin(0), 2, ROOMY);
        PlacementEnv env = new PlacementEnv(pg);
        // by hand: everything on one device 1 + 3 + 5 + 1 = 10 s; the right branch on d1: 7.007 s
        Step s = play(env, 1, 1, 1, 1);
        assertEquals(-Math.sqrt(10), s.reward, 1e-12);
        assertArrayEquals(new double[] {10, 1, 10, 0}, s.diagnostics, 1e-12);
        s = play(env, 0, 0, 1, 0);
        assertEquals(-Math.sqrt(7.007), s.reward, 1e-12);

        // any placement of a real model: the simulator's own time for the expanded placement
        PlacementEnv inception = (PlacementEnv) EnvRegistry.make("Placement-inception_v3-1cpu-2k80-v0");
        Step step = Step.of(inception);
        Rng rng = new Rng(5);
        inception.reset(0, step);
        int groups = inception.current().groups();
        int[] devices = new int[groups];
        for (int g = 0; g < groups; g++) {
            devices[g] = 1 + rng.nextInt(2);
            inception.step(new double[] {devices[g]}, step);
        }
        PlacementGraph ig = inception.current();
        Simulator sim = ig.newSimulator();
        double time = sim.run(ig.grouping().expand(devices));
        assertTrue(sim.feasible());
        assertEquals(-Math.sqrt(time), step.reward, 0);
        assertEquals(time, step.diagnostics[0], 0);
    }

    @Test
    void aPlacementThatDoesNotFitIsChargedTheFailingRunTime() {
        // 4 ops of 1 GB parameters on devices of 2.5 GB: one device cannot hold them all, two can
        PlacementGraph pg = Fixtures.ungrouped(Fixtures.forkJoin(1_000_000_000L), 2, 2_500_000_000L);
        PlacementEnv env = new PlacementEnv(pg);
        Step s = play(env, 0, 0, 0, 0);
        assertEquals(-Math.sqrt(PlacementEnv.FAILING_STEP_TIME), s.reward, 0);
        // still simulated: 10 s on one device; its peak by hand: 4 GB of parameters, and at right's start the outputs of
        // src, left and right (1 + 1 + 4 MB) are held, so 4.006 GB, 1.506 GB over the 2.5 GB
        assertArrayEquals(new double[] {PlacementEnv.FAILING_STEP_TIME, 0, 10, 1.506}, s.diagnostics, 1e-9);
        s = play(env, 0, 0, 1, 1);
        assertEquals(1, s.diagnostics[1]);
        assertTrue(s.reward > -Math.sqrt(PlacementEnv.FAILING_STEP_TIME));
    }

    @Test
    void theObservationSummarisesNeighboursLoadAndMemoryPerDevice() {
        // parameters of 1 GB per op on devices of 4 GB: each op fills a quarter
        PlacementGraph pg = Fixtures.ungrouped(Fixtures.forkJoin(1_000_000_000L), 2, 4_000_000_000L);
        PlacementEnv env = new PlacementEnv(pg);
        Step s = play(env, 1, 0, 1); // src on d1, left on d0, right on d1; now placing join
        double[] o = s.observation;
        int d0 = PlacementEnv.deviceOffset(0), d1 = PlacementEnv.deviceOffset(1);
        // join reads left (1 MB, on d0) and right (4 MB, on d1)
        assertEquals(0.2, o[d0], 1e-12);
        assertEquals(0.8, o[d1], 1e-12);
        assertEquals(0, o[d0 + 1]);                              // join's output goes nowhere
        // loads: src 1 s + right 5 s on d1, left 3 s on d0, over the 10 s of the whole graph
        assertEquals(0.3, o[d0 + 2], 1e-12);
        assertEquals(0.6, o[d1 + 2], 1e-12);
        // memory: on one device the step peaks when right starts, at 4 GB of parameters + src, left and right's
        // 1 + 1 + 4 MB; each op has its parameters and of the 6 MB beside them a share in proportion to its output
        // (1, 1, 4 MB and 8 bytes of 6,000,008)
        assertEquals(4e9 + 6e6, pg.memory(0) + pg.memory(1) + pg.memory(2) + pg.memory(3), 1e-3);
        assertEquals(1e9 + 6e6 * 1e6 / 6_000_008, pg.memory(1), 1e-3);
        assertEquals(1e9 + 6e6 * 4e6 / 6_000_008, pg.memory(2), 1e-3);
        // with join added: d0 holds left, d1 src and right
        assertEquals((pg.memory(1) + pg.memory(3)) / 4e9, o[d0 + 3], 1e-15);
        assertEquals((pg.memory(0) + pg.memory(2) + pg.memory(3)) / 4e9, o[d1 + 3], 1e-15);
        assertEquals(0, o[d0 + 4]);                              // equal devices: no slowdown
        // placing right, its input src was on d1
        s = play(env, 1, 0);
        assertEquals(0, s.observation[d0]);
        assertEquals(1, s.observation[d1], 1e-12);
    }

    @Test
    void aSnapshotTakenMidEpisodeContinuesExactly() {
        PlacementGraph pg = Fixtures.ungrouped(Fixtures.forkJoin(0), 2, ROOMY);
        PlacementEnv env = new PlacementEnv(pg);
        Step s = play(env, 1, 0);
        double[] snapshot = env.snapshot();
        env.step(new double[] {1}, s);
        env.step(new double[] {0}, s);
        double[] obs = s.observation.clone();
        double reward = s.reward;

        PlacementEnv copy = new PlacementEnv(pg);
        Step c = Step.of(copy);
        copy.restore(snapshot, c);
        assertEquals(2, copy.placed());
        copy.step(new double[] {1}, c);
        copy.step(new double[] {0}, c);
        assertArrayEquals(obs, c.observation);
        assertEquals(reward, c.reward);
        assertTrue(c.terminated);
    }

    @Test
    void severalGraphsArePlacedInTurn() {
        PlacementGraph small = Fixtures.ungrouped(Fixtures.forkJoin(0), 2, ROOMY);
        GraphBuilder b = new GraphBuilder("pair");
        b.add(Fixtures.op("a", 1, 8, 0));
        b.add(Fixtures.op("b", 2, 8, 0), "a");
        PlacementGraph two = Fixtures.ungrouped(b.build(), 2, ROOMY);
        PlacementEnv env = new PlacementEnv(List.of(() -> small, () -> two), 2);
        Step s = Step.of(env);
        int[] lengths = new int[4];
        for (int e = 0; e < 4; e++) {
            env.reset(s);
            assertSame(e % 2 == 0 ? small : two, env.current());
            while (!s.done()) {
                env.step(new double[] {0}, s);
                lengths[e]++;
            }
        }
        assertArrayEquals(new int[] {4, 2, 4, 2}, lengths);
        assertEquals(-Math.sqrt(3), s.reward, 1e-12);
    }

    @Test
    void steppingAllocatesNothing() {
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean);
        Env env = EnvRegistry.make("Placement-nmt-1cpu-4k80-v0");
        Step s = Step.of(env);
        double[] action = {1};
        env.reset(0, s);
        for (int i = 0; i < 3_000; i++) { // warm up: whole episodes, the simulator included
            env.step(action, s);
            if (s.done()) env.reset(s);
        }
        long least = Long.MAX_VALUE;
        for (int trial = 0; trial < 5; trial++) {
            long before = ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 1000; i++) {
                env.step(action, s);
                if (s.done()) env.reset(s);
            }
            least = Math.min(least, ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes() - before);
        }
        assertEquals(0, least / 1000, "bytes per step");
    }

    @Test
    void idsNameAZooModelOrGraphFileOnAShippedClusterOrClusterFile() throws Exception {
        assertEquals("Placement-inception_v3-1cpu-4k80-v0", PlacementEnvs.id("inception-v3", "1cpu-4k80"));
        PlacementEnv sized = (PlacementEnv) EnvRegistry.make("Placement-rnnlm@hidden=256,steps=4+nmt@steps=3-1cpu-2k80-v0");
        assertEquals(2, sized.graphCount());
        assertEquals(new io.gauntlet.core.env.Discrete(3), sized.actionSpace());
        Path graph = tmp.resolve("my-graph.json");
        GraphJson.write(Fixtures.forkJoin(0), graph);
        Path cluster = tmp.resolve("my-box.json");
        Files.writeString(cluster, "{\"id\": \"box\", \"devices\": [{\"type\": \"k80\", \"count\": 3, \"prefix\": \"gpu\"}]}");
        PlacementEnv fromFiles = (PlacementEnv) EnvRegistry.make("Placement-" + graph + "-" + cluster + "-v0");
        Step s = Step.of(fromFiles);
        fromFiles.reset(0, s);
        assertEquals("fork-join", fromFiles.current().graph().name());
        assertEquals(3, fromFiles.current().devices());
        assertEquals("Placement-nmt-" + cluster + "-v0", EnvRegistry.spec("Placement-nmt-" + cluster + "-v0").id());
    }

    @Test
    void badIdsSayWhatIsWrong() throws Exception {
        assertTrue(assertThrows(BadInputException.class, () -> EnvRegistry.spec("Placement-resnet-1cpu-4k80-v0"))
                .getMessage().contains("unknown model 'resnet'"));
        assertTrue(assertThrows(BadInputException.class, () -> EnvRegistry.spec("Placement-nmt-1cpu-9k80-v0"))
                .getMessage().contains("unknown cluster '1cpu-9k80'"));
        assertTrue(assertThrows(BadInputException.class, () -> EnvRegistry.spec("Placement-nmt@depth=3-1cpu-4k80-v0"))
                .getMessage().contains("bad size override 'depth=3'"));
        Path cyclic = tmp.resolve("cyclic.json");
        Files.writeString(cyclic, "{\"name\": \"loop\", \"ops\": [{\"name\": \"a\", \"inputs\": [\"b\"]}, {\"name\": \"b\", \"inputs\": [\"a\"]}]}");
        assertTrue(assertThrows(BadInputException.class, () -> EnvRegistry.spec("Placement-" + cyclic + "-1cpu-2k80-v0"))
                .getMessage().contains("cycle"));
        assertTrue(assertThrows(BadInputException.class, () -> EnvRegistry.spec("Placement-nmt-v0"))
                .getMessage().contains("Placement-<graphs>-<cluster>-v0"));
    }
}
