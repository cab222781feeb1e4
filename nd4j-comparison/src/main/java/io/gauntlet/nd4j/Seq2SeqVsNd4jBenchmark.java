package io.gauntlet.nd4j;

import io.gauntlet.benchmarks.jmh.ShortRuns;
import io.gauntlet.core.env.EnvRegistry;
import io.gauntlet.core.nn.LstmCell;
import io.gauntlet.core.random.Rng;
import io.gauntlet.placement.env.PlacementEnv;
import io.gauntlet.placement.env.PlacementEnvs;
import io.gauntlet.placement.env.PlacementGraph;
import io.gauntlet.placement.learn.Seq2SeqPolicy;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
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
 * One REINFORCE update of rl-seq2seq's policy ({@link Seq2SeqPolicy}: bi-LSTM encoder over the groups, attentional
 * LSTM decoder over {@code samples} placements) in plain Java against the same network in ND4J (nd4j-native,
 * OpenBLAS, double precision, every op batched over the samples): forward over given placements, then the gradient
 * of Σ w · log π. The shapes are a real task's: Inception-V3 on 1 CPU + 4 K80s (100 groups, 222 features per group,
 * 5 devices), hidden 64, 32 or 128 samples. {@code @Setup} checks that both compute the same log-probabilities and
 * gradients. Run with {@code tools/nd4j-bench.sh Seq2SeqVsNd4jBenchmark -wi 2 -i 3 -f 1}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Thread)
public class Seq2SeqVsNd4jBenchmark extends ShortRuns {
    @Param({"32", "128"})
    public int samples;

    @Param({"64"})
    public int hidden;

    Seq2SeqPolicy policy;
    NdSeq2Seq nd;
    double[][] input;
    int[][] placements;
    double[] weights;
    static final Seq2SeqPolicy.Logits PLAIN = new Seq2SeqPolicy.Logits(1, 0, 0);

    @Setup(Level.Trial)
    public void setUp() {
        PlacementEnv env = (PlacementEnv) EnvRegistry.make(PlacementEnvs.id("inception-v3", "1cpu-4k80"));
        PlacementGraph pg = env.graph(0);
        input = Seq2SeqPolicy.inputs(pg);
        policy = new Seq2SeqPolicy(input[0].length, hidden, pg.devices()).initialise(new Rng(1));
        placements = new int[samples][pg.groups()];
        policy.forward(input, samples, PLAIN, Seq2SeqPolicy.Choice.SAMPLE, new Rng(2), placements);
        weights = new double[samples];
        Rng rng = new Rng(3);
        for (int r = 0; r < samples; r++) weights[r] = rng.uniform(-1, 1) / samples;
        nd = new NdSeq2Seq(policy, input, placements);
        double[] logProbs = new double[samples];
        policy.forward(input, samples, PLAIN, Seq2SeqPolicy.Choice.GIVEN, null, placements);
        for (int r = 0; r < samples; r++) logProbs[r] = policy.logProb(r);
        policy.zeroGradients();
        policy.backward(weights, 0);
        MlpVsNd4jBenchmark.checkClose("log-probabilities", logProbs, nd.forward());
        MlpVsNd4jBenchmark.checkClose("gradients", policy.gradients(), nd.backward(weights));
    }

    @Benchmark
    public double[] updatePrimitive() {
        policy.forward(input, samples, PLAIN, Seq2SeqPolicy.Choice.GIVEN, null, placements);
        policy.zeroGradients();
        policy.backward(weights, 0);
        return policy.gradients();
    }

    @Benchmark
    public double[] updateNd4j() {
        nd.forward();
        return nd.backward(weights);
    }

    /**
     * {@link Seq2SeqPolicy}'s network in ND4J, reading its parameters (laid out as its class comment says) and
     * returning gradients in the same layout.
     */
    static final class NdSeq2Seq {
        final int g, f, h, half, d, b;
        final int[] offsets;
        final double[] flat;
        final INDArray x;
        final INDArray wf, uf, bf, wb, ub, bb, wd, ud, bd, table, wa, wo, bo;
        final int[][] placements;
        final INDArray[] prevRows;
        // forward state
        final INDArray[] fGates, fC, fTanh, fH, bGates, bC, bTanh, bH, dGates, dC, dTanh, dH, alpha, ctx, probs;
        INDArray e, keys, shared;

