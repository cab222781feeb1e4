package io.gauntlet.placement.learn;

import io.gauntlet.core.nn.Mlp;
import io.gauntlet.core.random.Rng;
import io.gauntlet.placement.env.PlacementGraph;

import java.util.Arrays;

/**
 * Message passing over a grouped graph (Placeto, Addanki et al. 2019; GDP, Zhou et al. 2019): an embedding per group
 * that sees its neighbourhood, computed by the same weights for any graph, so a placer trained on some graphs can place
 * another.
 *
 * <pre>
 *   h⁰_v = relu(x_v · W + b)
 *   hˡ_v = relu(hˡ⁻¹_v · S_l + mean_{u → v} hˡ⁻¹_u · P_l + mean_{v → u} hˡ⁻¹_u · C_l + b_l)      l = 1 … rounds
 * </pre>
 *
 * x_v are the group's {@link #inputs features} (graph-independent: op mix, sizes, per-device slowdown and memory
 * share); parents (u → v) and children (v → u) get their own weights, as Placeto's two passes do. Parameters view a
 * flat array: [W | b | (S_l | P_l | C_l | b_l) per round], every matrix {@code in × out} row-major as {@link Mlp}'s.
 * {@link #forward} keeps what {@link #backward} needs; the backward pass adds into the flat gradients. One owner.
 */
public final class GraphNetwork {
    private final int features;
    private final int hidden;
    private final int rounds;
    private final double[] params;
    private final double[] grads;
    private final int offset;
    private final int numParams;

    // the last forward pass: its graph and every layer's output (h[0] = h⁰ … h[rounds]); the parent and child means
    private PlacementGraph graph;
    private double[][] x;
    private double[][][] h;
    private double[][][] parentMean, childMean;
    // scratch for the backward pass
    private double[][] delta, deltaPrevious;

    public GraphNetwork(int features, int hidden, int rounds, double[] params, double[] grads, int offset) {
        this.features = features;
        this.hidden = hidden;
        this.rounds = rounds;
        this.params = params;
        this.grads = grads;
        this.offset = offset;
        this.numParams = countParams(features, hidden, rounds);
        if (offset + numParams > params.length) throw new IllegalArgumentException("parameter array too small for the graph network");
    }

    public static int countParams(int features, int hidden, int rounds) {
        return features * hidden + hidden + rounds * (3 * hidden * hidden + hidden);
    }

    /** Features per group of {@link #inputs} on a machine of {@code devices} devices. */
    public static int featureCount(int devices) {
        return PlacementGraph.GROUP_FEATURES + 2 * devices;
    }

    /** A group's input: its {@link PlacementGraph#writeGroupFeatures static} and {@link PlacementGraph#writeDeviceFeatures per-device} features. */
    public static double[][] inputs(PlacementGraph pg) {
        double[][] x = new double[pg.groups()][featureCount(pg.devices())];
        for (int g = 0; g < pg.groups(); g++) {
            pg.writeGroupFeatures(g, x[g], 0);
            pg.writeDeviceFeatures(g, x[g], PlacementGraph.GROUP_FEATURES);
        }
        return x;
    }

    public int numParams() { return numParams; }
    public int hidden() { return hidden; }

    /** He-uniform weights for the ReLU layers (U(±√(6 / fan-in))), zero biases. */
    public void initialise(Rng rng) {
        uniform(rng, inputWeights(), features * hidden, Math.sqrt(6.0 / features));
        Arrays.fill(params, inputBias(), inputBias() + hidden, 0);
        for (int l = 0; l < rounds; l++) {
            // three rows of hidden units feed each unit
            for (int m = 0; m < 3; m++) uniform(rng, roundWeights(l, m), hidden * hidden, Math.sqrt(6.0 / (3 * hidden)));
            Arrays.fill(params, roundBias(l), roundBias(l) + hidden, 0);
        }
    }

    private void uniform(Rng rng, int at, int n, double limit) {
        for (int k = 0; k < n; k++) params[at + k] = rng.uniform(-limit, limit);
    }

    private int inputWeights() { return offset; }
    private int inputBias() { return offset + features * hidden; }
    private int roundWeights(int l, int which) { return inputBias() + hidden + l * (3 * hidden * hidden + hidden) + which * hidden * hidden; }
    private int roundBias(int l) { return roundWeights(l, 3); }

    /** The embedding of every group of {@code pg} ({@code groups × hidden}, this network's buffer until the next call). */
    public double[][] forward(PlacementGraph pg, double[][] input) {
        int n = pg.groups();
        ensure(n);
        graph = pg;
        x = input;
        for (int g = 0; g < n; g++) {
            double[] y = h[0][g];
            System.arraycopy(params, inputBias(), y, 0, hidden);
            for (int k = 0; k < features; k++) axpyParams(y, input[g][k], inputWeights() + k * hidden);
            relu(y);
        }
        for (int l = 0; l < rounds; l++) {
            double[][] in = h[l], out = h[l + 1], pm = parentMean[l], cm = childMean[l];
            for (int g = 0; g < n; g++) {
                mean(in, pg, g, true, pm[g]);
                mean(in, pg, g, false, cm[g]);
                double[] y = out[g];
                System.arraycopy(params, roundBias(l), y, 0, hidden);
                for (int k = 0; k < hidden; k++) {
                    axpyParams(y, in[g][k], roundWeights(l, 0) + k * hidden);
                    axpyParams(y, pm[g][k], roundWeights(l, 1) + k * hidden);
                    axpyParams(y, cm[g][k], roundWeights(l, 2) + k * hidden);
                }
                relu(y);
            }
        }
        return h[rounds];
    }

