package io.gauntlet.nd4j;

import io.gauntlet.benchmarks.jmh.MlpBenchmark;
import io.gauntlet.benchmarks.jmh.ShortRuns;
import io.gauntlet.core.nn.Mlp;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
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
 * {@link Mlp}'s kernels against ND4J (nd4j-native, OpenBLAS, double precision like {@link Mlp}) on the project's
 * real layer sizes, in one JMH run:
 * <ul>
 *   <li>{@code act*}: one observation through 4-64-64-2 (CartPole) and 17-64-64-6 (locomotion), the per-step
 *       acting path;</li>
 *   <li>{@code train*}: forward + backward (parameter gradients) of a batch: 17-64-64-6 at 128 and 512 rows
 *       (PPO minibatches) and rllab's 17-100-50-25-6 at 50,000 rows (a TRPO batch).</li>
 * </ul>
 * Both implementations start from the same weights, and {@code @Setup} checks they compute the same outputs and
 * gradients, so the race is fair. ND4J is not on the application's class path; run this with
 * {@code tools/nd4j-bench.sh MlpVsNd4jBenchmark -wi 2 -i 3 -f 1} (figures in docs/performance.md).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MlpVsNd4jBenchmark extends ShortRuns {

    /** One observation. */
    @State(Scope.Thread)
    public static class Act {
        @Param({"4,64,64,2", "17,64,64,6"})
        public String sizes;

        Mlp mlp;
        NdMlp nd;
        double[] obs;
        INDArray ndObs;

        @Setup(Level.Trial)
        public void setUp() {
            mlp = MlpBenchmark.network(MlpBenchmark.parseSizes(sizes));
            nd = new NdMlp(mlp, 1);
            obs = MlpBenchmark.randomInputs(1, mlp.inputDim());
            ndObs = Nd4j.create(obs, new long[] {1, mlp.inputDim()}, 'c');
            double[] expected = mlp.forward(obs).clone();
            checkClose("act " + sizes, expected, flat(nd.forward(ndObs)));
        }
    }

    /** A batch, written {@code sizes@rows}. */
    @State(Scope.Thread)
    public static class Train {
        @Param({"17,64,64,6@128", "17,64,64,6@512", "17,100,50,25,6@50000"})
        public String shape;

        Mlp mlp;
        NdMlp nd;
        int n;
        double[] x;
        double[] dOut;
        INDArray ndX;
        INDArray ndDOut;

        @Setup(Level.Trial)
        public void setUp() {
            String[] parts = shape.split("@");
            n = Integer.parseInt(parts[1]);
            mlp = MlpBenchmark.network(MlpBenchmark.parseSizes(parts[0]));
            nd = new NdMlp(mlp, n);
            x = MlpBenchmark.randomInputs(n, mlp.inputDim());
            dOut = MlpBenchmark.randomInputs(n, mlp.outputDim());
            ndX = Nd4j.create(x, new long[] {n, mlp.inputDim()}, 'c');
            ndDOut = Nd4j.create(dOut, new long[] {n, mlp.outputDim()}, 'c');
            mlp.zeroGradients();
            double[] y = mlp.forwardBatch(x, n).clone();
            mlp.backwardBatch(dOut, n, null);
            double[] out = flat(nd.forward(ndX));
            checkClose("train forward " + shape, Arrays.copyOf(y, n * mlp.outputDim()), out);
            nd.backward(ndDOut);
            checkClose("train gradient " + shape, mlp.gradients(), nd.flatGradients());
        }
    }

    @Benchmark
    public double[] actPrimitive(Act s) {
        return s.mlp.forward(s.obs);
    }

    @Benchmark
    public INDArray actNd4j(Act s) {
        return s.nd.forward(s.ndObs);
    }

    @Benchmark
    public double[] trainPrimitive(Train s) {
        return MlpBenchmark.gradients(s.mlp, s.x, s.dOut, s.n);
    }

    @Benchmark
    public INDArray[] trainNd4j(Train s) {
        s.nd.forward(s.ndX);
        return s.nd.backward(s.ndDOut);
    }

    // -------------------------------------------------------------------------------------------------------

    static double[] flat(INDArray a) {
        return a.dup('c').reshape(a.length()).toDoubleVector();
    }

    static void checkClose(String what, double[] expected, double[] actual) {
        if (expected.length != actual.length) throw new IllegalStateException(what + ": lengths " + expected.length + " vs " + actual.length);
        for (int i = 0; i < expected.length; i++) {
            if (Math.abs(expected[i] - actual[i]) > 1e-9 * Math.max(1, Math.abs(expected[i]))) {
                throw new IllegalStateException(what + ": element " + i + " differs: " + expected[i] + " vs " + actual[i]);
            }
        }
    }

    /**
     * The same network in ND4J, written as one would for speed: preallocated activations and gradients,
     * in-place ops ({@code mmuli}, {@code addiRowVector}, in-place tanh), gemm with transposes for the backward.
     */
    static final class NdMlp {
        final int layers;
        final int[] sizes;
        final INDArray[] w;
        final INDArray[] b;
        final INDArray[] gw;
        final INDArray[] gb;
        final INDArray[] acts;
        final INDArray[] deltas;

        NdMlp(Mlp mlp, int n) {
            sizes = mlp.sizes();
            layers = sizes.length - 1;
            w = new INDArray[layers];
            b = new INDArray[layers];
            gw = new INDArray[layers];
            gb = new INDArray[layers];
            acts = new INDArray[layers + 1];
            deltas = new INDArray[layers + 1];
            double[] p = mlp.params();
            for (int l = 0; l < layers; l++) {
                int in = sizes[l], out = sizes[l + 1];
                w[l] = Nd4j.create(Arrays.copyOfRange(p, mlp.weightOffset(l), mlp.weightOffset(l) + in * out), new long[] {in, out}, 'c');
                b[l] = Nd4j.create(Arrays.copyOfRange(p, mlp.biasOffset(l), mlp.biasOffset(l) + out), new long[] {1, out}, 'c');
                gw[l] = Nd4j.zeros(DataType.DOUBLE, in, out);
                gb[l] = Nd4j.zeros(DataType.DOUBLE, 1, out);
            }
            for (int l = 0; l <= layers; l++) {
                acts[l] = Nd4j.zeros(DataType.DOUBLE, n, sizes[l]);
                deltas[l] = Nd4j.zeros(DataType.DOUBLE, n, sizes[l]);
            }
        }

        INDArray forward(INDArray x) {
            acts[0].assign(x);
            for (int l = 0; l < layers; l++) {
                acts[l].mmuli(w[l], acts[l + 1]);
                acts[l + 1].addiRowVector(b[l]);
                if (l < layers - 1) Transforms.tanh(acts[l + 1], false);
            }
            return acts[layers];
        }

        /** Overwrites (does not accumulate) the gradients; returns them. */
        INDArray[] backward(INDArray dOut) {
            deltas[layers].assign(dOut);
            for (int l = layers - 1; l >= 0; l--) {
                INDArray d = deltas[l + 1];
                Nd4j.gemm(acts[l], d, gw[l], true, false, 1.0, 0.0);
                gb[l].assign(d.sum(0).reshape(1, sizes[l + 1]));
                if (l > 0) {
                    Nd4j.gemm(d, w[l], deltas[l], false, true, 1.0, 0.0);
                    // tanh'(z) = 1 − a²
                    INDArray a = acts[l];
                    deltas[l].muli(a.mul(a).rsubi(1.0));
                }
            }
            return gw;
        }

        double[] flatGradients() {
            double[] g = new double[Mlp.countParams(sizes)];
            int o = 0;
            for (int l = 0; l < layers; l++) {
                double[] wl = flat(gw[l]);
                System.arraycopy(wl, 0, g, o, wl.length);
                o += wl.length;
                double[] bl = flat(gb[l]);
                System.arraycopy(bl, 0, g, o, bl.length);
                o += bl.length;
            }
            return g;
        }
    }
}
