package io.gauntlet.core.nn;

import io.gauntlet.core.SideThread;
import java.util.Arrays;

/**
 * A multi-layer perceptron whose parameters live in one flat {@code double[]}: tanh or ReLU hidden layers, a
 * linear output layer.
 *
 * <p><b>Parameter layout.</b> Layer {@code l} (from {@code in = sizes[l]} to {@code out = sizes[l+1]} units)
 * occupies {@code in*out + out} consecutive doubles from {@link #weightOffset(int)}: the weights as an
 * {@code in × out} row-major matrix ({@code W[k*out + j]} connects input {@code k} to unit {@code j}, the
 * transpose of PyTorch's {@code weight}), then the {@code out} biases. Storing {@code in × out} makes every inner
 * loop of the forward pass and of the weight gradient a contiguous axpy over {@code j} that the JIT vectorises
 * (i-k-j order). The network may view a slice of a larger array (a policy's {@code [mlp | log-std]} vector),
 * so TRPO and CEM can treat a whole policy as one flat vector.
 *
 * <p><b>Two paths.</b> {@link #forward(double[])} runs one observation through preallocated buffers (no
 * allocation: the acting path). {@link #forwardBatch(double[], int)} / {@link #backwardBatch(double[], int, double[])}
 * run a row-major {@code batch × dim} block and keep the activations for the backward pass, which
 * <em>accumulates</em> into {@link #gradients()} (call {@link #zeroGradients()} first) and can return
 * dLoss/dInput (DDPG's actor update goes through the critic's input; {@link #inputGradient} gives it alone, without
 * the parameter gradients). Batch buffers grow to the largest batch seen and are then reused.
 *
 * <p><b>Why plain Java loops and not ND4J.</b> On one observation ND4J pays JNI and op set-up per call, two orders
 * of magnitude more than these loops; on PPO's minibatches and TRPO's batches the loops win too, and a multithreaded
 * BLAS changes its summation order with the thread count, which would break "same seed, bit-identical results
 * whatever the thread count". Figures and commands: docs/performance.md (the nd4j-comparison module keeps the
 * comparison honest when either side changes).
 *
 * <p><b>Kernels.</b> Every layer's products go through {@link Gemm} on row arrays (C2 on JDK 17 vectorises
 * {@code y[j] += a·b[j]} only when no loop-invariant offset appears in the indices, so the batched path keeps
 * weights, activations, deltas and weight gradients as separate row arrays: weights copied from the flat vector at
 * every {@link #forwardBatch}, gradients copied in and out). Layers with fewer than 8 outputs (policy heads, values)
 * run transposed, vectorised over the batch rows, with the same sums. A network's {@link Gemm.Summation} fixes how
 * each element is summed: {@code GROUPS_OF_FOUR} (the default, the order the on-policy methods' recorded results were
 * computed in) or {@code FUSED} (FMA, the fast kernels, for the off-policy methods' wide networks). Per element the
 * additions are the same, in the same order, as in {@link #forward}, so one observation and a batch row agree bit
 * for bit. With {@link #splitWith} large products are shared with a second thread, without changing a bit.
 *
 * <p>Not thread-safe: each network has one owner.
 */
public final class Mlp implements io.gauntlet.core.Stateful {
    /** Hidden-layer non-linearity. */
    public enum Activation {
        TANH,
        RELU
    }

    private final int[] sizes;
    private final Activation activation;
    private final Gemm.Summation summation;
    private SideThread<Void> side;
    private final double[] params;
    private final double[] grads;
    private final int offset;
    private final int numParams;
    private final int[] wOff;
    private final int[] bOff;

    // One-observation path.
    private final double[][] single;

