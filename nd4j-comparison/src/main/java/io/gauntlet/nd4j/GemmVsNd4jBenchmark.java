package io.gauntlet.nd4j;

import io.gauntlet.benchmarks.jmh.DenseBenchmark;
import io.gauntlet.benchmarks.jmh.ShortRuns;
import io.gauntlet.core.nn.Gemm;
import io.gauntlet.core.random.Rng;
import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A dense layer's forward product {@code C += A·B} ({@code batch × in} by {@code in × out}) in Gauntlet's fused
 * kernel and in OpenBLAS's dgemm and sgemm through ND4J, on the shapes of {@code DenseBenchmark}: whether a BLAS (or
 * float32) would pay for the large shapes. The {@code flops} counter is the rate (GFLOP/s after dividing by 1e9).
 * {@code tools/nd4j-bench.sh GemmVsNd4jBenchmark -wi 3 -i 5 -f 1} (one OpenMP thread unless OMP_NUM_THREADS says
 * otherwise); figures in docs/performance.md.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class GemmVsNd4jBenchmark extends ShortRuns {

    @State(Scope.Thread)
    public static class Shape {
        @Param({"256x256x256", "256x23x256", "256x256x1", "1x256x256", "64x64x64", "1024x256x256", "4096x256x256", "256x1024x1024"})
        public String shape;

        int m, p, n;
        double[][] c, a, b;
        INDArray ndA, ndB, ndC, ndAf, ndBf, ndCf;

        @Setup(Level.Trial)
        public void setUp() {
            String[] d = shape.split("x");
            m = Integer.parseInt(d[0]);
            p = Integer.parseInt(d[1]);
            n = Integer.parseInt(d[2]);
            Rng rng = new Rng(1);
            c = new double[m][n];
            a = new double[m][p];
            b = new double[p][n];
            for (double[] r : a) for (int i = 0; i < p; i++) r[i] = rng.nextGaussian();
            for (double[] r : b) for (int i = 0; i < n; i++) r[i] = rng.nextGaussian() / Math.sqrt(p);
            ndA = Nd4j.create(a);
            ndB = Nd4j.create(b);
            ndC = Nd4j.zeros(DataType.DOUBLE, m, n);
            ndAf = ndA.castTo(DataType.FLOAT);
            ndBf = ndB.castTo(DataType.FLOAT);
            ndCf = Nd4j.zeros(DataType.FLOAT, m, n);
        }
    }

    @Benchmark
    public double[][] gauntletFused(Shape s, DenseBenchmark.Flops f) {
        Gemm.multiplyAdd(Gemm.Summation.FUSED, s.c, s.a, s.b, 0, s.m, s.n, s.p);
        f.flops += 2L * s.m * s.n * s.p;
        return s.c;
    }

    @Benchmark
    public INDArray nd4jDouble(Shape s, DenseBenchmark.Flops f) {
        Nd4j.gemm(s.ndA, s.ndB, s.ndC, false, false, 1.0, 1.0);
        f.flops += 2L * s.m * s.n * s.p;
        return s.ndC;
    }

    @Benchmark
    public INDArray nd4jFloat(Shape s, DenseBenchmark.Flops f) {
        Nd4j.gemm(s.ndAf, s.ndBf, s.ndCf, false, false, 1.0, 1.0);
        f.flops += 2L * s.m * s.n * s.p;
        return s.ndCf;
    }
}