        NdSeq2Seq(Seq2SeqPolicy p, double[][] input, int[][] placements) {
            this.g = input.length;
            this.f = input[0].length;
            this.h = p.hidden();
            this.half = h / 2;
            this.d = p.devices();
            this.b = placements.length;
            this.placements = placements;
            flat = p.params();
            x = Nd4j.create(input);
            int encoder = LstmCell.countParams(f, half);
            int o = 0;
            wf = matrix(o, f, 4 * half); uf = matrix(o + f * 4 * half, half, 4 * half); bf = matrix(o + (f + half) * 4 * half, 1, 4 * half);
            o += encoder;
            wb = matrix(o, f, 4 * half); ub = matrix(o + f * 4 * half, half, 4 * half); bb = matrix(o + (f + half) * 4 * half, 1, 4 * half);
            o += encoder;
            wd = matrix(o, h, 4 * h); ud = matrix(o + h * 4 * h, h, 4 * h); bd = matrix(o + 2 * h * 4 * h, 1, 4 * h);
            o += LstmCell.countParams(h, h);
            int tableOff = o;
            table = matrix(o, d + 1, 4 * h);
            o += (d + 1) * 4 * h;
            wa = matrix(o, h, h);
            o += h * h;
            wo = matrix(o, 2 * h, d);
            o += 2 * h * d;
            bo = matrix(o, 1, d);
            offsets = new int[] {0, encoder, 2 * encoder, tableOff, tableOff + (d + 1) * 4 * h, tableOff + (d + 1) * 4 * h + h * h,
                tableOff + (d + 1) * 4 * h + h * h + 2 * h * d};
            prevRows = new INDArray[g];
            for (int t = 0; t < g; t++) {
                double[] rows = new double[b];
                for (int r = 0; r < b; r++) rows[r] = t == 0 ? d : placements[r][t - 1];
                prevRows[t] = Nd4j.createFromArray(rows).castTo(DataType.INT64);
            }
            fGates = new INDArray[g]; fC = new INDArray[g]; fTanh = new INDArray[g]; fH = new INDArray[g];
            bGates = new INDArray[g]; bC = new INDArray[g]; bTanh = new INDArray[g]; bH = new INDArray[g];
            dGates = new INDArray[g]; dC = new INDArray[g]; dTanh = new INDArray[g]; dH = new INDArray[g];
            alpha = new INDArray[g]; ctx = new INDArray[g]; probs = new INDArray[g];
        }

        private INDArray matrix(int at, int rows, int cols) {
            return Nd4j.create(Arrays.copyOfRange(flat, at, at + rows * cols), new long[] {rows, cols}, 'c');
        }

        /** One LSTM step from pre-activations a (rows × 4n, overwritten with the activated gates). */
        private static void cell(INDArray a, INDArray cPrev, int n, INDArray[] gatesOut, INDArray[] cOut, INDArray[] tanhOut,
                INDArray[] hOut, int t) {
            INDArray i = Transforms.sigmoid(a.get(NDArrayIndex.all(), NDArrayIndex.interval(0, n)), true);
            INDArray fg = Transforms.sigmoid(a.get(NDArrayIndex.all(), NDArrayIndex.interval(n, 2 * n)), true);
            INDArray gg = Transforms.tanh(a.get(NDArrayIndex.all(), NDArrayIndex.interval(2 * n, 3 * n)), true);
            INDArray og = Transforms.sigmoid(a.get(NDArrayIndex.all(), NDArrayIndex.interval(3 * n, 4 * n)), true);
            INDArray c = i.mul(gg);
            if (cPrev != null) c.addi(fg.mul(cPrev));
            INDArray tc = Transforms.tanh(c, true);
            gatesOut[t] = Nd4j.hstack(i, fg, gg, og);
            cOut[t] = c;
            tanhOut[t] = tc;
            hOut[t] = og.mul(tc);
        }