    // Batched path. Everything the kernels touch is a row array indexed from 0: C2 on JDK 17 vectorises
    // y[j] += a*b[j] only when no loop-invariant offset appears in the indices. Weights are copied into rows at every
    // forwardBatch, gradients gathered in rows and added into the flat vector at the end of backwardBatch.
    private int capacity;
    private final double[][][] acts; // acts[l][i]: row i of layer l's activations (acts[0]: the inputs)
    private double[][] deltaA;
    private double[][] deltaB;
    private double[] output = new double[0];
    private int lastBatch = -1;
    private final double[][][] w;  // w[l][k]: row k of layer l's in × out weights (a copy of params)
    private final double[][][] wt; // wt[l][j]: row j of the transpose
    private final double[][][] gw; // gradient rows, laid out as w
    private final double[][][] gwt; // gradient rows of narrow layers, laid out as wt
    private final double[][] gb;   // bias gradients
    private double[][] transposedA = new double[0][]; // an operand transposed: inputs of a layer (widest × batch) or deltas
    private double[][] transposedC = new double[0][]; // a narrow layer's outputs, transposed (out × batch)
    private double[][] tangentA = new double[0][];
    private double[][] tangentB = new double[0][];
    private double[] tangentOut = new double[0];

    /** A network with its own parameter and gradient arrays (all zero until initialised, see {@link Init}). */
    public Mlp(int[] sizes, Activation activation) {
        this(sizes, activation, Gemm.Summation.GROUPS_OF_FOUR);
    }

    /** As {@link #Mlp(int[], Activation)}, summing each product as {@code summation}. */
    public Mlp(int[] sizes, Activation activation, Gemm.Summation summation) {
        this(sizes, activation, new double[countParams(sizes)], new double[countParams(sizes)], 0, summation);
    }

    /**
     * A network viewing {@code params[offset ..]} and {@code grads[offset ..]} (same offset in both), so that a
     * policy can keep the network and its other parameters in one flat vector.
     */
    public Mlp(int[] sizes, Activation activation, double[] params, double[] grads, int offset) {
        this(sizes, activation, params, grads, offset, Gemm.Summation.GROUPS_OF_FOUR);
    }

    /** As {@link #Mlp(int[], Activation, double[], double[], int)}, summing each product as {@code summation}. */
    public Mlp(int[] sizes, Activation activation, double[] params, double[] grads, int offset, Gemm.Summation summation) {
        if (sizes.length < 2) throw new IllegalArgumentException("an MLP needs at least input and output sizes");
        for (int s : sizes) if (s <= 0) throw new IllegalArgumentException("layer sizes must be positive: " + Arrays.toString(sizes));
        this.sizes = sizes.clone();
        this.activation = activation;
        this.summation = summation;
        this.numParams = countParams(sizes);
        if (params.length != grads.length || offset < 0 || offset + numParams > params.length) {
            throw new IllegalArgumentException("parameter arrays too small for " + Arrays.toString(sizes) + " at offset " + offset);
        }
        this.params = params;
        this.grads = grads;
        this.offset = offset;
        int layers = sizes.length - 1;
        wOff = new int[layers];
        bOff = new int[layers];
        int o = offset;
        for (int l = 0; l < layers; l++) {
            wOff[l] = o;
            o += sizes[l] * sizes[l + 1];
            bOff[l] = o;
            o += sizes[l + 1];
        }
        single = new double[sizes.length][];
        for (int l = 0; l < sizes.length; l++) single[l] = new double[sizes[l]];
        acts = new double[sizes.length][][];
        w = new double[layers][][];
        wt = new double[layers][][];
        gw = new double[layers][][];
        gwt = new double[layers][][];
        gb = new double[layers][];
        for (int l = 0; l < layers; l++) {
            w[l] = new double[sizes[l]][sizes[l + 1]];
            wt[l] = new double[sizes[l + 1]][sizes[l]];
            gw[l] = new double[sizes[l]][sizes[l + 1]];
            gwt[l] = narrow(sizes[l + 1]) ? new double[sizes[l + 1]][sizes[l]] : null;
            gb[l] = new double[sizes[l + 1]];
        }
    }

    /** Number of parameters of a network with these layer sizes. */
    public static int countParams(int[] sizes) {
        int n = 0;
        for (int l = 0; l + 1 < sizes.length; l++) n += sizes[l] * sizes[l + 1] + sizes[l + 1];
        return n;
    }

