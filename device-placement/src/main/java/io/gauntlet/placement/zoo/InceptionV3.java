package io.gauntlet.placement.zoo;

import io.gauntlet.placement.graph.Graph;

/**
 * Inception-V3 training step (Szegedy et al. 2016, in the layout of tensorflow/models slim): 299×299×3 input,
 * every convolution followed by batch norm (beta only, as slim) and ReLU, auxiliary head on Mixed_6e,
 * RMSProp-style optimizer (2 slots). Expert stages: the branch index inside each mixed block (0-3);
 * stem, concatenations and head are stage 0.
 */
public final class InceptionV3 {
    private final TrainingGraphBuilder b;
    private final long batch;
    private double forwardMacs;
    private int convs;

    private InceptionV3(long batch, int slots) {
        this.batch = batch;
        this.b = new TrainingGraphBuilder("inception-v3", slots);
    }

    /** The graph of one training step. */
    public static Graph build(long batch, boolean auxHead) {
        return new InceptionV3(batch, 2).forward(auxHead).b.build("loss");
    }

    /** Trainable parameters (conv weights, BN betas, logits weights and biases). */
    public static long parameterCount(boolean auxHead) {
        return new InceptionV3(1, 2).forward(auxHead).b.parameterCount();
    }

    /** Forward multiply-adds per image (convolutions and the logits layer). */
    public static double forwardMacsPerImage(boolean auxHead) {
        return new InceptionV3(1, 2).forward(auxHead).forwardMacs;
    }

    private int stage;

    private InceptionV3 forward(boolean auxHead) {
        String x = b.input("images", batch, 299, 299, 3);
        String labels = b.input("labels", batch, 1000);
        x = conv("Conv2d_1a_3x3", x, 3, 3, 32, 2, false);
        x = conv("Conv2d_2a_3x3", x, 3, 3, 32, 1, false);
        x = conv("Conv2d_2b_3x3", x, 3, 3, 64, 1, true);
        x = pool("MaxPool_3a_3x3", x, 3, 2, false, true);
        x = conv("Conv2d_3b_1x1", x, 1, 1, 80, 1, false);
        x = conv("Conv2d_4a_3x3", x, 3, 3, 192, 1, false);
        x = pool("MaxPool_5a_3x3", x, 3, 2, false, true);

        x = mixed5("Mixed_5b", x, 32);
        x = mixed5("Mixed_5c", x, 64);
        x = mixed5("Mixed_5d", x, 64);

        String p = "Mixed_6a/";
        stage = 0;
        String a = conv(p + "Branch_0/Conv2d_1a_1x1", x, 3, 3, 384, 2, false);
        stage = 1;
        String c = conv(p + "Branch_1/Conv2d_0a_1x1", x, 1, 1, 64, 1, true);
        c = conv(p + "Branch_1/Conv2d_0b_3x3", c, 3, 3, 96, 1, true);
        c = conv(p + "Branch_1/Conv2d_1a_1x1", c, 3, 3, 96, 2, false);
        stage = 2;
        String d = pool(p + "Branch_2/MaxPool_1a_3x3", x, 3, 2, false, true);
        x = concat("Mixed_6a", a, c, d);

        x = mixed6("Mixed_6b", x, 128);
        x = mixed6("Mixed_6c", x, 160);
        x = mixed6("Mixed_6d", x, 160);
        x = mixed6("Mixed_6e", x, 192);

        String auxLoss = null;
        if (auxHead) {
            stage = 0;
            String y = pool("AuxLogits/AvgPool_1a_5x5", x, 5, 3, false, false);
            y = conv("AuxLogits/Conv2d_1b_1x1", y, 1, 1, 128, 1, true);
            y = conv("AuxLogits/Conv2d_2a_5x5", y, 5, 5, 768, 1, false);
            y = logits("AuxLogits/Conv2d_2b_1x1", y);
            auxLoss = b.op("AuxLogits/loss", "SoftmaxCrossEntropy", 5.0 * batch * 1000, 5.0 * batch * 1000, true, 0,
                    new long[] {batch}, y, labels);
        }

        p = "Mixed_7a/";
        stage = 0;
        a = conv(p + "Branch_0/Conv2d_0a_1x1", x, 1, 1, 192, 1, true);
        a = conv(p + "Branch_0/Conv2d_1a_3x3", a, 3, 3, 320, 2, false);
        stage = 1;
        c = conv(p + "Branch_1/Conv2d_0a_1x1", x, 1, 1, 192, 1, true);
        c = conv(p + "Branch_1/Conv2d_0b_1x7", c, 1, 7, 192, 1, true);
        c = conv(p + "Branch_1/Conv2d_0c_7x1", c, 7, 1, 192, 1, true);
        c = conv(p + "Branch_1/Conv2d_1a_3x3", c, 3, 3, 192, 2, false);
        stage = 2;
        d = pool(p + "Branch_2/MaxPool_1a_3x3", x, 3, 2, false, true);
        x = concat("Mixed_7a", a, c, d);

        x = mixed7("Mixed_7b", x);
        x = mixed7("Mixed_7c", x);

        stage = 0;
        x = pool("Logits/AvgPool_1a_8x8", x, 8, 1, false, false);
        // dropout is elementwise and cheap; left out
        x = logits("Logits/Conv2d_1c_1x1", x);
        String loss = b.op("Logits/loss", "SoftmaxCrossEntropy", 5.0 * batch * 1000, 5.0 * batch * 1000, true, 0,
                new long[] {batch}, x, labels);
        if (auxLoss != null) b.op("loss", "AddN", batch, batch, false, 0, new long[] {1}, loss, auxLoss);
        else b.op("loss", "Sum", batch, batch, false, 0, new long[] {1}, loss);
        return this;
    }

