package io.gauntlet.placement.sim;

import io.gauntlet.placement.device.Cluster;
import io.gauntlet.placement.device.CostProfiles;
import io.gauntlet.placement.device.DeviceType;
import io.gauntlet.placement.device.LinkType;
import io.gauntlet.placement.graph.Graph;
import io.gauntlet.placement.graph.GraphBuilder;
import io.gauntlet.placement.graph.Grouping;
import io.gauntlet.placement.graph.Op;
import io.gauntlet.placement.graph.Phase;
import io.gauntlet.placement.zoo.Zoo;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The simulator against schedules computed by hand. */
class SimulatorTest {
    /** 1 GFLOP/s and 1 TB/s: compute-bound unless an op moves a lot of bytes. */
    static DeviceType unit(long capacity) {
        return new DeviceType("unit", "gpu", "test", 1e9, 1e12, capacity, 1.0, false);
    }

    static final LinkType LINK = new LinkType("test", "1 GB/s, 1 ms", 1e9, 1e-3);

    static Cluster cluster(int devices, long capacity) {
        List<Cluster.Device> ds = new java.util.ArrayList<>();
        for (int d = 0; d < devices; d++) ds.add(new Cluster.Device("d" + d, unit(capacity)));
        LinkType[][] links = new LinkType[devices][devices];
        for (LinkType[] row : links) Arrays.fill(row, LINK);
        return new Cluster("test", "test", ds, links);
    }

    static Op op(String name, double gflops, long outBytes, long paramBytes) {
        return new Op(name, "Test", Phase.FORWARD, gflops * 1e9, 0, 0, new long[0], outBytes, paramBytes, null, -1);
    }

    @Test
    void chainOnOneDeviceTakesTheSumOfOpTimes() {
        GraphBuilder b = new GraphBuilder("chain");
        b.add(op("a", 2, 8, 0));
        b.add(op("b", 1, 8, 0), "a");
        b.add(op("c", 3, 8, 0), "b");
        SimResult r = new Simulator(b.build(), cluster(2, 1L << 40)).simulate(new int[] {1, 1, 1});
        assertEquals(6.0, r.stepTime(), 1e-12);
        assertEquals(6.0, r.busyTime()[1], 1e-12);
        assertEquals(0.0, r.busyTime()[0]);
        assertEquals(0, r.transfers());
    }

    @Test
    void transferTakesLatencyPlusBytesOverBandwidth() {
        GraphBuilder b = new GraphBuilder("pair");
        b.add(op("a", 1, 2_000_000, 0));
        b.add(op("b", 1, 8, 0), "a");
        SimResult r = new Simulator(b.build(), cluster(2, 1L << 40)).simulate(new int[] {0, 1});
        // 1 s + (1 ms + 2 MB / 1 GB/s = 3 ms) + 1 s
        assertEquals(2.003, r.stepTime(), 1e-12);
        assertEquals(1, r.transfers());
        assertEquals(2_000_000, r.transferBytes());
    }

    @Test
    void twoBranchesOnTwoDevicesTakeTheSlowerBranchPlusTransfers() {
        GraphBuilder b = new GraphBuilder("fork-join");
        b.add(op("src", 1, 1_000_000, 0));
        b.add(op("left", 3, 1_000_000, 0), "src");
        b.add(op("right", 5, 4_000_000, 0), "src");
        b.add(op("join", 1, 8, 0), "left", "right");
        SimResult r = new Simulator(b.build(), cluster(2, 1L << 40)).simulate(new int[] {0, 0, 1, 0});
        // right branch: 1 (src) + 0.002 (send 1 MB) + 5 + 0.005 (send 4 MB back) = 6.007, then join 1 s;
        // left branch finishes at 4, so join waits for the right one
        assertEquals(7.007, r.stepTime(), 1e-12);
        assertEquals(2, r.transfers());
        assertEquals(5, r.busyTime()[0], 1e-12);
        assertEquals(5, r.busyTime()[1], 1e-12);
    }

    @Test
    void aTensorIsSentToADeviceOnlyOnce() {
        GraphBuilder b = new GraphBuilder("fan-out");
        b.add(op("a", 1, 1_000_000, 0));
        for (int k = 0; k < 3; k++) b.add(op("c" + k, 1, 8, 0), "a");
        SimResult r = new Simulator(b.build(), cluster(2, 1L << 40)).simulate(new int[] {0, 1, 1, 1});
        assertEquals(1, r.transfers());
        assertEquals(1_000_000, r.transferBytes());
        assertEquals(1 + 0.002 + 3, r.stepTime(), 1e-12);
    }

