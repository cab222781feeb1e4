package io.gauntlet.placement.learn;

import io.gauntlet.core.distributions.Categorical;
import io.gauntlet.core.nn.LstmCell;
import io.gauntlet.core.nn.Mlp;
import io.gauntlet.core.random.Rng;
import io.gauntlet.placement.env.PlacementGraph;

import java.util.Arrays;

/**
 * The placement policy of Mirhoseini et al. 2017, as grappler's hierarchical controller builds it: a sequence-to-
 * sequence network that reads one embedding per group and emits one device per group.
 *
 * <pre>
 *   encoder   bidirectional LSTM over the groups' embeddings x_g (h/2 units each way): e_g = [→h_g ; ←h_g]
 *   decoder   LSTM, h units; its input at step t is the previous device's embedding (a "go" embedding at t = 0)
 *             and the encoder state e_t of the group it places
 *   attention Luong's multiplicative form over the encoder states: α = softmax_g(d_t · W_a e_g), c_t = Σ α_g e_g
 *   devices   logits = [d_t ; c_t] · W_o + b_o, divided by a temperature, optionally squashed to
 *             tanh_constant · tanh(·), plus Gaussian logit noise early in training; a device ~ softmax(logits)
 * </pre>
 *
 * Two departures from grappler, both for speed at the same structure: the attention is multiplicative (Luong et
 * al. 2015; grappler's additive form costs a tanh per group, decoder step and sample) and the decoder also reads
 * e_t (grappler's finds the group it places through the attention alone). The logit noise, σ · rms(logits) · N(0, 1)
 * per logit as grappler draws it, enters the sampled distribution but not the gradient: the log-probabilities a
 * REINFORCE step raises are those of the noisy distribution the placement was drawn from, the noise held fixed.
 *
 * <p>The decoder's input part splits in two: e_t · W_e + b is the same for every sample (computed once per step, the
 * decoder cell's {@link LstmCell#project}), and the device embedding times its weights is a row of a learned
 * {@code (devices + 1) × 4h} table. Every sum runs in a fixed order, so a seed fixes the result. Parameters live in
 * one flat array: [forward encoder | backward encoder | decoder | device table | W_a | W_o | b_o].
 *
 * <p><b>Plain Java, not ND4J.</b> An update is some 600 small products per sample batch ({@code 32 × 64} by
 * {@code 64 × 256} in the decoder, batch-1 rows in the encoder), where ND4J pays op set-up per call, and a
 * multithreaded BLAS sums in an order that depends on its threads, which would break bit-identical runs. The
 * nd4j-comparison module races this class against the same network in ND4J ({@code Seq2SeqVsNd4jBenchmark};
 * figures and the command in docs/performance.md).
 */
public final class Seq2SeqPolicy {
    /** How a forward pass picks each device. */
    public enum Choice { SAMPLE, GREEDY, GIVEN }

    /**
     * What shapes the device distribution: temperature, squashing (0: none), the logit noise's scale, and the share
     * of exploration ε: each group's device is drawn from (1 − ε) · softmax(logits) + ε · uniform over the devices
     * the mask leaves.
     */
    public record Logits(double temperature, double tanhConstant, double noise, double exploration) {
        public Logits(double temperature, double tanhConstant, double noise) {
            this(temperature, tanhConstant, noise, 0);
        }
    }

    private final int features;
    private final int hidden;
    private final int half;
    private final int devices;
    private final double[] params;
    private final double[] grads;
    private final LstmCell encoderForward;
    private final LstmCell encoderBackward;
    private final LstmCell decoder;
    private final int tableOff, attentionOff, outputOff, biasOff;
    private final Categorical categorical;

    // parameter rows (copied in by load) and their gradient rows
    private final double[][] table, wa, waT, woH, woC;
    private final double[] bo;
    private final double[][] gTable, gWa, gWoH, gWoC;
    private final double[] gBo;

