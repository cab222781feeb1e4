package io.gauntlet.placement.learn;

import io.gauntlet.core.env.EnvRegistry;
import io.gauntlet.core.env.EnvSpec;
import io.gauntlet.core.experiment.AlgorithmSpec;
import io.gauntlet.core.experiment.Harness;
import io.gauntlet.core.experiment.ProgressCsv;
import io.gauntlet.core.experiment.RunConfig;
import io.gauntlet.core.experiment.TrainedRun;
import io.gauntlet.core.env.Discrete;
import io.gauntlet.placement.device.Cluster;
import io.gauntlet.placement.device.CostProfiles;
import io.gauntlet.placement.device.DeviceType;
import io.gauntlet.placement.device.LinkType;
import io.gauntlet.placement.env.Fixtures;
import io.gauntlet.placement.env.PlacementEnv;
import io.gauntlet.placement.env.PlacementGraph;
import io.gauntlet.placement.graph.Graph;
import io.gauntlet.placement.graph.GraphBuilder;
import io.gauntlet.placement.graph.Grouping;
import io.gauntlet.placement.sim.Simulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The learned placers on tasks whose best placement is known. */
class LearnedPlacersTest {
    @TempDir Path tmp;

    /** A task of one graph, registered (a run's directory is read back through the registry). */
    static synchronized EnvSpec task(String id, PlacementGraph pg) {
        EnvSpec spec = new EnvSpec(id, "test", 0, () -> new PlacementEnv(pg));
        if (EnvRegistry.all().stream().noneMatch(s -> s.id().equals(id))) EnvRegistry.register(spec);
        return EnvRegistry.spec(id);
    }

    static <A extends Record> RunConfig config(EnvSpec env, AlgorithmSpec<A> algo, Map<String, String> set, long seed, long steps) {
        return new RunConfig(env, algo, algo.resolve(new Discrete(2), set), seed, steps);
    }

    /** src → branches of 3, 4, 5 GFLOP → join, on 3 unit devices: 243 placements. */
    static PlacementGraph threeBranches() {
        GraphBuilder b = new GraphBuilder("three-branches");
        b.add(Fixtures.op("src", 1, 1_000_000, 0));
        b.add(Fixtures.op("a", 3, 1_000_000, 0), "src");
        b.add(Fixtures.op("b", 4, 1_000_000, 0), "src");
        b.add(Fixtures.op("c", 5, 1_000_000, 0), "src");
        b.add(Fixtures.op("join", 1, 8, 0), "a", "b", "c");
        return Fixtures.ungrouped(b.build(), 3, 1L << 40);
    }

    /** The least step time over every placement, by enumeration. */
    static double optimum(PlacementGraph pg) {
        Simulator sim = pg.newSimulator();
        int n = pg.groups(), d = pg.devices();
        int[] p = new int[n];
        double best = Double.POSITIVE_INFINITY;
        for (int code = 0; code < Math.pow(d, n); code++) {
            for (int g = 0, c = code; g < n; g++, c /= d) p[g] = c % d;
            double t = sim.run(pg.grouping().expand(p));
            if (sim.feasible()) best = Math.min(best, t);
        }
        return best;
    }

    @Test
    void theMovingAverageBaselineStartsAtTheFirstMeanAndDecays() {
        MovingAverageBaseline b = new MovingAverageBaseline(0.9);
        double[] adv = new double[2];
        b.advantages(new double[] {-2, -4}, 2, adv);
        assertArrayEquals(new double[] {1, -1}, adv, 0);
        assertEquals(-3, b.value(), 0);
        b.advantages(new double[] {-1, -1}, 2, adv);
        assertArrayEquals(new double[] {2, 2}, adv, 0);
        assertEquals(0.9 * -3 + 0.1 * -1, b.value(), 1e-15);
    }

    @Test
    void reinforceWithTheBaselineSolvesABanditOfDevices() throws IOException {
        // one op of 1 GFLOP on devices of 1, 2 and 4 GFLOP/s: a 3-armed bandit whose best arm is the fastest device
        List<Cluster.Device> ds = List.of(device("slow", 1e9), device("fast", 4e9), device("medium", 2e9));
        LinkType[][] links = new LinkType[3][3];
        for (LinkType[] row : links) Arrays.fill(row, new LinkType("test", "test", 1e9, 1e-3));
        Cluster c = new Cluster("bandit", "test", ds, links, CostProfiles.ROOFLINE);
        GraphBuilder b = new GraphBuilder("one-op");
        b.add(Fixtures.op("op", 1, 8, 0));
        Graph g = b.build();
        PlacementGraph pg = new PlacementGraph(g, c, c.profile(), Grouping.identity(g));
        Path dir = tmp.resolve("bandit");
        Harness.run(config(task("Bandit-v0", pg), Seq2SeqPlacer.SPEC,
                Map.of("samples", "16", "logit_noise", "0", "exploration", "0", "device_prior", "false"), 1, 16 * 60), dir, null);
        ProgressCsv.Table t = ProgressCsv.read(dir.resolve(ProgressCsv.FILE));
        double[] mean = t.column("StepTime");
        assertTrue(mean[0] > 0.4, "starts uniform: mean of 1, 0.25 and 0.5 s is 0.58 s, got " + mean[0]);
        assertEquals(0.25, mean[mean.length - 1], 0.25 * 0.02, "ends on the fastest device");
    }

    private static Cluster.Device device(String name, double flops) {
        return new Cluster.Device(name, new DeviceType(name, "gpu", "test", flops, 1e12, 1L << 40, 1.0, false));
    }