    /** Layer sizes {@code [input, hidden..., output]} with the given hidden sizes. */
    public static int[] sizes(int input, int[] hidden, int output) {
        int[] s = new int[hidden.length + 2];
        s[0] = input;
        System.arraycopy(hidden, 0, s, 1, hidden.length);
        s[s.length - 1] = output;
        return s;
    }

    public int inputDim() {
        return sizes[0];
    }

    public int outputDim() {
        return sizes[sizes.length - 1];
    }

    public int[] sizes() {
        return sizes.clone();
    }

    public Activation activation() {
        return activation;
    }

    public Gemm.Summation summation() {
        return summation;
    }

    /**
     * Shares this network's large products with {@code side}'s thread from now on (null: none), each output row
     * computed whole by one thread, so the results stay bit-identical. The caller owns and closes the thread.
     */
    public void splitWith(SideThread<Void> side) {
        this.side = side;
    }

    /** Number of weight layers (hidden layers + 1). */
    public int numLayers() {
        return sizes.length - 1;
    }

    public int numParams() {
        return numParams;
    }

    /** The backing parameter array (shared, not a copy); this network occupies {@code [offset, offset+numParams)}. */
    public double[] params() {
        return params;
    }

    /** The backing gradient array, laid out as {@link #params()}. */
    public double[] gradients() {
        return grads;
    }

    public int offset() {
        return offset;
    }

    /** Start of layer {@code l}'s {@code in × out} weight matrix in {@link #params()}. */
    public int weightOffset(int l) {
        return wOff[l];
    }

    /** Start of layer {@code l}'s biases in {@link #params()}. */
    public int biasOffset(int l) {
        return bOff[l];
    }

    /** Copies {@code values} (length {@link #numParams()}) into this network's slice of the parameters. */
    public void setParams(double[] values) {
        if (values.length != numParams) throw new IllegalArgumentException("expected " + numParams + " parameters, got " + values.length);
        System.arraycopy(values, 0, params, offset, numParams);
    }

    /** A network's training state is its slice of the parameters. */
    @Override
    public double[] snapshot() {
        return copyParams();
    }

    @Override
    public void restore(double[] snapshot) {
        setParams(snapshot);
    }

    /** A copy of this network's parameters. */
    public double[] copyParams() {
        return Arrays.copyOfRange(params, offset, offset + numParams);
    }

    public void zeroGradients() {
        Arrays.fill(grads, offset, offset + numParams, 0.0);
    }

    // ---------------------------------------------------------------------------------------------------------
    // One observation.

    /**
     * Runs one input through the network. Returns the network's own output buffer (valid until the next call
     * of this method); allocates nothing.
     */
    public double[] forward(double[] input) {
        return forward(input, 0);
    }

    /** As {@link #forward(double[])}, reading the input from {@code input[inputOffset ..]}. */
    public double[] forward(double[] input, int inputOffset) {
        System.arraycopy(input, inputOffset, single[0], 0, sizes[0]);
        int layers = sizes.length - 1;
        for (int l = 0; l < layers; l++) {
            double[] x = single[l];
            double[] y = single[l + 1];
            int in = sizes[l];
            int out = sizes[l + 1];
            System.arraycopy(params, bOff[l], y, 0, out);
            int w = wOff[l];
            // The same summation as forwardBatch, so acting and training see identical numbers (a PPO ratio starts
            // at exactly 1).
            if (summation == Gemm.Summation.FUSED) {
                for (int k = 0; k < in; k++) {
                    double xk = x[k];
                    int row = w + k * out;
                    for (int j = 0; j < out; j++) y[j] = Math.fma(xk, params[row + j], y[j]);
                }
            } else {
                int k = 0;
                for (; k + 3 < in; k += 4) {
                    double x0 = x[k], x1 = x[k + 1], x2 = x[k + 2], x3 = x[k + 3];
                    int w0 = w + k * out, w1 = w0 + out, w2 = w1 + out, w3 = w2 + out;
                    for (int j = 0; j < out; j++) {
                        y[j] += x0 * params[w0 + j] + x1 * params[w1 + j] + x2 * params[w2 + j] + x3 * params[w3 + j];
                    }
                }
                for (; k < in; k++) {
                    double xk = x[k];
                    int row = w + k * out;
                    for (int j = 0; j < out; j++) y[j] += xk * params[row + j];
                }
            }
            if (l < layers - 1) activate(y, out);
        }
        return single[layers];
    }

