package io.gauntlet.benchmarks.jmh;

import io.gauntlet.algorithms.ReplayBuffer;
import io.gauntlet.algorithms.Sac;
import io.gauntlet.algorithms.Td3;
import io.gauntlet.core.SideThread;
import io.gauntlet.core.env.Box;
import io.gauntlet.core.random.Rng;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One gradient step of TD3 and SAC with CleanRL's networks (256-256 ReLU, batch 256) on a replay buffer of random
 * transitions, what {@code train} does per environment step once learning: the side-by-side figure against
 * {@code tools/pytorch_peer.sh update} (the same step in PyTorch, as CleanRL's scripts write it).
 * <ul>
 *   <li>{@code td3}: both critics (target smoothing, clipped double-Q), and every second step the actor and the
 *       three targets; the benchmark alternates, so a call averages one critic step and half an actor step;</li>
 *   <li>{@code td3-actor}, {@code td3-critic}: the step with and without the delayed part;</li>
 *   <li>{@code sac}: both critics (soft target), the targets, and every second step two policy and temperature
 *       steps (CleanRL's policy_frequency 2); alternating as for TD3.</li>
 * </ul>
 * {@code task}: Pendulum-v1's sizes (3 observations, 1 action) or HalfCheetah's (17, 6). Run in a quiet window:
 * <pre>
 * ./gauntlet bench UpdateBenchmark -wi 3 -i 5 -f 1
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class UpdateBenchmark extends ShortRuns {

    @State(Scope.Thread)
    public static class Learner {
        @Param({"td3", "td3-actor", "td3-critic", "sac"})
        public String algo;

        @Param({"pendulum", "halfcheetah"})
        public String task;

        @Param({"1", "2"})
        public int threads;

        Td3.Learner td3;
        Sac.Learner sac;
        ReplayBuffer rb;
        Rng sampleRng = new Rng(2), noiseRng = new Rng(3);
        SideThread<Void> side;
        long t;

        @Setup(Level.Trial)
        public void setUp() {
            int obsDim = task.equals("pendulum") ? 3 : 17;
            Box box = task.equals("pendulum") ? Box.uniform(1, -2, 2) : Box.uniform(6, -1, 1);
            Map<String, String> settings = Map.of("threads", Integer.toString(threads));
            side = new SideThread<>("update-benchmark", threads > 1);
            if (algo.startsWith("td3")) {
                td3 = new Td3.Learner(obsDim, box, Td3.SPEC.resolve(box, settings), new Rng(1));
                td3.splitWith(side);
            } else {
                sac = new Sac.Learner(obsDim, box, Sac.SPEC.resolve(box, settings), new Rng(1));
                sac.splitWith(side);
            }
            rb = new ReplayBuffer(10_000, obsDim, box.dim());
            Rng r = new Rng(4);
            double[] o = new double[obsDim], a = new double[box.dim()], o2 = new double[obsDim];
            for (int i = 0; i < 10_000; i++) {
                for (int k = 0; k < obsDim; k++) {
                    o[k] = r.nextGaussian();
                    o2[k] = r.nextGaussian();
                }
                for (int k = 0; k < a.length; k++) a[k] = r.uniform(box.low(k), box.high(k));
                rb.add(o, a, r.nextGaussian(), o2, r.nextDouble() < 0.01);
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            side.close();
        }
    }

    @Benchmark
    public long update(Learner s) {
        long t = s.t++;
        switch (s.algo) {
            case "td3" -> s.td3.update(s.rb, s.sampleRng, s.noiseRng, t % 2 == 0);
            case "td3-actor" -> s.td3.update(s.rb, s.sampleRng, s.noiseRng, true);
            case "td3-critic" -> s.td3.update(s.rb, s.sampleRng, s.noiseRng, false);
            default -> s.sac.update(s.rb, s.sampleRng, s.noiseRng, t % 2 == 0, true);
        }
        return t;
    }
}
