package io.gauntlet.placement.sim;

import io.gauntlet.placement.device.Cluster;
import io.gauntlet.placement.device.DeviceType;
import io.gauntlet.placement.device.FrameworkProfile;
import io.gauntlet.placement.device.FrameworkProfile.DeviceCosts;
import io.gauntlet.placement.device.FrameworkProfile.PerKind;
import io.gauntlet.placement.device.LinkType;
import io.gauntlet.placement.graph.Graph;
import io.gauntlet.placement.graph.GraphBuilder;
import io.gauntlet.placement.graph.Op;
import io.gauntlet.placement.graph.Phase;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** A framework cost profile in the simulator, against schedules computed by hand. */
class FrameworkCostsTest {
    /** Efficiency per kind: convolution 1/4, matmul 1/2, LSTM cell 1/10, element-wise 1. */
    static final PerKind EFFICIENCY = new PerKind(0.25, 0.5, 0.1, 1.0);

    static FrameworkProfile profile(double dispatch, double setup, double transferEfficiency, double overhead,
                                    double reserveFraction, long reserveMin) {
        DeviceCosts costs = new DeviceCosts(dispatch, EFFICIENCY, reserveFraction, reserveMin);
        return new FrameworkProfile("test", "test", costs, costs, new PerKind(20, 4, 12, 1), new PerKind(10, 3, 12, 1),
                new PerKind(3, 1, 3.5, 1), overhead, setup, transferEfficiency);
    }

    /** Devices of 1 GFLOP/s and 1 TB/s (so every op here is compute-bound) over 1 GB/s, 1 ms links. */
    static Cluster cluster(int devices, long capacity, FrameworkProfile profile) {
        DeviceType unit = new DeviceType("unit", "gpu", "test", 1e9, 1e12, capacity, 1.0, false);
        LinkType link = new LinkType("test", "1 GB/s, 1 ms", 1e9, 1e-3);
        List<Cluster.Device> ds = new java.util.ArrayList<>();
        for (int d = 0; d < devices; d++) ds.add(new Cluster.Device("d" + d, unit));
        LinkType[][] links = new LinkType[devices][devices];
        for (LinkType[] row : links) Arrays.fill(row, link);
        return new Cluster("test", "test", ds, links, profile);
    }

    static Op op(String name, String type, Phase phase, double gflops, long outBytes, long paramBytes) {
        return new Op(name, type, phase, gflops * 1e9, 0, 0, new long[0], outBytes, paramBytes, null, -1);
    }

    @Test
    void dispatchOverheadOnAChain() {
        GraphBuilder b = new GraphBuilder("chain");
        b.add(op("a", "MatMul", Phase.FORWARD, 1, 8, 0));                 // 4 kernels, 1 GFLOP at 1/2
        b.add(op("b", "Conv2DGradInput", Phase.BACKWARD, 1, 8, 0), "a");  // 10 kernels, 1 GFLOP at 1/4
        b.add(op("c", "AddN", Phase.FORWARD, 1, 8, 0), "b");              // 1 kernel, 1 GFLOP at 1
        Graph g = b.build();
        FrameworkProfile slow = profile(1e-3, 0, 1, 1, 0, 0);
        Simulator sim = new Simulator(g, cluster(2, 1L << 40, slow));
        // (2 + 4 + 1) s of kernels + (4 + 10 + 1) kernels × 1 ms of dispatch
        assertEquals(7 + 15e-3, sim.run(new int[] {1, 1, 1}), 1e-12);
        assertEquals(2 + 4e-3, sim.opTime(0, 1), 1e-12);
        // without dispatch only the kernels remain; the plain roofline (efficiency 1) takes 3 s
        assertEquals(7, new Simulator(g, cluster(2, 1L << 40, profile(0, 0, 1, 1, 0, 0))).run(new int[] {1, 1, 1}), 1e-12);
        assertEquals(3, new Simulator(g, SimulatorTest.cluster(2, 1L << 40)).run(new int[] {1, 1, 1}), 1e-12);
    }