    private String mixed5(String p, String x, int poolProj) {
        stage = 0;
        String a = conv(p + "/Branch_0/Conv2d_0a_1x1", x, 1, 1, 64, 1, true);
        stage = 1;
        String c = conv(p + "/Branch_1/Conv2d_0a_1x1", x, 1, 1, 48, 1, true);
        c = conv(p + "/Branch_1/Conv2d_0b_5x5", c, 5, 5, 64, 1, true);
        stage = 2;
        String d = conv(p + "/Branch_2/Conv2d_0a_1x1", x, 1, 1, 64, 1, true);
        d = conv(p + "/Branch_2/Conv2d_0b_3x3", d, 3, 3, 96, 1, true);
        d = conv(p + "/Branch_2/Conv2d_0c_3x3", d, 3, 3, 96, 1, true);
        stage = 3;
        String e = pool(p + "/Branch_3/AvgPool_0a_3x3", x, 3, 1, true, false);
        e = conv(p + "/Branch_3/Conv2d_0b_1x1", e, 1, 1, poolProj, 1, true);
        return concat(p, a, c, d, e);
    }

    private String mixed6(String p, String x, int m) {
        stage = 0;
        String a = conv(p + "/Branch_0/Conv2d_0a_1x1", x, 1, 1, 192, 1, true);
        stage = 1;
        String c = conv(p + "/Branch_1/Conv2d_0a_1x1", x, 1, 1, m, 1, true);
        c = conv(p + "/Branch_1/Conv2d_0b_1x7", c, 1, 7, m, 1, true);
        c = conv(p + "/Branch_1/Conv2d_0c_7x1", c, 7, 1, 192, 1, true);
        stage = 2;
        String d = conv(p + "/Branch_2/Conv2d_0a_1x1", x, 1, 1, m, 1, true);
        d = conv(p + "/Branch_2/Conv2d_0b_7x1", d, 7, 1, m, 1, true);
        d = conv(p + "/Branch_2/Conv2d_0c_1x7", d, 1, 7, m, 1, true);
        d = conv(p + "/Branch_2/Conv2d_0d_7x1", d, 7, 1, m, 1, true);
        d = conv(p + "/Branch_2/Conv2d_0e_1x7", d, 1, 7, 192, 1, true);
        stage = 3;
        String e = pool(p + "/Branch_3/AvgPool_0a_3x3", x, 3, 1, true, false);
        e = conv(p + "/Branch_3/Conv2d_0b_1x1", e, 1, 1, 192, 1, true);
        return concat(p, a, c, d, e);
    }

