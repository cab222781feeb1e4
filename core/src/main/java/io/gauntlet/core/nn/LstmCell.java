package io.gauntlet.core.nn;

import io.gauntlet.core.random.Rng;
import java.util.Arrays;

/**
 * An LSTM cell with a forget gate (Hochreiter and Schmidhuber 1997; Gers et al. 2000) over a batch of sequences, one
 * step at a time, in PyTorch's gate order:
 *
 * <pre>
 *   a = x·W + h_prev·U + b                 (4h pre-activations: i, f, g, o)
 *   i = σ(a_i)   f = σ(a_f)   g = tanh(a_g)   o = σ(a_o)
 *   c = f ⊙ c_prev + i ⊙ g                 h = o ⊙ tanh(c)
 * </pre>
 *
 * The parameters view a flat array as {@link Mlp}'s do: W ({@code input × 4h}), U ({@code h × 4h}) and b, row-major
 * ({@code in × out}, the transpose of PyTorch's {@code weight_ih}, {@code weight_hh}). A step is split in two halves a
 * caller may use apart: {@link #project} (x·W + b, the input's part, for many rows at once or replaced by a table
 * lookup when the input is one of a few embeddings) and {@link #step} (the recurrence, from that pre-activation).
 * Their backward halves accumulate dLoss/dParameters in rows: {@link #load} before a pass (it copies the parameters
 * into the kernels' rows and clears those gradients), {@link #storeGradients} after it (adds them to the flat
 * gradients). Rows, as in {@link Mlp}, let C2 vectorise every kernel.
 *
 * <p>Not thread-safe: each cell has one owner.
 */
public final class LstmCell {
    private final int in;
    private final int h;
    private final double[] params;
    private final double[] grads;
    private final int wOff;
    private final int uOff;
    private final int bOff;
    private final int numParams;
    private final double[][] w, wt, u, ut, gw, gu;
    private final double[] b, gb;

    /** The pre-activations, activated gates, cell and output of one step for a batch of sequences. */
    public static final class State {
        /** i, f, g and o after their non-linearities, {@code rows × 4h}. */
        public final double[][] gates;
        public final double[][] c;
        public final double[][] tanhC;
        public final double[][] h;

        public State(int rows, int hidden) {
            gates = new double[rows][4 * hidden];
            c = new double[rows][hidden];
            tanhC = new double[rows][hidden];
            h = new double[rows][hidden];
        }
    }

    /** A cell viewing {@code params[offset ..]} and {@code grads[offset ..]} ({@link #countParams} values). */
    public LstmCell(int input, int hidden, double[] params, double[] grads, int offset) {
        if (input < 0 || hidden <= 0) throw new IllegalArgumentException("LSTM sizes: input " + input + ", hidden " + hidden);
        this.in = input;
        this.h = hidden;
        this.numParams = countParams(input, hidden);
        if (params.length != grads.length || offset < 0 || offset + numParams > params.length) {
            throw new IllegalArgumentException("parameter arrays too small for an LSTM " + input + " → " + hidden + " at offset " + offset);
        }
        this.params = params;
        this.grads = grads;
        this.wOff = offset;
        this.uOff = offset + input * 4 * hidden;
        this.bOff = uOff + hidden * 4 * hidden;
        w = new double[input][4 * hidden];
        wt = new double[4 * hidden][input];
        u = new double[hidden][4 * hidden];
        ut = new double[4 * hidden][hidden];
        gw = new double[input][4 * hidden];
        gu = new double[hidden][4 * hidden];
        b = new double[4 * hidden];
        gb = new double[4 * hidden];
    }

    public static int countParams(int input, int hidden) {
        return (input + hidden + 1) * 4 * hidden;
    }

    public int inputSize() { return in; }
    public int hiddenSize() { return h; }
    public int numParams() { return numParams; }

    /**
     * PyTorch's initialisation, U(±1/√h) for every weight and bias, with {@code forgetBias} added to the forget
     * gate's biases (TensorFlow's {@code forget_bias}, 1.0 by default there). Then {@link #load}s.
     */
    public void initialise(Rng rng, double forgetBias) {
        double k = 1 / Math.sqrt(h);
        for (int p = wOff; p < wOff + numParams; p++) params[p] = rng.uniform(-k, k);
        for (int j = h; j < 2 * h; j++) params[bOff + j] += forgetBias;
        load();
    }

    /** Copies the parameters into the kernels' rows and clears the gradient rows: before each forward pass. */
    public void load() {
        int g4 = 4 * h;
        for (int k = 0; k < in; k++) System.arraycopy(params, wOff + k * g4, w[k], 0, g4);
        for (int k = 0; k < h; k++) System.arraycopy(params, uOff + k * g4, u[k], 0, g4);
        System.arraycopy(params, bOff, b, 0, g4);
        transpose(w, wt);
        transpose(u, ut);
        for (double[] r : gw) Arrays.fill(r, 0);
        for (double[] r : gu) Arrays.fill(r, 0);
        Arrays.fill(gb, 0);
    }

    /** Adds the gradients accumulated since {@link #load} into the flat gradients. */
    public void storeGradients() {
        int g4 = 4 * h;
        for (int k = 0; k < in; k++) addRow(gw[k], wOff + k * g4);
        for (int k = 0; k < h; k++) addRow(gu[k], uOff + k * g4);
        addRow(gb, bOff);
    }

    private void addRow(double[] row, int at) {
        for (int j = 0; j < row.length; j++) grads[at + j] += row[j];
    }