    // ---------------------------------------------------------------------------------------------------------
    // Batches.

    private void ensureCapacity(int n) {
        if (n <= capacity) return;
        int cap = Math.max(n, capacity + capacity / 2);
        int widest = 0;
        for (int l = 0; l < sizes.length; l++) {
            acts[l] = new double[cap][sizes[l]];
            widest = Math.max(widest, sizes[l]);
        }
        deltaA = new double[cap][widest];
        deltaB = new double[cap][widest];
        transposedA = new double[widest][cap];
        transposedC = new double[8][cap];
        output = new double[cap * outputDim()];
        capacity = cap;
    }

    /**
     * Runs {@code n} inputs (row-major {@code n × inputDim}) through the network and keeps the activations for
     * {@link #backwardBatch}. Returns the network's output buffer: rows {@code 0..n-1} ({@code n × outputDim},
     * row-major) are valid until the next batched call. Reads the current parameters (copies the weights into
     * rows), so parameters may change freely between calls.
     */
    public double[] forwardBatch(double[] input, int n) {
        return forwardBatch(input, 0, n);
    }

    /** As {@link #forwardBatch(double[], int)}, reading the {@code n} input rows from {@code input[inputOffset ..]}. */
    public double[] forwardBatch(double[] input, int inputOffset, int n) {
        ensureCapacity(n);
        int layers = sizes.length - 1;
        for (int l = 0; l < layers; l++) {
            int out = sizes[l + 1];
            for (int k = 0; k < sizes[l]; k++) System.arraycopy(params, wOff[l] + k * out, w[l][k], 0, out);
            if (narrow(out)) transpose(l);
        }
        int inDim = sizes[0];
        for (int i = 0; i < n; i++) System.arraycopy(input, inputOffset + i * inDim, acts[0][i], 0, inDim);
        for (int l = 0; l < layers; l++) {
            double[][] x = acts[l];
            double[][] y = acts[l + 1];
            int in = sizes[l];
            int out = sizes[l + 1];
            if (narrow(out)) {
                // A few outputs (a policy head, a value): yᵀ = Wᵀ·xᵀ, vectorised over the batch rows instead of loops
                // of length out; each element is the same sum.
                double[][] xt = transposeInto(x, n, in, transposedA);
                double[][] yt = transposedC;
                for (int j = 0; j < out; j++) Arrays.fill(yt[j], 0, n, params[bOff[l] + j]);
                Gemm.multiplyAdd(summation, yt, wt[l], xt, 0, out, n, in);
                for (int i = 0; i < n; i++) {
                    double[] yi = y[i];
                    for (int j = 0; j < out; j++) yi[j] = yt[j][i];
                }
            } else {
                for (int i = 0; i < n; i++) System.arraycopy(params, bOff[l], y[i], 0, out);
                Gemm.multiplyAdd(summation, y, x, w[l], n, out, in, side);
            }
            if (l < layers - 1) for (int i = 0; i < n; i++) activate(y[i], out);
        }
        int outDim = outputDim();
        for (int i = 0; i < n; i++) System.arraycopy(acts[layers][i], 0, output, i * outDim, outDim);
        lastBatch = n;
        return output;
    }

