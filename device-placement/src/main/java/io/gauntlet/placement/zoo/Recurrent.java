package io.gauntlet.placement.zoo;

import io.gauntlet.placement.graph.Graph;

/**
 * Unrolled recurrent models: an LSTM language model (RNNLM) and an encoder-decoder translation model with
 * Luong-style attention (NMT; GNMT when deep). Each LSTM step is a gates MatMul (x_t, state_{t-1}, W) and an
 * elementwise cell op producing [h, c]; weights are shared over time and their per-step gradients
 * accumulated. Full softmax over the vocabulary at every step. Adam-style optimizer (2 slots).
 * Expert stages: one per LSTM layer (encoder layers first, then decoder layers), then one for
 * attention + softmax; embeddings go with their first layer.
 */
public final class Recurrent {
    private final TrainingGraphBuilder b;
    private final long batch, hidden;

    private Recurrent(String name, long batch, long hidden) {
        this.b = new TrainingGraphBuilder(name, 2);
        this.batch = batch;
        this.hidden = hidden;
    }

    /** 2-layer LSTM language model as in the paper (batch 64, 40 steps). */
    public static Graph rnnlm(long batch, int steps, int layers, long hidden, long vocab) {
        Recurrent m = new Recurrent("rnnlm", batch, hidden);
        TrainingGraphBuilder b = m.b;
        String tokens = b.input("tokens", batch, steps);
        String labels = b.input("labels", batch, steps);
        String[] xs = m.embed("embedding", tokens, steps, vocab, 0);
        String[] top = xs;
        for (int l = 0; l < layers; l++) top = m.lstm("lstm_" + l, top, null, l);
        String loss = m.softmaxLoss("softmax", top, labels, vocab, layers);
        return b.build(loss);
    }

    /** Encoder-decoder with attention: {@code layers} LSTM layers on each side. */
    public static Graph nmt(String name, long batch, int steps, int layers, long hidden, long vocab) {
        Recurrent m = new Recurrent(name, batch, hidden);
        TrainingGraphBuilder b = m.b;
        String src = b.input("source_tokens", batch, steps);
        String tgt = b.input("target_tokens", batch, steps);
        String labels = b.input("labels", batch, steps);
        String[] enc = m.embed("encoder/embedding", src, steps, vocab, 0);
        String[][] encLayers = new String[layers][];
        for (int l = 0; l < layers; l++) enc = encLayers[l] = m.lstm("encoder/lstm_" + l, enc, null, l);
        String memory = b.op("encoder/outputs", "Pack", 0, 0, false, layers - 1,
                new long[] {batch, steps, 2 * hidden}, enc);
        String[] dec = m.embed("decoder/embedding", tgt, steps, vocab, layers);
        for (int l = 0; l < layers; l++)
            dec = m.lstm("decoder/lstm_" + l, dec, encLayers[l][steps - 1], layers + l);
        int top = 2 * layers;
        // Luong attention: scores = h_t · memory, context = softmax(scores) · memory, a_t = tanh(W [context; h_t])
        String wAtt = b.variable("attention/weights", 2 * hidden * hidden, top);
        String[] att = new String[steps];
        for (int t = 0; t < steps; t++) {
            double flops = 4.0 * batch * steps * hidden + 2.0 * batch * 2 * hidden * hidden;
            att[t] = b.op("attention/step_" + t, "Attention", flops, flops, true, top,
                    new long[] {batch, hidden}, dec[t], memory, wAtt);
        }
        return b.build(m.softmaxLoss("softmax", att, labels, vocab, top));
    }

    private String[] embed(String name, String tokens, int steps, long vocab, int stage) {
        String table = b.variable(name + "/table", vocab * hidden, stage);
        String[] xs = new String[steps];
        for (int t = 0; t < steps; t++) {
            xs[t] = b.op(name + "/lookup_" + t, "Gather", 0, 0, false, stage, new long[] {batch, hidden}, table, tokens);
            b.sparseGrad(xs[t]);
        }
        return xs;
    }

    /** One LSTM layer unrolled over the inputs; returns the per-step cell outputs [h, c]. */
    private String[] lstm(String name, String[] xs, String initialState, int stage) {
        long in = hidden; // inputs are embeddings or the layer below's h, both of width hidden
        String w = b.variable(name + "/weights", (in + hidden) * 4 * hidden + 4 * hidden, stage);
        String[] out = new String[xs.length];
        String state = initialState;
        for (int t = 0; t < xs.length; t++) {
            double mm = 2.0 * batch * (in + hidden) * 4 * hidden;
            String gates = state == null
                    ? b.op(name + "/gates_" + t, "MatMul", mm, mm, true, stage, new long[] {batch, 4 * hidden}, xs[t], w)
                    : b.op(name + "/gates_" + t, "MatMul", mm, mm, true, stage, new long[] {batch, 4 * hidden}, xs[t], state, w);
            double cell = 10.0 * batch * hidden;
            String c = state == null
                    ? b.op(name + "/cell_" + t, "LSTMCell", cell, cell, true, stage, new long[] {batch, 2 * hidden}, gates)
                    : b.op(name + "/cell_" + t, "LSTMCell", cell, cell, true, stage, new long[] {batch, 2 * hidden}, gates, state);
            out[t] = state = c;
        }
        return out;
    }

    private String softmaxLoss(String name, String[] hs, String labels, long vocab, int stage) {
        String w = b.variable(name + "/weights", hidden * vocab + vocab, stage);
        String[] losses = new String[hs.length];
        for (int t = 0; t < hs.length; t++) {
            double mm = 2.0 * batch * hidden * vocab;
            String logits = b.op(name + "/logits_" + t, "MatMul", mm, mm, true, stage, new long[] {batch, vocab}, hs[t], w);
            double sm = 5.0 * batch * vocab;
            losses[t] = b.op(name + "/loss_" + t, "SoftmaxCrossEntropy", sm, sm, true, stage, new long[] {batch}, logits, labels);
        }
        return b.op("loss", "AddN", (double) batch * hs.length, batch, false, stage, new long[] {1}, losses);
    }
}