    @Test
    void transfersOnOneLinkAreSerialised() {
        GraphBuilder b = new GraphBuilder("two-senders");
        b.add(op("a", 1, 10_000_000, 0));
        b.add(op("b", 1, 10_000_000, 0));
        b.add(op("c", 0, 8, 0), "a", "b");
        Simulator sim = new Simulator(b.build(), cluster(3, 1L << 40));
        // a and b on different devices: both transfers to d2 run in parallel on separate links, 11 ms each
        assertEquals(1.011, sim.simulate(new int[] {0, 1, 2}).stepTime(), 1e-12);
        // a and b on d0 one after the other: the second transfer queues behind the first on link d0→d2
        // a ends at 1, b at 2; a's transfer 1 → 1.011; b's 2 → 2.011
        assertEquals(2.011, sim.simulate(new int[] {0, 0, 2}).stepTime(), 1e-12);
        // both outputs ready at the same time on one link: c starts after 2 × 11 ms
        GraphBuilder b2 = new GraphBuilder("same-time");
        b2.add(op("s", 1, 8, 0));
        b2.add(op("a", 0, 10_000_000, 0), "s");
        b2.add(op("c", 0, 8, 0), "s", "a");
        SimResult r = new Simulator(b2.build(), cluster(2, 1L << 40)).simulate(new int[] {0, 0, 1});
        // s's 8-byte tensor leaves at 1 s (1.000000008 + 1 ms), a's 10 MB waits for the link: ends 1.001000008 + 0.011
        assertEquals(1 + (1e-3 + 8e-9) + (1e-3 + 1e-2), r.stepTime(), 1e-12);
    }

    @Test
    void rooflineUsesTheSlowerOfComputeAndMemory() {
        Op memoryBound = new Op("m", "Test", Phase.FORWARD, 1e6, 3_000_000_000L, 1_000_000_000L, new long[0], 0, 0, null, -1);
        // 1e6 FLOP at 1 GFLOP/s = 1 ms; 4 GB at 1 TB/s = 4 ms
        assertEquals(4e-3, CostProfiles.ROOFLINE.opTime(memoryBound, unit(1)), 1e-15);
        Op computeBound = new Op("c", "Test", Phase.FORWARD, 1e10, 1000, 1000, new long[0], 0, 0, null, -1);
        assertEquals(10.0, CostProfiles.ROOFLINE.opTime(computeBound, unit(1)), 1e-12);
    }

    /** a(10 B) → b(20 B, 100 B parameters) → c(30 B) on one device. */
    static Graph knownSchedule() {
        GraphBuilder b = new GraphBuilder("memory");
        b.add(op("a", 1, 10, 0));
        b.add(op("b", 1, 20, 100), "a");
        b.add(op("c", 1, 30, 0), "b");
        return b.build();
    }

    @Test
    void peakMemoryOfAKnownSchedule() {
        // parameters 100 resident; a runs: 110; b runs while a is alive: 130; a freed after b: 120;
        // c runs while b is alive: 150; then b and c freed: 100. Peak 150.
        SimResult r = new Simulator(knownSchedule(), cluster(1, 1000)).simulate(new int[] {0, 0, 0});
        assertEquals(150, r.peakMemory()[0]);
        // split over two devices: d0 holds a (10), then the copy of b... d1 holds parameters 100 + a's copy 10
        // + b 20 = 130, then c 30 while b alive: 100 + 20 + 30 = 150 (a freed after b), d0: a = 10
        SimResult split = new Simulator(knownSchedule(), cluster(2, 1000)).simulate(new int[] {0, 1, 1});
        assertEquals(10, split.peakMemory()[0]);
        assertEquals(150, split.peakMemory()[1]);
    }

    @Test
    void outOfMemoryExactlyAboveCapacity() {
        assertFalse(new Simulator(knownSchedule(), cluster(1, 150)).simulate(new int[] {0, 0, 0}).anyOom());
        SimResult r = new Simulator(knownSchedule(), cluster(1, 149)).simulate(new int[] {0, 0, 0});
        assertTrue(r.oom()[0]);
        assertEquals(3.0, r.stepTime(), 1e-12); // still timed
    }