        /** log π of every sample's placement. */
        double[] forward() {
            for (int t = 0; t < g; t++) {
                INDArray a = x.getRow(t, true).mmul(wf).addi(bf);
                if (t > 0) a.addi(fH[t - 1].mmul(uf));
                cell(a, t == 0 ? null : fC[t - 1], half, fGates, fC, fTanh, fH, t);
            }
            for (int t = g - 1; t >= 0; t--) {
                INDArray a = x.getRow(t, true).mmul(wb).addi(bb);
                if (t < g - 1) a.addi(bH[t + 1].mmul(ub));
                cell(a, t == g - 1 ? null : bC[t + 1], half, bGates, bC, bTanh, bH, t);
            }
            INDArray[] rows = new INDArray[g];
            for (int t = 0; t < g; t++) rows[t] = Nd4j.hstack(fH[t], bH[t]);
            e = Nd4j.vstack(rows);
            keys = e.mmul(wa);
            shared = e.mmul(wd).addiRowVector(bd);
            double[] logProb = new double[b];
            for (int t = 0; t < g; t++) {
                INDArray a = Nd4j.pullRows(table, 1, prevRows[t].toIntVector()).addiRowVector(shared.getRow(t));
                if (t > 0) a.addi(dH[t - 1].mmul(ud));
                cell(a, t == 0 ? null : dC[t - 1], h, dGates, dC, dTanh, dH, t);
                INDArray scores = dH[t].mmul(keys.transpose());
                alpha[t] = Transforms.softmax(scores, true);
                ctx[t] = alpha[t].mmul(e);
                INDArray logits = Nd4j.hstack(dH[t], ctx[t]).mmul(wo).addiRowVector(bo);
                probs[t] = Transforms.softmax(logits, true);
                for (int r = 0; r < b; r++) logProb[r] += Math.log(probs[t].getDouble(r, placements[r][t]));
            }
            return logProb;
        }

        /** The gradient of Σ w · log π, laid out as the policy's parameters. */
        double[] backward(double[] w) {
            INDArray weights = Nd4j.createFromArray(w).reshape(b, 1);
            INDArray gWd = Nd4j.zeros(DataType.DOUBLE, h, 4 * h), gUd = Nd4j.zeros(DataType.DOUBLE, h, 4 * h), gBd = Nd4j.zeros(DataType.DOUBLE, 1, 4 * h);
            INDArray gTable = Nd4j.zeros(DataType.DOUBLE, d + 1, 4 * h), gWa = Nd4j.zeros(DataType.DOUBLE, h, h);
            INDArray gWo = Nd4j.zeros(DataType.DOUBLE, 2 * h, d), gBo = Nd4j.zeros(DataType.DOUBLE, 1, d);
            INDArray dE = Nd4j.zeros(DataType.DOUBLE, g, h), dKeys = Nd4j.zeros(DataType.DOUBLE, g, h), dShared = Nd4j.zeros(DataType.DOUBLE, g, 4 * h);
            INDArray dhNext = Nd4j.zeros(DataType.DOUBLE, b, h), dc = Nd4j.zeros(DataType.DOUBLE, b, h);
            for (int t = g - 1; t >= 0; t--) {
                INDArray onehot = Nd4j.zeros(DataType.DOUBLE, b, d);
                for (int r = 0; r < b; r++) onehot.putScalar(r, placements[r][t], 1.0);
                INDArray dl = onehot.subi(probs[t]).muliColumnVector(weights);
                INDArray hc = Nd4j.hstack(dH[t], ctx[t]);
                gWo.addi(hc.transpose().mmul(dl));
                gBo.addi(dl.sum(true, 0));
                INDArray dhc = dl.mmul(wo.transpose());
                INDArray dh = dhc.get(NDArrayIndex.all(), NDArrayIndex.interval(0, h)).add(dhNext);
                INDArray dctx = dhc.get(NDArrayIndex.all(), NDArrayIndex.interval(h, 2 * h));
                // attention
                dE.addi(alpha[t].transpose().mmul(dctx));
                INDArray dAlpha = dctx.mmul(e.transpose());
                INDArray s = dAlpha.mul(alpha[t]).sum(true, 1);
                INDArray ds = alpha[t].mul(dAlpha.subColumnVector(s));
                dh.addi(ds.mmul(keys));
                dKeys.addi(ds.transpose().mmul(dH[t]));
                // decoder cell
                INDArray[] back = cellBackward(dGates[t], dTanh[t], t == 0 ? null : dC[t - 1], dh, dc, h);
                INDArray da = back[0];
                dc = back[1];
                if (t > 0) gUd.addi(dH[t - 1].transpose().mmul(da));
                dhNext = da.mmul(ud.transpose());
                dShared.getRow(t).addi(da.sum(0));
                for (int r = 0; r < b; r++) gTable.getRow(t == 0 ? d : placements[r][t - 1]).addi(da.getRow(r));
            }
            gWd.addi(e.transpose().mmul(dShared));
            gBd.addi(dShared.sum(true, 0));
            dE.addi(dShared.mmul(wd.transpose()));
            gWa.addi(e.transpose().mmul(dKeys));
            dE.addi(dKeys.mmul(wa.transpose()));
            double[] grad = new double[flat.length];
            encoderBackward(dE.get(NDArrayIndex.all(), NDArrayIndex.interval(0, half)), true, grad, offsets[0]);
            encoderBackward(dE.get(NDArrayIndex.all(), NDArrayIndex.interval(half, h)), false, grad, offsets[1]);
            put(grad, offsets[2], gWd, gUd, gBd);
            put(grad, offsets[3], gTable);
            put(grad, offsets[4], gWa);
            put(grad, offsets[5], gWo);
            put(grad, offsets[6], gBo);
            return grad;
        }