    /** y += a · (the {@code hidden} parameters from {@code at}). */
    private void axpyParams(double[] y, double a, int at) {
        if (a == 0) return;
        for (int j = 0; j < hidden; j++) y[j] += a * params[at + j];
    }

    /** The mean of the parents' (or children's) rows of {@code in} for group g, or zero without any. */
    private void mean(double[][] in, PlacementGraph pg, int g, boolean parents, double[] out) {
        Arrays.fill(out, 0);
        int from = parents ? pg.inStart(g) : pg.outStart(g), to = parents ? pg.inStart(g + 1) : pg.outStart(g + 1);
        for (int e = from; e < to; e++) Mlp.axpy(out, 1, in[parents ? pg.inGroup(e) : pg.outGroup(e)], hidden);
        if (to > from) for (int j = 0; j < hidden; j++) out[j] /= to - from;
    }

    private static void relu(double[] y) {
        for (int j = 0; j < y.length; j++) y[j] = Math.max(y[j], 0.0);
    }

    /** Adds dLoss/dParameters for dLoss/d(embeddings) of the last {@link #forward} ({@code groups × hidden}). */
    public void backward(double[][] dEmbeddings) {
        PlacementGraph pg = graph;
        int n = pg.groups();
        for (int g = 0; g < n; g++) System.arraycopy(dEmbeddings[g], 0, delta[g], 0, hidden);
        for (int l = rounds - 1; l >= 0; l--) {
            double[][] in = h[l], out = h[l + 1], pm = parentMean[l], cm = childMean[l];
            for (int g = 0; g < n; g++) {
                double[] d = delta[g];
                for (int j = 0; j < hidden; j++) if (!(out[g][j] > 0)) d[j] = 0; // through the ReLU
                addBias(roundBias(l), d);
                for (int k = 0; k < hidden; k++) {
                    addOuter(roundWeights(l, 0) + k * hidden, in[g][k], d);
                    addOuter(roundWeights(l, 1) + k * hidden, pm[g][k], d);
                    addOuter(roundWeights(l, 2) + k * hidden, cm[g][k], d);
                }
            }
            for (double[] row : deltaPrevious) Arrays.fill(row, 0);
            for (int g = 0; g < n; g++) {
                double[] d = delta[g];
                backThrough(roundWeights(l, 0), d, 1, deltaPrevious[g]);
                int pf = pg.inStart(g), pt = pg.inStart(g + 1);
                for (int e = pf; e < pt; e++) backThrough(roundWeights(l, 1), d, 1.0 / (pt - pf), deltaPrevious[pg.inGroup(e)]);
                int cf = pg.outStart(g), ct = pg.outStart(g + 1);
                for (int e = cf; e < ct; e++) backThrough(roundWeights(l, 2), d, 1.0 / (ct - cf), deltaPrevious[pg.outGroup(e)]);
            }
            double[][] t = delta;
            delta = deltaPrevious;
            deltaPrevious = t;
        }
        for (int g = 0; g < n; g++) {
            double[] d = delta[g];
            for (int j = 0; j < hidden; j++) if (!(h[0][g][j] > 0)) d[j] = 0;
            addBias(inputBias(), d);
            for (int k = 0; k < features; k++) addOuter(inputWeights() + k * hidden, x[g][k], d);
        }
    }

    private void addBias(int at, double[] d) {
        for (int j = 0; j < hidden; j++) grads[at + j] += d[j];
    }

    /** The gradient row at {@code at} += a · d. */
    private void addOuter(int at, double a, double[] d) {
        if (a == 0) return;
        for (int j = 0; j < hidden; j++) grads[at + j] += a * d[j];
    }

    /** out += scale · d · Wᵀ for the hidden × hidden matrix at {@code at}. */
    private void backThrough(int at, double[] d, double scale, double[] out) {
        for (int k = 0; k < hidden; k++) {
            double s = 0;
            int row = at + k * hidden;
            for (int j = 0; j < hidden; j++) s += params[row + j] * d[j];
            out[k] += scale * s;
        }
    }

    private void ensure(int n) {
        if (h != null && h[0].length >= n) return;
        h = new double[rounds + 1][n][hidden];
        parentMean = new double[rounds][n][hidden];
        childMean = new double[rounds][n][hidden];
        delta = new double[n][hidden];
        deltaPrevious = new double[n][hidden];
    }
}