    @Test
    void variableOutputAliasesItsParameters() {
        GraphBuilder b = new GraphBuilder("var");
        b.add(new Op("w", Op.VARIABLE, Phase.FORWARD, 0, 0, 0, new long[] {25}, 100, 300, null, -1));
        b.add(op("use", 1, 10, 0), "w");
        Simulator sim = new Simulator(b.build(), cluster(2, 1000));
        assertEquals(310, sim.simulate(new int[] {0, 0}).peakMemory()[0]);
        SimResult remote = sim.simulate(new int[] {0, 1});
        assertEquals(300, remote.peakMemory()[0]);
        assertEquals(110, remote.peakMemory()[1]); // the copy of the weights plus the output
    }

    @Test
    void inferenceOnlyDeviceAndSplitColocationAreInvalid() {
        GraphBuilder b = new GraphBuilder("train");
        b.add(op("f", 1, 8, 0));
        b.add(new Op("g", "Grad", Phase.BACKWARD, 1e9, 0, 0, new long[0], 8, 0, "f", -1), "f");
        DeviceType tpu = new DeviceType("tpu", "tpu", "test", 1e9, 1e12, 1000, 1, true);
        LinkType[][] links = {{LINK, LINK}, {LINK, LINK}};
        Cluster c = new Cluster("t", "t", List.of(new Cluster.Device("gpu", unit(1000)), new Cluster.Device("tpu", tpu)), links);
        Simulator sim = new Simulator(b.build(), c);
        assertFalse(sim.simulate(new int[] {1, 1}).valid());
        assertFalse(sim.simulate(new int[] {0, 1}).valid());
        assertFalse(sim.simulate(new int[] {1, 0}).valid());
        assertTrue(sim.simulate(new int[] {0, 0}).valid());
    }

    @Test
    void deterministicAndReusable() {
        Graph g = Zoo.build("inception-v3");
        Simulator sim = new Simulator(g, Cluster.load("1cpu-4k80"));
        int[] p = new int[g.size()];
        for (int i = 0; i < p.length; i++) p[i] = 1 + (g.op(i).stage() < 0 ? 0 : g.op(i).stage());
        for (int i = 0; i < p.length; i++) if (g.colocatedWith(i) >= 0) p[i] = p[g.colocatedWith(i)];
        SimResult a = sim.simulate(p);
        int[] all = new int[g.size()];
        Arrays.fill(all, 1);
        sim.simulate(all);
        SimResult b = sim.simulate(p);
        assertEquals(a.stepTime(), b.stepTime());
        assertArrayEquals(a.peakMemory(), b.peakMemory());
        assertEquals(a.transferBytes(), b.transferBytes());
        // one GPU: every op runs back to back, the step time is the sum of op times
        double sum = 0;
        for (int i = 0; i < g.size(); i++) sum += sim.opTime(i, 1);
        assertEquals(sum, sim.simulate(all).stepTime(), 1e-9 * sum);
    }

    @Test
    void runAllocatesNothingPerStep() {
        Graph g = Zoo.build("inception-v3");
        Simulator sim = new Simulator(g, Cluster.load("1cpu-4k80"));
        Grouping groups = Grouping.paper(g);
        int[][] groupPlacements = new int[16][groups.count()];
        long x = 42;
        for (int[] gp : groupPlacements)
            for (int k = 0; k < gp.length; k++) {
                x = x * 6364136223846793005L + 1442695040888963407L;
                gp[k] = 1 + (int) ((x >>> 33) % 4); // a GPU
            }
        int[] placement = new int[g.size()];
        for (int[] gp : groupPlacements) sim.run(groups.expandInto(gp, placement)); // warm up
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        double sum = 0;
        for (int k = 0; k < 200; k++) sum += sim.run(groups.expandInto(groupPlacements[k % 16], placement));
        long allocated = threads.getThreadAllocatedBytes(id) - before;
        assertTrue(sum > 0);
        assertTrue(allocated < 1024, allocated + " bytes allocated in 200 simulated steps");
        assertEquals(sim.run(placement), sim.simulate(placement).stepTime());
        assertEquals(sim.peakMemory(2), sim.simulate(placement).peakMemory()[2]);
    }
}