    /**
     * Back-propagates {@code dOutput} (dLoss/dOutput, {@code n × outputDim}) through the batch of the last
     * {@link #forwardBatch} call, <em>adding</em> dLoss/dParams into {@link #gradients()}. When {@code dInput}
     * is not null, writes dLoss/dInput ({@code n × inputDim}) into it.
     */
    public void backwardBatch(double[] dOutput, int n, double[] dInput) {
        backward(dOutput, n, dInput, true);
    }

    /**
     * dLoss/dInput ({@code n × inputDim}, into {@code dInput}) for {@code dOutput} through the batch of the last
     * {@link #forwardBatch}, leaving {@link #gradients()} alone: the critic's part of an actor update, at two thirds of
     * a full backward pass's cost.
     */
    public void inputGradient(double[] dOutput, int n, double[] dInput) {
        backward(dOutput, n, dInput, false);
    }

    private void backward(double[] dOutput, int n, double[] dInput, boolean parameterGradients) {
        if (n != lastBatch) throw new IllegalStateException("backward pass of " + n + " rows after forwardBatch(" + lastBatch + ")");
        int layers = sizes.length - 1;
        double[][] delta = deltaA;
        double[][] next = deltaB;
        int outDim = sizes[layers];
        for (int i = 0; i < n; i++) System.arraycopy(dOutput, i * outDim, delta[i], 0, outDim);
        for (int l = layers - 1; l >= 0; l--) {
            int in = sizes[l];
            int out = sizes[l + 1];
            double[][] x = acts[l];
            // delta holds dLoss/d(pre-activation) of layer l's output (n × out).
            if (parameterGradients) {
                double[] gbl = gb[l];
                Arrays.fill(gbl, 0.0);
                for (int i = 0; i < n; i++) {
                    double[] e = delta[i];
                    for (int j = 0; j < out; j++) gbl[j] += e[j];
                }
                for (int j = 0; j < out; j++) grads[bOff[l] + j] += gbl[j];
                if (narrow(out)) {
                    weightGradientNarrow(l, x, delta, n);
                } else {
                    weightGradient(l, x, delta, n);
                }
            }
            if (l == 0 && dInput == null) break;
            // dLoss/dx = delta · Wᵀ, over Wᵀ's rows.
            if (!narrow(out)) transpose(l);
            for (int r = 0; r < n; r++) Arrays.fill(next[r], 0, in, 0.0);
            Gemm.multiplyAdd(summation, next, delta, wt[l], n, in, out, side);
            if (l > 0) {
                for (int r = 0; r < n; r++) activateBackward(x[r], next[r], in);
                double[][] t = delta;
                delta = next;
                next = t;
            } else {
                for (int r = 0; r < n; r++) System.arraycopy(next[r], 0, dInput, r * in, in);
            }
        }
    }

    /** dW of layer l = xᵀ·delta, accumulated onto the flat gradients (copied into rows and back). */
    private void weightGradient(int l, double[][] x, double[][] delta, int n) {
        int in = sizes[l];
        int out = sizes[l + 1];
        double[][] gwl = gw[l];
        for (int k = 0; k < in; k++) System.arraycopy(grads, wOff[l] + k * out, gwl[k], 0, out);
        Gemm.multiplyAdd(summation, gwl, transposeInto(x, n, in, transposedA), delta, in, out, n, side);
        for (int k = 0; k < in; k++) System.arraycopy(gwl[k], 0, grads, wOff[l] + k * out, out);
    }

    /** As {@link #weightGradient} for a layer of few outputs: dWᵀ = deltaᵀ·x, from zero, then added into the gradients. */
    private void weightGradientNarrow(int l, double[][] x, double[][] delta, int n) {
        int in = sizes[l];
        int out = sizes[l + 1];
        double[][] g = gwt[l];
        for (double[] row : g) Arrays.fill(row, 0.0);
        Gemm.multiplyAdd(summation, g, transposeInto(delta, n, out, transposedA), x, 0, out, in, n);
        int w0 = wOff[l];
        for (int j = 0; j < out; j++) {
            double[] gj = g[j];
            for (int k = 0; k < in; k++) grads[w0 + k * out + j] += gj[k];
        }
    }