    @Test
    void copySetUpOnTwoBranches() {
        GraphBuilder b = new GraphBuilder("fork-join");
        b.add(op("src", "AddN", Phase.FORWARD, 1, 1_000_000, 0));
        b.add(op("left", "AddN", Phase.FORWARD, 3, 1_000_000, 0), "src");
        b.add(op("right", "AddN", Phase.FORWARD, 5, 4_000_000, 0), "src");
        b.add(op("join", "AddN", Phase.FORWARD, 1, 8, 0), "left", "right");
        // set-up 10 ms instead of the link's 1 ms latency; half the link's 1 GB/s
        Simulator sim = new Simulator(b.build(), cluster(2, 1L << 40, profile(0, 10e-3, 0.5, 1, 0, 0)));
        SimResult r = sim.simulate(new int[] {0, 0, 1, 0});
        // src 1 s; its 1 MB reaches d1 after 10 ms + 2 ms; right 5 s; its 4 MB back after 10 ms + 8 ms; join 1 s.
        // left (1 → 4 s) is off the critical path.
        assertEquals(1 + 0.012 + 5 + 0.018 + 1, r.stepTime(), 1e-12);
        assertEquals(2, r.transfers());
        assertEquals(0.010 + 4_000_000 / 0.5e9, sim.transferTime(2, 1, 0), 1e-15);
        // both branches on one device: no copies, 1 + 3 + 5 + 1 s
        assertEquals(10, sim.run(new int[] {0, 0, 0, 0}), 1e-12);
    }

    /** a (conv, 10 B) → b (element-wise, 20 B, 100 B of parameters) → c (element-wise, 40 B). */
    static Graph memoryChain() {
        GraphBuilder b = new GraphBuilder("memory");
        b.add(op("a", "Conv2D", Phase.FORWARD, 1, 10, 0));
        b.add(op("b", "AddN", Phase.FORWARD, 1, 20, 100), "a");
        b.add(op("c", "AddN", Phase.FORWARD, 1, 40, 0), "b");
        return b.build();
    }

    @Test
    void activationsKeptAndAllocationOverheadSetThePeak() {
        // every byte costs 2: parameters 200; a holds 3 × 10 (its batch-norm intermediates) → 60; b 40; c 80.
        // a runs: 260; b runs while a lives: 300; a freed; c runs while b lives: 200 + 40 + 80 = 320.
        Simulator sim = new Simulator(memoryChain(), cluster(1, 1L << 40, profile(0, 0, 1, 2, 0, 0)));
        sim.run(new int[] {0, 0, 0});
        assertEquals(320, sim.peakMemory(0));
    }

    @Test
    void theFrameworkReserveShrinksUsableMemory() {
        // reserve max(100 B, 5 %): 100 B of 1000, 500 B of 10 000
        FrameworkProfile p = profile(0, 0, 1, 2, 0.05, 100);
        assertEquals(900, new Simulator(memoryChain(), cluster(1, 1000, p)).usableMemory(0));
        assertEquals(9500, new Simulator(memoryChain(), cluster(1, 10_000, p)).usableMemory(0));
        // the 320 B peak fits in 420 - 100 B, not in 419 - 100
        FrameworkProfile fixed = profile(0, 0, 1, 2, 0, 100);
        Simulator fits = new Simulator(memoryChain(), cluster(1, 420, fixed));
        fits.run(new int[] {0, 0, 0});
        assertTrue(fits.feasible());
        Simulator over = new Simulator(memoryChain(), cluster(1, 419, fixed));
        over.run(new int[] {0, 0, 0});
        assertTrue(over.outOfMemory(0));
        assertFalse(over.feasible());
    }

    @Test
    void gradientsAndVariablesHoldNoActivationExtra() {
        FrameworkProfile p = profile(0, 0, 1, 1, 0, 0);
        assertEquals(30, p.heldBytes(op("conv", "Conv2D", Phase.FORWARD, 1, 10, 0)));
        assertEquals(10, p.heldBytes(op("grad", "Conv2DGradInput", Phase.BACKWARD, 1, 10, 0)));
        assertEquals(35, p.heldBytes(op("cell", "LSTMCell", Phase.FORWARD, 1, 10, 0)));
        assertEquals(0, p.heldBytes(new Op("w", Op.VARIABLE, Phase.FORWARD, 0, 0, 0, null, 10, 30, null, -1)));
        assertEquals(0, p.opTime(new Op("w", Op.VARIABLE, Phase.FORWARD, 0, 0, 0, null, 10, 30, null, -1),
                new DeviceType("unit", "gpu", "test", 1e9, 1e12, 1, 1, false)));
    }
}