    private static void transpose(double[][] a, double[][] t) {
        for (int k = 0; k < a.length; k++) for (int j = 0; j < t.length; j++) t[j][k] = a[k][j];
    }

    /** {@code pre[r] = b + x[r]·W} for the first {@code rows} rows. */
    public void project(double[][] x, int rows, double[][] pre) {
        int g4 = 4 * h;
        for (int r = 0; r < rows; r++) {
            double[] p = pre[r], xr = x[r];
            System.arraycopy(b, 0, p, 0, g4);
            int k = 0;
            for (; k + 3 < in; k += 4) Mlp.axpy4(p, xr[k], w[k], xr[k + 1], w[k + 1], xr[k + 2], w[k + 2], xr[k + 3], w[k + 3], g4);
            for (; k < in; k++) Mlp.axpy(p, xr[k], w[k], g4);
        }
    }

    /**
     * One step of the recurrence for the first {@code rows} sequences: from the pre-activations {@code pre} (the input's
     * part, {@link #project}) and the previous state ({@code null}: zero h and c) into {@code next}.
     */
    public void step(double[][] pre, State prev, State next, int rows) {
        int g4 = 4 * h;
        for (int r = 0; r < rows; r++) {
            double[] a = next.gates[r];
            System.arraycopy(pre[r], 0, a, 0, g4);
            if (prev != null) {
                double[] hp = prev.h[r];
                int k = 0;
                for (; k + 3 < h; k += 4) Mlp.axpy4(a, hp[k], u[k], hp[k + 1], u[k + 1], hp[k + 2], u[k + 2], hp[k + 3], u[k + 3], g4);
                for (; k < h; k++) Mlp.axpy(a, hp[k], u[k], g4);
            }
            double[] c = next.c[r], tc = next.tanhC[r], hr = next.h[r];
            double[] cp = prev == null ? null : prev.c[r];
            for (int j = 0; j < h; j++) {
                double i = sigmoid(a[j]), f = sigmoid(a[h + j]), g = Mlp.tanh(a[2 * h + j]), o = sigmoid(a[3 * h + j]);
                a[j] = i;
                a[h + j] = f;
                a[2 * h + j] = g;
                a[3 * h + j] = o;
                c[j] = (cp == null ? 0 : f * cp[j]) + i * g;
                tc[j] = Mlp.tanh(c[j]);
                hr[j] = o * tc[j];
            }
        }
    }

    /** σ(x) = (1 + tanh(x/2)) / 2, exactly. */
    public static double sigmoid(double x) {
        return 0.5 + 0.5 * Mlp.tanh(0.5 * x);
    }

    /**
     * Back-propagates one {@link #step}. {@code dh}: dLoss/dh of this step (read); {@code dc}: dLoss/dc from later
     * steps on entry, dLoss/dc_prev on exit. Writes dLoss/d(pre-activation) into {@code dPre} and, unless null,
     * dLoss/dh_prev into {@code dhPrev}; accumulates dLoss/dU.
     */
    public void stepBackward(State prev, State next, double[][] dh, double[][] dc, double[][] dPre, double[][] dhPrev, int rows) {
        int g4 = 4 * h;
        for (int r = 0; r < rows; r++) {
            double[] gates = next.gates[r], tc = next.tanhC[r], dhr = dh[r], dcr = dc[r], da = dPre[r];
            double[] cp = prev == null ? null : prev.c[r];
            for (int j = 0; j < h; j++) {
                double i = gates[j], f = gates[h + j], g = gates[2 * h + j], o = gates[3 * h + j];
                double dcj = dcr[j] + dhr[j] * o * (1 - tc[j] * tc[j]);
                da[j] = dcj * g * i * (1 - i);
                da[h + j] = cp == null ? 0 : dcj * cp[j] * f * (1 - f);
                da[2 * h + j] = dcj * i * (1 - g * g);
                da[3 * h + j] = dhr[j] * tc[j] * o * (1 - o);
                dcr[j] = dcj * f;
            }
            if (prev != null) {
                double[] hp = prev.h[r];
                for (int k = 0; k < h; k++) Mlp.axpy(gu[k], hp[k], da, g4);
            }
            if (dhPrev != null) {
                double[] out = dhPrev[r];
                Arrays.fill(out, 0, h, 0);
                int j = 0;
                for (; j + 3 < g4; j += 4) Mlp.axpy4(out, da[j], ut[j], da[j + 1], ut[j + 1], da[j + 2], ut[j + 2], da[j + 3], ut[j + 3], h);
                for (; j < g4; j++) Mlp.axpy(out, da[j], ut[j], h);
            }
        }
    }

    /**
     * Back-propagates {@link #project}: accumulates dLoss/dW = xᵀ·dPre and dLoss/db = Σ dPre over the first
     * {@code rows} rows, and writes dLoss/dx = dPre·Wᵀ into {@code dx} unless it is null.
     */
    public void projectBackward(double[][] x, double[][] dPre, int rows, double[][] dx) {
        int g4 = 4 * h;
        for (int r = 0; r < rows; r++) {
            double[] da = dPre[r], xr = x[r];
            for (int j = 0; j < g4; j++) gb[j] += da[j];
            for (int k = 0; k < in; k++) Mlp.axpy(gw[k], xr[k], da, g4);
            if (dx != null) {
                double[] out = dx[r];
                Arrays.fill(out, 0, in, 0);
                for (int j = 0; j < g4; j++) Mlp.axpy(out, da[j], wt[j], in);
            }
        }
    }
}
