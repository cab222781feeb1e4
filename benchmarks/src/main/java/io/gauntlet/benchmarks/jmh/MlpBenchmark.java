package io.gauntlet.benchmarks.jmh;

import io.gauntlet.core.nn.Init;
import io.gauntlet.core.nn.Mlp;
import io.gauntlet.core.random.Rng;
import java.util.Arrays;
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

/**
 * {@link Mlp}'s kernels on the project's real layer sizes:
 * <ul>
 *   <li>{@code act}: one observation through 4-64-64-2 (CartPole) and 17-64-64-6 (locomotion), the per-step
 *       acting path;</li>
 *   <li>{@code train}: forward + backward (parameter gradients) of a batch: 17-64-64-6 at 128 and 512 rows
 *       (PPO minibatches) and rllab's 17-100-50-25-6 at 50,000 rows (a TRPO batch).</li>
 * </ul>
 * {@code ./gauntlet bench MlpBenchmark -wi 2 -i 3 -f 1}; the same shapes against ND4J are in the nd4j-comparison
 * module ({@code tools/nd4j-bench.sh MlpVsNd4jBenchmark}); figures in docs/performance.md.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MlpBenchmark extends ShortRuns {

    /** One observation. */
    @State(Scope.Thread)
    public static class Act {
        @Param({"4,64,64,2", "17,64,64,6"})
        public String sizes;

        Mlp mlp;
        double[] obs;

        @Setup(Level.Trial)
        public void setUp() {
            mlp = network(parseSizes(sizes));
            obs = randomInputs(1, mlp.inputDim());
        }
    }

    /** A batch, written {@code sizes@rows}. */
    @State(Scope.Thread)
    public static class Train {
        @Param({"17,64,64,6@128", "17,64,64,6@512", "17,100,50,25,6@50000"})
        public String shape;

        Mlp mlp;
        int n;
        double[] x;
        double[] dOut;

        @Setup(Level.Trial)
        public void setUp() {
            String[] parts = shape.split("@");
            n = Integer.parseInt(parts[1]);
            mlp = network(parseSizes(parts[0]));
            x = randomInputs(n, mlp.inputDim());
            dOut = randomInputs(n, mlp.outputDim());
        }
    }

    @Benchmark
    public double[] act(Act s) {
        return s.mlp.forward(s.obs);
    }

    @Benchmark
    public double[] train(Train s) {
        return gradients(s.mlp, s.x, s.dOut, s.n);
    }

    // -------------------------------------------------------------------------------------------------------

    /** The training step measured: forward and backward of {@code n} rows {@code x} from the output gradient {@code dOut}. */
    public static double[] gradients(Mlp mlp, double[] x, double[] dOut, int n) {
        mlp.zeroGradients();
        mlp.forwardBatch(x, n);
        mlp.backwardBatch(dOut, n, null);
        return mlp.gradients();
    }

    public static int[] parseSizes(String s) {
        return Arrays.stream(s.split(",")).mapToInt(Integer::parseInt).toArray();
    }

    /** An MLP of these sizes with fixed, non-trivial weights (orthogonal, small random biases). */
    public static Mlp network(int[] sizes) {
        Mlp mlp = new Mlp(sizes, Mlp.Activation.TANH);
        Init.orthogonal(mlp, new Rng(1), Math.sqrt(2), 0.01);
        Rng r = new Rng(2);
        for (int l = 0; l < mlp.numLayers(); l++) {
            for (int j = 0; j < sizes[l + 1]; j++) mlp.params()[mlp.biasOffset(l) + j] = r.uniform(-0.1, 0.1);
        }
        return mlp;
    }

    public static double[] randomInputs(int n, int dim) {
        Rng r = new Rng(3);
        double[] x = new double[n * dim];
        for (int i = 0; i < x.length; i++) x[i] = r.nextGaussian();
        return x;
    }
}