    // the last forward pass, grown to the largest graph and batch seen
    private int groups = -1, samples = -1, capGroups, capSamples;
    private double[][] x;
    private LstmCell.State[] forwardStates, backwardStates, decoderStates;
    private double[][] forwardPre, backwardPre, dEncoderPre;
    private double[][][] forwardPreRow, backwardPreRow, dEncoderPreRow; // one-row views of the matrices' rows
    private double[][] e, eT, keys, keysT, shared, pre;
    private double[][][] alpha, context, probs, softmaxes, squash;
    private int[][] actions;
    private Logits logits;
    // the memory mask: each group's share of memory, each device's usable bytes, and what each sample has put there
    private double[] groupMemory, deviceMemory;
    private double[][] memoryUsed;
    private double[] fill;
    // backward scratch
    private double[][] dE, dFromShared, dKeys, dShared, dPre, dh, dc, dhPrev, dContext, dhOne, dcOne, dhOneOut;
    private double[] dAlpha;

    public Seq2SeqPolicy(int features, int hidden, int devices) {
        if (hidden < 2 || hidden % 2 != 0) throw new IllegalArgumentException("hidden size must be even and at least 2, got " + hidden);
        this.features = features;
        this.hidden = hidden;
        this.half = hidden / 2;
        this.devices = devices;
        int encoderParams = LstmCell.countParams(features, half);
        int n = 2 * encoderParams + LstmCell.countParams(hidden, hidden);
        tableOff = n;
        n += (devices + 1) * 4 * hidden;
        attentionOff = n;
        n += hidden * hidden;
        outputOff = n;
        n += 2 * hidden * devices;
        biasOff = n;
        n += devices;
        params = new double[n];
        grads = new double[n];
        encoderForward = new LstmCell(features, half, params, grads, 0);
        encoderBackward = new LstmCell(features, half, params, grads, encoderParams);
        decoder = new LstmCell(hidden, hidden, params, grads, 2 * encoderParams);
        categorical = new Categorical(devices);
        table = new double[devices + 1][4 * hidden];
        gTable = new double[devices + 1][4 * hidden];
        wa = new double[hidden][hidden];
        waT = new double[hidden][hidden];
        gWa = new double[hidden][hidden];
        woH = new double[devices][hidden];
        woC = new double[devices][hidden];
        gWoH = new double[devices][hidden];
        gWoC = new double[devices][hidden];
        bo = new double[devices];
        gBo = new double[devices];
    }

    /**
     * Initial parameters: the LSTMs PyTorch's way with grappler's forget bias 1, the device table, W_a and W_o
     * Glorot-uniform (grappler's initialiser), b_o zero.
     */
    public Seq2SeqPolicy initialise(Rng rng) {
        encoderForward.initialise(rng, 1.0);
        encoderBackward.initialise(rng, 1.0);
        decoder.initialise(rng, 1.0);
        glorot(rng, tableOff, devices + 1, 4 * hidden);
        glorot(rng, attentionOff, hidden, hidden);
        glorot(rng, outputOff, 2 * hidden, devices);
        Arrays.fill(params, biasOff, biasOff + devices, 0);
        return this;
    }

    /**
     * Sets b_o so that, where the rest of the logits are 0, the shaped device logits equal {@code logits} (a prior such
     * as {@link DevicePrior}): b = temperature · l, through atanh(l / c) when the logits are squashed to c · tanh.
     */
    public void setDeviceLogits(double[] logits, Logits shape) {
        for (int d = 0; d < devices; d++) {
            double l = logits[d];
            if (shape.tanhConstant() > 0) {
                double y = Math.max(-0.99, Math.min(0.99, l / shape.tanhConstant()));
                l = 0.5 * Math.log((1 + y) / (1 - y));
            }
            params[biasOff + d] = shape.temperature() * l;
        }
    }

    private void glorot(Rng rng, int at, int in, int out) {
        double limit = Math.sqrt(6.0 / (in + out));
        for (int p = at; p < at + in * out; p++) params[p] = rng.uniform(-limit, limit);
    }

    /** Features per group of {@link #inputs} for a graph of {@code groups} groups on {@code devices} devices. */
    public static int featureCount(int groups, int devices) {
        return PlacementGraph.GROUP_FEATURES + 2 * devices + 2 * groups;
    }

