package io.gauntlet.benchmarks.jmh;

import io.gauntlet.core.random.Rng;
import io.gauntlet.placement.device.Cluster;
import io.gauntlet.placement.graph.Graph;
import io.gauntlet.placement.graph.Grouping;
import io.gauntlet.placement.sim.Simulator;
import io.gauntlet.placement.zoo.Zoo;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Simulated training steps per second, one thread: a grouped model (the paper's grouping coarsened to 83
 * groups, as many as the paper's Inception-V3) with a random group placement over the cluster's devices, as
 * an RL placer would query it. A fresh placement every call would measure the RNG; 64 are cycled instead.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class SimulatorBenchmark {
    @Param({"inception-v3", "rnnlm", "nmt"})
    public String model;

    @Param({"1cpu-4k80"})
    public String cluster;

    private Simulator simulator;
    private int[][] placements;
    private int next;

    @Setup
    public void setup() {
        Graph g = Zoo.build(model);
        Cluster c = Cluster.load(cluster);
        simulator = new Simulator(g, c);
        Grouping groups = Grouping.paper(g).coarsen(g, 83);
        Rng rng = new Rng(42);
        placements = new int[64][];
        for (int k = 0; k < placements.length; k++) {
            int[] gp = new int[groups.count()];
            for (int i = 0; i < gp.length; i++) gp[i] = 1 + rng.nextInt(c.size() - 1);
            placements[k] = groups.expand(gp);
        }
    }

    @Benchmark
    public double simulateStep() {
        int[] p = placements[next];
        next = (next + 1) & 63;
        return simulator.simulate(p).stepTime();
    }
}
