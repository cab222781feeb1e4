package io.gauntlet.benchmarks.jmh;

import io.gauntlet.core.random.Rng;
import io.gauntlet.placement.device.Cluster;
import io.gauntlet.placement.device.CostProfiles;
import io.gauntlet.placement.graph.Graph;
import io.gauntlet.placement.graph.Grouping;
import io.gauntlet.placement.sim.Simulator;
import io.gauntlet.placement.zoo.Zoo;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;


/**
 * Simulated training steps per second, one thread: a grouped model (the paper's grouping coarsened to 83
 * groups, as many as the paper's Inception-V3) with a random group placement over the cluster's GPUs, expanded
 * to ops and simulated without allocating, as a placement environment queries it. A fresh placement every call
 * would measure the RNG; 64 are cycled instead.
 */
public class SimulatorBenchmark extends StepsPerSecond {
    @Param({"inception-v3", "rnnlm", "nmt"})
    public String model;

    @Param({"1cpu-4k80"})
    public String cluster;

    @Param({"tf2017-k80", "roofline"})
    public String profile;

    private Simulator simulator;
    private Grouping groups;
    private int[][] groupPlacements;
    private int[] placement;
    private int next;

    @Setup
    public void setup() {
        Graph g = Zoo.build(model);
        Cluster c = Cluster.load(cluster);
        simulator = new Simulator(g, c, CostProfiles.get(profile));
        groups = Grouping.paper(g).coarsen(g, 83);
        Rng rng = new Rng(42);
        groupPlacements = new int[64][groups.count()];
        for (int[] gp : groupPlacements)
            for (int i = 0; i < gp.length; i++) gp[i] = 1 + rng.nextInt(c.size() - 1);
        placement = new int[g.size()];
    }

    @Benchmark
    public double simulateStep() {
        int[] gp = groupPlacements[next];
        next = (next + 1) & 63;
        return simulator.run(groups.expandInto(gp, placement));
    }
}