    /**
     * The encoder's input, one row per group (grappler's group embedding: op types, output sizes, adjacency): the
     * group's {@link PlacementGraph#writeGroupFeatures static} and {@link PlacementGraph#writeDeviceFeatures
     * per-device} features, then the bytes it receives from and sends to every group, log10(1 + bytes) / 10.
     */
    public static double[][] inputs(PlacementGraph pg) {
        int g = pg.groups(), d = pg.devices();
        double[][] x = new double[g][featureCount(g, d)];
        for (int k = 0; k < g; k++) {
            double[] row = x[k];
            pg.writeGroupFeatures(k, row, 0);
            pg.writeDeviceFeatures(k, row, PlacementGraph.GROUP_FEATURES);
            int at = PlacementGraph.GROUP_FEATURES + 2 * d;
            for (int j = pg.inStart(k); j < pg.inStart(k + 1); j++) row[at + pg.inGroup(j)] = Math.log10(1 + pg.inBytes(j)) / 10;
            for (int j = pg.outStart(k); j < pg.outStart(k + 1); j++) row[at + g + pg.outGroup(j)] = Math.log10(1 + pg.outBytes(j)) / 10;
        }
        return x;
    }

    public int features() { return features; }
    public int hidden() { return hidden; }
    public int devices() { return devices; }
    public int numParams() { return params.length; }
    /** The flat parameters (live; the training state tracks them). */
    public double[] params() { return params; }
    /** The flat gradients (live), laid out as the parameters. */
    public double[] gradients() { return grads; }

    public void zeroGradients() {
        Arrays.fill(grads, 0);
    }

    /**
     * Masks, from now on, the devices a group would overflow: a device whose groups so far and this one hold more than
     * its usable memory ({@link PlacementGraph#memory}, {@link PlacementGraph#usableMemory}) gets probability 0, unless
     * the group overflows every device ({@link OverflowMask}). Null arrays lift the mask. A GIVEN placement must keep to
 * the mask (a masked device has probability 0).
     */
    public void maskOverflow(double[] groupMemory, double[] deviceMemory) {
        this.groupMemory = groupMemory;
        this.deviceMemory = deviceMemory;
    }

    /** {@link #maskOverflow} with a graph's memory estimate. */
    public void maskOverflow(PlacementGraph pg) {
        double[] g = new double[pg.groups()], d = new double[pg.devices()];
        for (int k = 0; k < g.length; k++) g[k] = pg.memory(k);
        for (int k = 0; k < d.length; k++) d[k] = pg.usableMemory(k);
        maskOverflow(g, d);
    }

    // ---------------------------------------------------------------------------------------------------- forward

    /**
     * Places a graph {@code samples} times: {@code input} holds one row per group ({@link #inputs}), {@code placements}
     * gets (SAMPLE, GREEDY) or gives (GIVEN) the device of every group of every sample. SAMPLE draws from {@code rng}
     * (devices, then the logit noise of each step); the others use it only for the noise. Keeps what
     * {@link #backward} needs.
     */
    public void forward(double[][] input, int samples, Logits shape, Choice choice, Rng rng, int[][] placements) {
        int groups = input.length;
        ensureCapacity(groups, samples);
        this.groups = groups;
        this.samples = samples;
        this.x = input;
        this.actions = placements;
        this.logits = shape;
        load();
        if (groupMemory != null) for (int r = 0; r < samples; r++) Arrays.fill(memoryUsed[r], 0);
        encode();
        int g4 = 4 * hidden;
        decoder.project(e, groups, shared);
        for (int t = 0; t < groups; t++) {
            for (int r = 0; r < samples; r++) {
                double[] p = pre[r], s = shared[t], emb = table[t == 0 ? devices : placements[r][t - 1]];
                for (int j = 0; j < g4; j++) p[j] = s[j] + emb[j];
            }
            decoder.step(pre, t == 0 ? null : decoderStates[t - 1], decoderStates[t], samples);
            attend(t);
            emit(t, choice, rng);
        }
    }

