package io.gauntlet.placement.graph;

/**
 * What kind of kernel an op runs, as far as its cost is concerned: libraries reach very different fractions of
 * a device's peak on convolutions, matrix products and element-wise work. Read from the op's type (a gradient
 * op's type starts with its forward op's type, {@code Conv2DGradInput}); unknown types are element-wise.
 */
public enum OpKind {
    /** Variables and inputs: resident or fed, no kernel runs. */
    SOURCE,
    /** Convolutions (in the zoo with their batch norm and ReLU). */
    CONVOLUTION,
    /** Matrix products, attention (batched products). */
    MATMUL,
    /** An LSTM cell's gate non-linearities and state update, element-wise over 4 × hidden. */
    LSTM_CELL,
    /** Everything else: sums, pools, concatenation, softmax, gathers, optimizer updates. */
    ELEMENTWISE;

    public static OpKind of(Op op) {
        String t = op.type();
        if (op.isVariable() || t.equals("Input")) return SOURCE;
        if (t.startsWith("Conv2D")) return CONVOLUTION;
        if (t.startsWith("MatMul") || t.startsWith("BatchMatMul") || t.startsWith("Attention")) return MATMUL;
        if (t.startsWith("LSTMCell")) return LSTM_CELL;
        return ELEMENTWISE;
    }
}