    private String mixed7(String p, String x) {
        stage = 0;
        String a = conv(p + "/Branch_0/Conv2d_0a_1x1", x, 1, 1, 320, 1, true);
        stage = 1;
        String c = conv(p + "/Branch_1/Conv2d_0a_1x1", x, 1, 1, 384, 1, true);
        String c1 = conv(p + "/Branch_1/Conv2d_0b_1x3", c, 1, 3, 384, 1, true);
        String c2 = conv(p + "/Branch_1/Conv2d_0c_3x1", c, 3, 1, 384, 1, true);
        stage = 2;
        String d = conv(p + "/Branch_2/Conv2d_0a_1x1", x, 1, 1, 448, 1, true);
        d = conv(p + "/Branch_2/Conv2d_0b_3x3", d, 3, 3, 384, 1, true);
        String d1 = conv(p + "/Branch_2/Conv2d_0c_1x3", d, 1, 3, 384, 1, true);
        String d2 = conv(p + "/Branch_2/Conv2d_0d_3x1", d, 3, 1, 384, 1, true);
        stage = 3;
        String e = pool(p + "/Branch_3/AvgPool_0a_3x3", x, 3, 1, true, false);
        e = conv(p + "/Branch_3/Conv2d_0b_1x1", e, 1, 1, 192, 1, true);
        return concat(p, a, c1, c2, d1, d2, e);
    }

    /** Convolution + batch norm (beta) + ReLU. Weights kh·kw·cin·cout plus cout betas. */
    private String conv(String name, String x, int kh, int kw, int cout, int stride, boolean same) {
        long[] s = b.shape(x);
        long h = outSize(s[1], kh, stride, same), w = outSize(s[2], kw, stride, same), cin = s[3];
        long macs = h * w * kh * kw * cin * cout;
        forwardMacs += macs;
        convs++;
        String weights = b.variable(name + "/weights", (long) kh * kw * cin * cout + cout, stage);
        long out = batch * h * w * cout;
        double flops = 2.0 * batch * macs + 6.0 * out; // conv + batch norm + ReLU
        return b.op(name, "Conv2D", flops, flops, true, stage, new long[] {batch, h, w, cout}, x, weights);
    }

    /** The logits layer: a 1×1 convolution to 1000 classes with biases, no batch norm. */
    private String logits(String name, String x) {
        long[] s = b.shape(x);
        long cin = s[1] * s[2] * s[3];
        forwardMacs += cin * 1000;
        String weights = b.variable(name + "/weights", cin * 1000 + 1000, stage);
        double flops = 2.0 * batch * cin * 1000;
        return b.op(name, "MatMul", flops, flops, true, stage, new long[] {batch, 1000}, x, weights);
    }

    private String pool(String name, String x, int k, int stride, boolean same, boolean max) {
        long[] s = b.shape(x);
        long h = outSize(s[1], k, stride, same), w = outSize(s[2], k, stride, same);
        long[] shape = {batch, h, w, s[3]};
        double flops = (double) k * k * TrainingGraphBuilder.elements(shape);
        return b.op(name, max ? "MaxPool" : "AvgPool", flops, flops, max, stage, shape, x);
    }

    private String concat(String name, String... parts) {
        long[] s = b.shape(parts[0]);
        long c = 0;
        for (String p : parts) c += b.shape(p)[3];
        stage = 0;
        return b.op(name, "ConcatV2", 0, 0, false, 0, new long[] {s[0], s[1], s[2], c}, parts);
    }

    private static long outSize(long in, int k, int stride, boolean same) {
        return same ? (in + stride - 1) / stride : (in - k) / stride + 1;
    }

    int convolutions() { return convs; }
}