    private void encode() {
        encoderForward.project(x, groups, forwardPre);
        encoderBackward.project(x, groups, backwardPre);
        for (int g = 0; g < groups; g++) {
            encoderForward.step(forwardPreRow[g], g == 0 ? null : forwardStates[g - 1], forwardStates[g], 1);
        }
        for (int g = groups - 1; g >= 0; g--) {
            encoderBackward.step(backwardPreRow[g], g == groups - 1 ? null : backwardStates[g + 1], backwardStates[g], 1);
        }
        for (int g = 0; g < groups; g++) {
            System.arraycopy(forwardStates[g].h[0], 0, e[g], 0, half);
            System.arraycopy(backwardStates[g].h[0], 0, e[g], half, half);
            for (int k = 0; k < hidden; k++) eT[k][g] = e[g][k];
            double[] key = keys[g];
            Arrays.fill(key, 0);
            for (int k = 0; k < hidden; k++) Mlp.axpy(key, e[g][k], wa[k], hidden);
            for (int k = 0; k < hidden; k++) keysT[k][g] = key[k];
        }
    }

    /** α_t = softmax over groups of d_t · keys, c_t = Σ_g α_g e_g, for every sample. */
    private void attend(int t) {
        double[][] d = decoderStates[t].h;
        for (int r = 0; r < samples; r++) {
            double[] a = alpha[t][r], dr = d[r];
            Arrays.fill(a, 0, groups, 0);
            int k = 0;
            for (; k + 3 < hidden; k += 4) Mlp.axpy4(a, dr[k], keysT[k], dr[k + 1], keysT[k + 1], dr[k + 2], keysT[k + 2], dr[k + 3], keysT[k + 3], groups);
            for (; k < hidden; k++) Mlp.axpy(a, dr[k], keysT[k], groups);
            softmax(a, groups);
            double[] c = context[t][r];
            Arrays.fill(c, 0);
            int g = 0;
            for (; g + 3 < groups; g += 4) Mlp.axpy4(c, a[g], e[g], a[g + 1], e[g + 1], a[g + 2], e[g + 2], a[g + 3], e[g + 3], hidden);
            for (; g < groups; g++) Mlp.axpy(c, a[g], e[g], hidden);
        }
    }