        /** dLoss/d(pre-activation) and dLoss/dc_prev of one cell step. */
        private static INDArray[] cellBackward(INDArray gates, INDArray tanhC, INDArray cPrev, INDArray dh, INDArray dcIn, int n) {
            INDArray i = gates.get(NDArrayIndex.all(), NDArrayIndex.interval(0, n));
            INDArray f = gates.get(NDArrayIndex.all(), NDArrayIndex.interval(n, 2 * n));
            INDArray gg = gates.get(NDArrayIndex.all(), NDArrayIndex.interval(2 * n, 3 * n));
            INDArray o = gates.get(NDArrayIndex.all(), NDArrayIndex.interval(3 * n, 4 * n));
            INDArray dc = dcIn.add(dh.mul(o).muli(tanhC.mul(tanhC).rsubi(1)));
            INDArray di = dc.mul(gg).muli(i.mul(i.rsub(1)));
            INDArray df = cPrev == null ? Nd4j.zerosLike(dc) : dc.mul(cPrev).muli(f.mul(f.rsub(1)));
            INDArray dg = dc.mul(i).muli(gg.mul(gg).rsubi(1));
            INDArray dO = dh.mul(tanhC).muli(o.mul(o.rsub(1)));
            return new INDArray[] {Nd4j.hstack(di, df, dg, dO), dc.mul(f)};
        }

        private void encoderBackward(INDArray dh, boolean forward, double[] grad, int at) {
            INDArray[] gates = forward ? fGates : bGates, cs = forward ? fC : bC, tanhs = forward ? fTanh : bTanh, hs = forward ? fH : bH;
            INDArray u = forward ? uf : ub;
            INDArray gW = Nd4j.zeros(DataType.DOUBLE, f, 4 * half), gU = Nd4j.zeros(DataType.DOUBLE, half, 4 * half);
            INDArray gB = Nd4j.zeros(DataType.DOUBLE, 1, 4 * half);
            INDArray dhNext = Nd4j.zeros(DataType.DOUBLE, 1, half), dc = Nd4j.zeros(DataType.DOUBLE, 1, half);
            for (int k = 0; k < g; k++) {
                int t = forward ? g - 1 - k : k;
                int prev = forward ? t - 1 : t + 1;
                boolean first = forward ? t == 0 : t == g - 1;
                INDArray[] back = cellBackward(gates[t], tanhs[t], first ? null : cs[prev], dh.getRow(t, true).add(dhNext), dc, half);
                INDArray da = back[0];
                dc = back[1];
                gW.addi(x.getRow(t, true).transpose().mmul(da));
                gB.addi(da);
                if (!first) gU.addi(hs[prev].transpose().mmul(da));
                dhNext = da.mmul(u.transpose());
            }
            put(grad, at, gW, gU, gB);
        }

        private static void put(double[] grad, int at, INDArray... parts) {
            for (INDArray p : parts) {
                double[] v = MlpVsNd4jBenchmark.flat(p);
                System.arraycopy(v, 0, grad, at, v.length);
                at += v.length;
            }
        }
    }
}