    @Test
    void seq2seqFindsTheBestPlacementOfASmallGraph() throws IOException {
        PlacementGraph pg = threeBranches();
        double best = optimum(pg);
        assertEquals(1 + 5 + 1, best, 1e-9, "by hand: the longest branch with src and join, the others on their own devices");
        Path dir = tmp.resolve("seq2seq");
        Harness.run(config(task("ThreeBranches-v0", pg), Seq2SeqPlacer.SPEC,
                Map.of("samples", "16", "logit_noise", "0", "exploration", "0"), 2, 5 * 16 * 150), dir, null);
        BestPlacement found = BestPlacement.from(TrainedRun.load(dir).state());
        assertEquals(best, found.stepTime(), 1e-12);
        double[] mean = ProgressCsv.read(dir.resolve(ProgressCsv.FILE)).column("StepTime");
        assertEquals(best, mean[mean.length - 1], 0.02 * best, "the policy has learnt it, not just met it");
    }

    @Test
    void gnnFindsTheBestPlacementOfASmallGraph() throws IOException {
        PlacementGraph pg = threeBranches();
        double best = optimum(pg);
        Path dir = tmp.resolve("gnn");
        Harness.run(config(task("ThreeBranches-v0", pg), GnnPlacer.SPEC, Map.of(), 2, 5 * 16 * 150), dir, null);
        assertEquals(best, BestPlacement.from(TrainedRun.load(dir).state()).stepTime(), 1e-12);
        double[] greedy = ProgressCsv.read(dir.resolve(ProgressCsv.FILE)).column("GreedyStepTime");
        assertEquals(best, greedy[greedy.length - 1], 1e-3 * best, "the policy's most likely placement is as good, to a transfer");
    }

    @Test
    void bothFindTheBestPlacementOfAGraphThatDoesNotFitOnOneDevice() throws IOException {
        // four ops of 1 GB parameters on three devices of 2.5 GB: at most two ops a device
        PlacementGraph pg = Fixtures.ungrouped(Fixtures.forkJoin(1_000_000_000L), 3, 2_500_000_000L);
        double best = optimum(pg);
        double roomy = optimum(Fixtures.ungrouped(Fixtures.forkJoin(1_000_000_000L), 3, 1L << 40));
        assertTrue(best > roomy + 1e-4, "memory binds: " + best + " against " + roomy + " with room");
        EnvSpec env = task("ForkJoinTight-v0", pg);
        for (AlgorithmSpec<?> algo : List.<AlgorithmSpec<?>>of(Seq2SeqPlacer.SPEC, GnnPlacer.SPEC)) {
            Path dir = tmp.resolve("tight-" + algo.id());
            Harness.run(config(env, algo, Map.of(), 3, 4 * 32 * 60), dir, null);
            BestPlacement found = BestPlacement.from(TrainedRun.load(dir).state());
            assertTrue(found.feasible(), algo.id());
            assertEquals(best, found.stepTime(), 1e-12, algo.id());
        }
    }

    @Test
    void theSameSeedGivesTheSameCurveAndPlacement() throws IOException {
        PlacementGraph pg = threeBranches();
        for (RunConfig c : List.of(config(task("ThreeBranches-v0", pg), Seq2SeqPlacer.SPEC, Map.of("samples", "8"), 3, 5 * 8 * 20),
                config(task("ThreeBranches-v0", pg), GnnPlacer.SPEC, Map.of("episodes", "8"), 3, 5 * 8 * 20))) {
            String algo = c.algorithm().id();
            Path a = tmp.resolve(algo + "-a"), b = tmp.resolve(algo + "-b");
            Harness.run(c, a, null);
            Harness.run(c, b, null);
            assertEquals(ProgressCsv.withoutTimeColumns(a.resolve(ProgressCsv.FILE)), ProgressCsv.withoutTimeColumns(b.resolve(ProgressCsv.FILE)), algo);
            assertArrayEquals(TrainedRun.load(a).state().get("policy"), TrainedRun.load(b).state().get("policy"), algo);
            assertArrayEquals(TrainedRun.load(a).state().get(BestPlacement.NAME), TrainedRun.load(b).state().get(BestPlacement.NAME), algo);
            assertTrue(Files.exists(a.resolve("result.json")));
        }
    }

    @Test
    void fineTuningStartsFromAnotherRunsPolicy() throws IOException {
        PlacementGraph pg = threeBranches();
        EnvSpec env = task("ThreeBranches-v0", pg);
        Path pre = tmp.resolve("pre");
        Harness.run(config(env, GnnPlacer.SPEC, Map.of("episodes", "8"), 4, 5 * 8 * 10), pre, null);
        Path fine = tmp.resolve("fine");
        Map<String, String> set = Map.of("episodes", "8", "init_from", pre.toString());
        Harness.run(config(env, GnnPlacer.SPEC, set, 5, 5 * 8), fine, null);
        // row 0 of the fine-tuning run is the greedy placement of the policy it started from: the pre-trained one
        GnnPlacer.Network net = new GnnPlacer.Network(GnnPlacer.SPEC.resolve(new Discrete(3), set), 3);
        net.state().restore(TrainedRun.load(pre).state().get("policy"));
        double greedy = GnnPlacer.greedyStepTime(net, new PlacementEnv(pg), new double[][][] {GraphNetwork.inputs(pg)},
                new io.gauntlet.core.distributions.Categorical(3), true);
        assertEquals(greedy, ProgressCsv.read(fine.resolve(ProgressCsv.FILE)).column("GreedyStepTime")[0], 0);
        assertThrows(io.gauntlet.core.BadInputException.class, () -> Harness.run(
                config(env, GnnPlacer.SPEC, Map.of("init_from", tmp.resolve("missing").toString()), 5, 40), tmp.resolve("bad"), null));
    }
}