    private static void softmax(double[] a, int n) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) max = Math.max(max, a[i]);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            a[i] = Math.exp(a[i] - max);
            sum += a[i];
        }
        for (int i = 0; i < n; i++) a[i] /= sum;
    }

    /** The device logits of step t, shaped and noised; the distributions; the devices chosen. */
    private void emit(int t, Choice choice, Rng rng) {
        double[][] d = decoderStates[t].h;
        double sumSquares = 0;
        for (int r = 0; r < samples; r++) {
            double[] l = probs[t][r], y = squash[t][r];
            for (int k = 0; k < devices; k++) {
                double z = Mlp.dot(Mlp.dot(bo[k], d[r], woH[k], hidden), context[t][r], woC[k], hidden) / logits.temperature();
                if (logits.tanhConstant() > 0) {
                    y[k] = Mlp.tanh(z);
                    z = logits.tanhConstant() * y[k];
                }
                l[k] = z;
                sumSquares += z * z;
            }
        }
        double noise = logits.noise() * Math.sqrt(sumSquares / (samples * devices));
        double eps = logits.exploration();
        for (int r = 0; r < samples; r++) {
            double[] l = probs[t][r], soft = softmaxes[t][r];
            if (noise > 0) for (int k = 0; k < devices; k++) l[k] += noise * rng.nextGaussian();
            if (groupMemory != null) mask(l, memoryUsed[r], groupMemory[t]);
            categorical.probabilities(l, 0, soft);
            int open = 0;
            for (int k = 0; k < devices; k++) open += l[k] == OverflowMask.MASKED ? 0 : 1;
            for (int k = 0; k < devices; k++) l[k] = (1 - eps) * soft[k] + (l[k] == OverflowMask.MASKED ? 0 : eps / open);
            int a = switch (choice) {
                case SAMPLE -> sample(l, rng);
                case GREEDY -> argmax(l);
                case GIVEN -> actions[r][t];
            };
            if (a < 0 || a >= devices) throw new IllegalArgumentException("device " + a + " of group " + t + " is not in [0, " + devices + ")");
            actions[r][t] = a;
            if (groupMemory != null) memoryUsed[r][a] += groupMemory[t];
        }
    }

    /** A device drawn from the probabilities p by inverting their cumulative sum with one uniform draw. */
    private int sample(double[] p, Rng rng) {
        double u = rng.nextDouble(), c = 0;
        int last = 0;
        for (int k = 0; k < devices; k++) {
            if (p[k] == 0) continue;
            c += p[k];
            last = k;
            if (u < c) return k;
        }
        return last; // rounding: the last device with any probability
    }

    /** Masks the devices where {@code bytes} more would overflow ({@link OverflowMask}). */
    private void mask(double[] l, double[] used, double bytes) {
        for (int k = 0; k < devices; k++) fill[k] = (used[k] + bytes) / deviceMemory[k];
        OverflowMask.apply(l, 0, devices, fill, 0, 1);
    }

    private static int argmax(double[] l) {
        int best = 0;
        for (int k = 1; k < l.length; k++) if (l[k] > l[best]) best = k;
        return best;
    }

    /** The probability of {@code device} for group t of sample r in the last forward pass. */
    public double probability(int t, int r, int device) {
        return probs[t][r][device];
    }

    /** log π of sample r's placement in the last forward pass. */
    public double logProb(int r) {
        double s = 0;
        for (int t = 0; t < groups; t++) s += Math.log(probs[t][r][actions[r][t]]);
        return s;
    }

    /** The mean entropy (nats) of the device distributions of the last forward pass, over groups and samples. */
    public double entropy() {
        double h = 0;
        for (int t = 0; t < groups; t++) {
            for (int r = 0; r < samples; r++) {
                for (double p : probs[t][r]) if (p > 0) h -= p * Math.log(p);
            }
        }
        return h / (groups * samples);
    }

    // --------------------------------------------------------------------------------------------------- backward

    /**
     * Adds the gradient of Σ_r weights[r] · log π(placement_r) + entropyWeight · Σ_{r,t} H(π_{r,t}) (the last forward
     * pass's placements and distributions, the noise held fixed) into {@link #gradients()}: REINFORCE's loss with
     * weights −advantage / samples, and an entropy bonus with a negative entropy weight.
     */
    public void backward(double[] weights, double entropyWeight) {
        int g4 = 4 * hidden;
        for (double[] row : dE) Arrays.fill(row, 0);
        for (double[] row : dKeys) Arrays.fill(row, 0);
        for (int r = 0; r < samples; r++) {
            Arrays.fill(dc[r], 0);
            Arrays.fill(dhPrev[r], 0);
        }
        for (int t = groups - 1; t >= 0; t--) {
            double[][] d = decoderStates[t].h;
            Arrays.fill(dShared[t], 0);
            for (int r = 0; r < samples; r++) {
                // dLoss/dlogits = w (onehot(a) − π), through the squashing and temperature
                double[] pi = probs[t][r], soft = softmaxes[t][r], y = squash[t][r], dr = d[r], ctx = context[t][r];
                double[] dhr = dh[r], dctx = dContext[r];
                System.arraycopy(dhPrev[r], 0, dhr, 0, hidden);
                Arrays.fill(dctx, 0);
                int a = actions[r][t];
                // π = (1 − ε) s + ε u with s = softmax(l): ∂log π_a/∂l_k = (1 − ε) s_a (δ_ak − s_k) / π_a and
                // ∂H(π)/∂l_k = −(1 − ε) s_k (log π_k − Σ_j s_j log π_j), which at ε = 0 are δ_ak − s_k and −s_k (log s_k + H)
                double keep = 1 - logits.exploration(), scoreA = weights[r] * keep * soft[a] / pi[a], sLogPi = 0;
                if (entropyWeight != 0) for (int k = 0; k < devices; k++) if (soft[k] > 0) sLogPi += soft[k] * Math.log(pi[k]);
                for (int k = 0; k < devices; k++) {
                    double dl = scoreA * ((k == a ? 1 : 0) - soft[k]);
                    if (entropyWeight != 0 && soft[k] > 0) dl -= entropyWeight * keep * soft[k] * (Math.log(pi[k]) - sLogPi);
                    if (logits.tanhConstant() > 0) dl *= logits.tanhConstant() * (1 - y[k] * y[k]);
                    dl /= logits.temperature();
                    gBo[k] += dl;
                    Mlp.axpy(gWoH[k], dl, dr, hidden);
                    Mlp.axpy(gWoC[k], dl, ctx, hidden);
                    Mlp.axpy(dhr, dl, woH[k], hidden);
                    Mlp.axpy(dctx, dl, woC[k], hidden);
                }
                attendBackward(t, r, dctx, dhr);
            }
            decoder.stepBackward(t == 0 ? null : decoderStates[t - 1], decoderStates[t], dh, dc, dPre, dhPrev, samples);
            for (int r = 0; r < samples; r++) {
                double[] da = dPre[r], ds = dShared[t], dt = gTable[t == 0 ? devices : actions[r][t - 1]];
                for (int j = 0; j < g4; j++) {
                    ds[j] += da[j];
                    dt[j] += da[j];
                }
            }
        }
        decoder.projectBackward(e, dShared, groups, dFromShared);
        for (int g = 0; g < groups; g++) Mlp.axpy(dE[g], 1, dFromShared[g], hidden);
        // keys = e · W_a
        for (int g = 0; g < groups; g++) {
            double[] eg = e[g], dk = dKeys[g];
            for (int k = 0; k < hidden; k++) Mlp.axpy(gWa[k], eg[k], dk, hidden);
            for (int j = 0; j < hidden; j++) Mlp.axpy(dE[g], dk[j], waT[j], hidden);
        }
        encodeBackward();
        storeGradients();
    }

    /** Back through the attention of sample r at step t: dLoss/dc_t → dLoss/d(d_t) (added to dd), dE and dKeys. */
    private void attendBackward(int t, int r, double[] dctx, double[] dd) {
        double[] a = alpha[t][r], dr = decoderStates[t].h[r];
        Arrays.fill(dAlpha, 0, groups, 0);
        int k = 0;
        for (; k + 3 < hidden; k += 4) Mlp.axpy4(dAlpha, dctx[k], eT[k], dctx[k + 1], eT[k + 1], dctx[k + 2], eT[k + 2], dctx[k + 3], eT[k + 3], groups);
        for (; k < hidden; k++) Mlp.axpy(dAlpha, dctx[k], eT[k], groups);
        double s = 0;
        for (int g = 0; g < groups; g++) s += a[g] * dAlpha[g];
        for (int g = 0; g < groups; g++) {
            Mlp.axpy(dE[g], a[g], dctx, hidden);
            double ds = a[g] * (dAlpha[g] - s);
            Mlp.axpy(dd, ds, keys[g], hidden);
            Mlp.axpy(dKeys[g], ds, dr, hidden);
        }
    }

    /** Back through both encoder LSTMs (through the groups) from dLoss/de. */
    private void encodeBackward() {
        double[][] dhIn = dhOne, dcIn = dcOne, dhOut = dhOneOut;
        Arrays.fill(dcIn[0], 0);
        Arrays.fill(dhOut[0], 0);
        for (int g = groups - 1; g >= 0; g--) {
            for (int k = 0; k < half; k++) dhIn[0][k] = dE[g][k] + dhOut[0][k];
            encoderForward.stepBackward(g == 0 ? null : forwardStates[g - 1], forwardStates[g], dhIn, dcIn, dEncoderPreRow[g], dhOut, 1);
        }
        encoderForward.projectBackward(x, dEncoderPre, groups, null);
        Arrays.fill(dcIn[0], 0);
        Arrays.fill(dhOut[0], 0);
        for (int g = 0; g < groups; g++) {
            for (int k = 0; k < half; k++) dhIn[0][k] = dE[g][half + k] + dhOut[0][k];
            encoderBackward.stepBackward(g == groups - 1 ? null : backwardStates[g + 1], backwardStates[g], dhIn, dcIn, dEncoderPreRow[g], dhOut, 1);
        }
        encoderBackward.projectBackward(x, dEncoderPre, groups, null);
    }

    // ---------------------------------------------------------------------------------------------------- buffers

    private void load() {
        encoderForward.load();
        encoderBackward.load();
        decoder.load();
        int g4 = 4 * hidden;
        for (int k = 0; k <= devices; k++) System.arraycopy(params, tableOff + k * g4, table[k], 0, g4);
        for (int k = 0; k < hidden; k++) System.arraycopy(params, attentionOff + k * hidden, wa[k], 0, hidden);
        for (int k = 0; k < hidden; k++) for (int j = 0; j < hidden; j++) waT[j][k] = wa[k][j];
        for (int k = 0; k < hidden; k++) {
            for (int dev = 0; dev < devices; dev++) {
                woH[dev][k] = params[outputOff + k * devices + dev];
                woC[dev][k] = params[outputOff + (hidden + k) * devices + dev];
            }
        }
        System.arraycopy(params, biasOff, bo, 0, devices);
        for (double[] row : gTable) Arrays.fill(row, 0);
        for (double[] row : gWa) Arrays.fill(row, 0);
        for (double[] row : gWoH) Arrays.fill(row, 0);
        for (double[] row : gWoC) Arrays.fill(row, 0);
        Arrays.fill(gBo, 0);
    }

    private void storeGradients() {
        encoderForward.storeGradients();
        encoderBackward.storeGradients();
        decoder.storeGradients();
        int g4 = 4 * hidden;
        for (int k = 0; k <= devices; k++) for (int j = 0; j < g4; j++) grads[tableOff + k * g4 + j] += gTable[k][j];
        for (int k = 0; k < hidden; k++) for (int j = 0; j < hidden; j++) grads[attentionOff + k * hidden + j] += gWa[k][j];
        for (int k = 0; k < hidden; k++) {
            for (int dev = 0; dev < devices; dev++) {
                grads[outputOff + k * devices + dev] += gWoH[dev][k];
                grads[outputOff + (hidden + k) * devices + dev] += gWoC[dev][k];
            }
        }
        for (int dev = 0; dev < devices; dev++) grads[biasOff + dev] += gBo[dev];
    }

    private void ensureCapacity(int g, int b) {
        if (g <= capGroups && b <= capSamples) return;
        capGroups = Math.max(g, capGroups);
        capSamples = Math.max(b, capSamples);
        g = capGroups;
        b = capSamples;
        forwardStates = new LstmCell.State[g];
        backwardStates = new LstmCell.State[g];
        decoderStates = new LstmCell.State[g];
        forwardPre = new double[g][4 * half];
        backwardPre = new double[g][4 * half];
        dEncoderPre = new double[g][4 * half];
        forwardPreRow = new double[g][][];
        backwardPreRow = new double[g][][];
        dEncoderPreRow = new double[g][][];
        for (int k = 0; k < g; k++) {
            forwardPreRow[k] = new double[][] {forwardPre[k]};
            backwardPreRow[k] = new double[][] {backwardPre[k]};
            dEncoderPreRow[k] = new double[][] {dEncoderPre[k]};
            forwardStates[k] = new LstmCell.State(1, half);
            backwardStates[k] = new LstmCell.State(1, half);
            decoderStates[k] = new LstmCell.State(b, hidden);
        }
        e = new double[g][hidden];
        eT = new double[hidden][g];
        keys = new double[g][hidden];
        keysT = new double[hidden][g];
        shared = new double[g][4 * hidden];
        pre = new double[b][4 * hidden];
        alpha = new double[g][b][g];
        context = new double[g][b][hidden];
        probs = new double[g][b][devices];
        squash = new double[g][b][devices];
        softmaxes = new double[g][b][devices];
        memoryUsed = new double[b][devices];
        fill = new double[devices];
        dE = new double[g][hidden];
        dFromShared = new double[g][hidden];
        dKeys = new double[g][hidden];
        dShared = new double[g][4 * hidden];
        dPre = new double[b][4 * hidden];
        dh = new double[b][hidden];
        dc = new double[b][hidden];
        dhPrev = new double[b][hidden];
        dContext = new double[b][hidden];
        dhOne = new double[1][half];
        dcOne = new double[1][half];
        dhOneOut = new double[1][half];
        dAlpha = new double[g];
    }
}