    /** {@code t[k][i] = rows[i][k]} for {@code i < n}, {@code k < width}; returns {@code t}. */
    private static double[][] transposeInto(double[][] rows, int n, int width, double[][] t) {
        Gemm.transpose(rows, n, width, t);
        return t;
    }

    /** Layers this narrow run transposed, vectorised over the batch rows. */
    private static boolean narrow(int out) {
        return out < 8;
    }

    /** wt[l] = the transpose of w[l]. */
    private void transpose(int l) {
        Gemm.transpose(w[l], sizes[l], sizes[l + 1], wt[l]);
    }

    /**
     * {@code s + Σ_k x[k]·w[k]} for {@code k < m}, summed four terms at a time as {@link #axpy4} adds them, so the
     * result is bit-identical to the axpy form of the same product.
     */
    public static double dot(double s, double[] x, double[] w, int m) {
        int k = 0;
        for (; k + 3 < m; k += 4) s += x[k] * w[k] + x[k + 1] * w[k + 1] + x[k + 2] * w[k + 2] + x[k + 3] * w[k + 3];
        for (; k < m; k++) s += x[k] * w[k];
        return s;
    }

    /**
     * Forward-mode derivative for the batch of the last {@link #forwardBatch} call: the change of the outputs
     * ({@code n × outputDim}) per unit step of the parameters along {@code direction} (this network's parameter
     * {@code p} read at {@code direction[directionOffset + p − offset()]}), i.e. {@code J·v}. With
     * {@link #backwardBatch} ({@code Jᵀ·u}) it gives TRPO's Fisher-vector product {@code Jᵀ F J v} without
     * forming {@code J}. Returns a buffer of this network ({@code n × outputDim}, row-major), valid until the
     * next call of this method.
     */
    public double[] jvpBatch(double[] direction, int directionOffset, int n) {
        if (n != lastBatch) throw new IllegalStateException("jvpBatch(" + n + ") after forwardBatch(" + lastBatch + ")");
        int widest = 0;
        for (int size : sizes) widest = Math.max(widest, size);
        if (tangentA.length < n) {
            tangentA = new double[capacity][widest];
            tangentB = new double[capacity][widest];
        }
        double[][] dx = tangentA; // tangent of layer l's input (unused for l = 0: the inputs are fixed)
        double[][] dz = tangentB;
        int shift = directionOffset - offset;
        int layers = sizes.length - 1;
        for (int l = 0; l < layers; l++) {
            int in = sizes[l];
            int out = sizes[l + 1];
            double[][] x = acts[l];
            double[][] wl = w[l];
            // The direction's weight rows, copied out once per layer so the kernels see 0-based rows (gw is free
            // outside backwardBatch).
            double[][] vl = gw[l];
            for (int k = 0; k < in; k++) System.arraycopy(direction, wOff[l] + k * out + shift, vl[k], 0, out);
            for (int i = 0; i < n; i++) {
                double[] xi = x[i];
                double[] zi = dz[i];
                System.arraycopy(direction, bOff[l] + shift, zi, 0, out);
                for (int k = 0; k < in; k++) axpy(zi, xi[k], vl[k], out);
                if (l > 0) {
                    double[] dxi = dx[i];
                    for (int k = 0; k < in; k++) axpy(zi, dxi[k], wl[k], out);
                }
                if (l < layers - 1) activateBackward(acts[l + 1][i], zi, out);
            }
            double[][] t = dx;
            dx = dz;
            dz = t;
        }
        int outDim = outputDim();
        if (tangentOut.length < n * outDim) tangentOut = new double[capacity * outDim];
        for (int i = 0; i < n; i++) System.arraycopy(dx[i], 0, tangentOut, i * outDim, outDim);
        return tangentOut;
    }

    /** {@code y[j] += a·b[j]} for {@code j < m}: the kernel every row-array loop of the project is built from. */
    public static void axpy(double[] y, double a, double[] b, int m) {
        for (int j = 0; j < m; j++) y[j] += a * b[j];
    }

