package io.gauntlet.benchmarks.jmh;

import io.gauntlet.core.SideThread;
import io.gauntlet.core.nn.Gemm;
import io.gauntlet.core.random.Rng;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
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
 * The dense layers' kernel ({@link Gemm}) on the shapes RL uses, in GFLOP/s: a layer of {@code in → out} units on a
 * batch of {@code batch} rows, written {@code batch×in×out}, as its three products (each 2·batch·in·out floating-point
 * operations):
 * <ul>
 *   <li>{@code forward}: y = x·W, C (batch × out) += A (batch × in) · B (in × out);</li>
 *   <li>{@code inputGradient}: δx = δ·Wᵀ, C (batch × in) += A (batch × out) · B (out × in);</li>
 *   <li>{@code weightGradient}: δW = xᵀ·δ, C (in × out) += A (in × batch) · B (batch × out).</li>
 * </ul>
 * {@code path}: {@code fused-vector} (the Vector API tiles), {@code fused-plain} (the same sums in loops C2
 * vectorises), {@code grouped} (the on-policy methods' order). {@code threads} 2 splits the rows with a second
 * thread, as a network does with {@code threads=2}. The {@code flops} counter is the rate: read it as GFLOP/s after
 * dividing by 1e9 (JMH prints ops/s). Run in a quiet window:
 * <pre>
 * ./gauntlet bench DenseBenchmark -p shape=256x256x256 -wi 3 -i 5 -f 1
 * ./gauntlet bench DenseBenchmark -wi 3 -i 5 -f 1 -rf json -rff dense.json      # every combination, about 20 minutes
 * </pre>
 * The same shapes in PyTorch: {@code tools/pytorch_peer.sh gemm}; against OpenBLAS through ND4J:
 * {@code tools/nd4j-bench.sh GemmVsNd4jBenchmark}. Figures in docs/performance.md.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DenseBenchmark extends ShortRuns {

    @State(Scope.Thread)
    public static class Shape {
        /** batch × in × out: CleanRL's 256-256 critics at batch 256, the first and last layers, and larger and smaller. */
        @Param({"256x256x256", "256x23x256", "256x256x1", "1x256x256", "64x64x64", "128x64x64", "1024x256x256", "4096x256x256",
                "256x1024x1024", "256x400x300"})
        public String shape;

        @Param({"forward", "inputGradient", "weightGradient"})
        public String kernel;

        @Param({"fused-vector", "fused-plain", "grouped"})
        public String path;

        @Param({"1", "2"})
        public int threads;

        int m, n, p;
        double[][] c, a, b;
        Gemm.Summation summation;
        boolean vectorApi;
        SideThread<Void> side;

        @Setup(Level.Trial)
        public void setUp() {
            String[] d = shape.split("x");
            int batch = Integer.parseInt(d[0]), in = Integer.parseInt(d[1]), out = Integer.parseInt(d[2]);
            switch (kernel) {
                case "forward" -> { m = batch; p = in; n = out; }
                case "inputGradient" -> { m = batch; p = out; n = in; }
                case "weightGradient" -> { m = in; p = batch; n = out; }
                default -> throw new IllegalArgumentException(kernel);
            }
            Rng rng = new Rng(1);
            c = rows(rng, m, n, 0.0);
            a = rows(rng, m, p, 1.0);
            b = rows(rng, p, n, 1.0 / Math.sqrt(p));
            summation = path.equals("grouped") ? Gemm.Summation.GROUPS_OF_FOUR : Gemm.Summation.FUSED;
            vectorApi = path.equals("fused-vector");
            if (vectorApi && !Gemm.VECTOR_API) throw new IllegalStateException("the fork lacks --add-modules jdk.incubator.vector");
            side = new SideThread<>("dense-benchmark", threads > 1);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            side.close();
        }

        private static double[][] rows(Rng rng, int rows, int cols, double scale) {
            double[][] x = new double[rows][cols];
            for (double[] r : x) for (int i = 0; i < cols; i++) r[i] = scale * rng.nextGaussian();
            return x;
        }
    }

    /** Floating-point operations done, reported by JMH as a rate. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Flops {
        public long flops;

        @Setup(Level.Iteration)
        public void reset() {
            flops = 0;
        }
    }

    @Benchmark
    public double[][] product(Shape s, Flops f) throws Exception {
        if (s.threads > 1 && s.m >= 8) {
            int half = (s.m / 2) & ~3;
            s.side.submit(() -> {
                Gemm.multiplyAdd(s.summation, s.c, s.a, s.b, half, s.m, s.n, s.p, s.vectorApi);
                return null;
            });
            Gemm.multiplyAdd(s.summation, s.c, s.a, s.b, 0, half, s.n, s.p, s.vectorApi);
            s.side.join();
        } else {
            Gemm.multiplyAdd(s.summation, s.c, s.a, s.b, 0, s.m, s.n, s.p, s.vectorApi);
        }
        f.flops += 2L * s.m * s.n * s.p;
        return s.c;
    }
}