    /** {@code y[j] += a0·b0[j] + a1·b1[j] + a2·b2[j] + a3·b3[j]} for {@code j < m}: one load and store of y per four products. */
    public static void axpy4(double[] y, double a0, double[] b0, double a1, double[] b1, double a2, double[] b2, double a3, double[] b3, int m) {
        for (int j = 0; j < m; j++) y[j] += a0 * b0[j] + a1 * b1[j] + a2 * b2[j] + a3 * b3[j];
    }

    /**
     * tanh without {@link Math#exp}, so that a loop of it vectorises: {@code tanh(x) = u / (2 + u)} with
     * {@code u = expm1(2x)}: a degree-12 Taylor polynomial gives {@code expm1(x/64)} ({@code |x/64| ≤ 0.3125}
     * after clamping {@code |x|} at 20, where tanh is ±1 in double anyway), and seven doublings
     * {@code expm1(2s) = expm1(s)·(2 + expm1(s))} take it to {@code expm1(2x)}, keeping expm1's relative accuracy near 0.
     * Within 6e-16 absolute and 2e-15 relative of {@link Math#tanh} (tested); NaN stays NaN.
     *
     * <p>Why: on JDK 17 {@code Math.exp} is a scalar call, so the hidden layers' activations cost as much as
     * their matrix products. Split into three passes of plain arithmetic (see {@link #activate}), C2 runs them on
     * AVX vectors (docs/performance.md). The scalar form below performs the same operations in the same order, so
     * one observation and a batch row agree exactly.
     */
    public static double tanh(double x) {
        return tanhFinish(expm1Reduced(tanhReduce(x)));
    }

    private static final double TANH_CLAMP = 20.0;

    private static double tanhReduce(double x) {
        return Math.max(-TANH_CLAMP, Math.min(TANH_CLAMP, x)) * (1.0 / 64);
    }

    /** expm1(t) for |t| ≤ 0.3125: its Taylor polynomial to degree 12 (remainder below 5e-17 relative), by Estrin's scheme. */
    private static double expm1Reduced(double t) {
        double t2 = t * t, t4 = t2 * t2, t8 = t4 * t4;
        double a = (1 + t * (1.0 / 2)) + t2 * (1.0 / 6 + t * (1.0 / 24));
        double b = (1.0 / 120 + t * (1.0 / 720)) + t2 * (1.0 / 5040 + t * (1.0 / 40320));
        double c = (1.0 / 362880 + t * (1.0 / 3628800)) + t2 * (1.0 / 39916800 + t * (1.0 / 479001600));
        return t * (a + t4 * b + t8 * c);
    }

    private static double tanhFinish(double u) {
        u = u * (2 + u);
        u = u * (2 + u);
        u = u * (2 + u);
        u = u * (2 + u);
        u = u * (2 + u);
        u = u * (2 + u);
        u = u * (2 + u);
        return u / (2 + u);
    }

    private void activate(double[] y, int count) {
        if (activation == Activation.TANH) {
            // Three passes, each simple enough for C2's vectoriser; together exactly tanh(y[j]).
            for (int j = 0; j < count; j++) y[j] = tanhReduce(y[j]);
            for (int j = 0; j < count; j++) y[j] = expm1Reduced(y[j]);
            for (int j = 0; j < count; j++) y[j] = tanhFinish(y[j]);
        } else {
            for (int j = 0; j < count; j++) y[j] = Math.max(y[j], 0.0); // vectorises (a ternary does not); NaN stays NaN
        }
    }

    /** Multiplies {@code d} by the activation's derivative, expressed through the activation's output {@code a}. */
    private void activateBackward(double[] a, double[] d, int count) {
        if (activation == Activation.TANH) {
            for (int j = 0; j < count; j++) d[j] *= 1.0 - a[j] * a[j];
        } else {
            for (int j = 0; j < count; j++) if (!(a[j] > 0)) d[j] = 0.0;
        }
    }
}
