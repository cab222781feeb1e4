package io.gauntlet.placement.zoo;

import io.gauntlet.core.BadInputException;
import io.gauntlet.placement.graph.Graph;
import io.gauntlet.placement.graph.Op;
import io.gauntlet.placement.graph.Phase;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class ZooTest {
    @Test
    void inceptionV3ParameterCountMatchesTheReferenceModel() {
        // Keras' InceptionV3 (same layout, BN without scale): 23,817,352 trainable parameters with the 1000-way top
        assertEquals(23_817_352L, InceptionV3.parameterCount(false));
        // aux head by hand: 1x1 conv 768→128 (+128 betas), 5x5 conv 128→768 (+768 betas), 768→1000 logits + biases
        long aux = 768L * 128 + 128 + 5L * 5 * 128 * 768 + 768 + 768L * 1000 + 1000;
        assertEquals(3_325_800L, aux);
        assertEquals(23_817_352L + aux, InceptionV3.parameterCount(true));
    }

    @Test
    void inceptionV3ForwardCostIsAbout5Point7GigaMultiplyAddsPerImage() {
        double macs = InceptionV3.forwardMacsPerImage(false);
        assertEquals(5.7e9, macs, 0.01 * 5.7e9);
    }

    @Test
    void inceptionV3ShapesAndFirstLayerByHand() {
        Graph g = InceptionV3.build(1, true);
        // 299 → (299 - 3) / 2 + 1 = 149; 149·149·(3·3·3)·32 multiply-adds, plus 6 FLOPs per output for BN + ReLU
        Op conv1 = g.op(g.indexOf("Conv2d_1a_3x3"));
        assertArrayEquals(new long[] {1, 149, 149, 32}, conv1.outputShape());
        assertEquals(2.0 * 149 * 149 * 27 * 32 + 6.0 * 149 * 149 * 32, conv1.flops(), 1e-3);
        assertArrayEquals(new long[] {1, 35, 35, 256}, g.op(g.indexOf("Mixed_5b")).outputShape());
        assertArrayEquals(new long[] {1, 35, 35, 288}, g.op(g.indexOf("Mixed_5d")).outputShape());
        assertArrayEquals(new long[] {1, 17, 17, 768}, g.op(g.indexOf("Mixed_6a")).outputShape());
        assertArrayEquals(new long[] {1, 17, 17, 768}, g.op(g.indexOf("Mixed_6e")).outputShape());
        assertArrayEquals(new long[] {1, 8, 8, 1280}, g.op(g.indexOf("Mixed_7a")).outputShape());
        assertArrayEquals(new long[] {1, 8, 8, 2048}, g.op(g.indexOf("Mixed_7c")).outputShape());
    }

    @Test
    void inceptionTrainingStepHasBackwardAboutTwiceForwardAndResidentOptimizerState() {
        Graph g = Zoo.build("inception-v3");
        double ratio = g.flops(Phase.BACKWARD) / g.flops(Phase.FORWARD);
        assertTrue(ratio > 1.9 && ratio <= 2.0, "backward/forward = " + ratio); // the first conv needs no input gradient
        assertEquals(2 * 32 * 5.72e9, g.flops(Phase.FORWARD), 0.01 * 2 * 32 * 5.72e9);
        // weights + two optimizer slots, fp32
        assertEquals(4L * 3 * InceptionV3.parameterCount(true), g.totalParamBytes());
        int updates = 0;
        for (Op op : g.ops()) if (op.phase() == Phase.UPDATE) updates++;
        assertEquals(95 + 3, updates); // 94 convolutions + logits, aux: 2 convolutions + logits
    }

    @Test
    void rnnlmParametersAndForwardFlopsByHand() {
        long b = 64, h = 2048, v = 10_000, t = 40;
        Graph g = Zoo.build("rnnlm");
        long lstm = (2 * h) * 4 * h + 4 * h;          // W: [x; h] → 4 gates, plus biases
        long params = 2 * lstm + v * h + (h * v + v); // two layers, embedding, softmax
        assertEquals(4L * 3 * params, g.totalParamBytes());
        double matmuls = t * (2 * 2.0 * b * (2 * h) * 4 * h + 2.0 * b * h * v);
        assertEquals(matmuls, g.flops(Phase.FORWARD), 0.01 * matmuls);
    }

    @Test
    void nmtHasEncoderDecoderAttentionAndGnmtIsDeeper() {
        Graph nmt = Zoo.build("nmt");
        assertTrue(nmt.indexOf("encoder/lstm_1/cell_39") >= 0);
        assertTrue(nmt.indexOf("decoder/lstm_1/cell_39") >= 0);
        assertTrue(nmt.indexOf("attention/step_0") >= 0);
        // decoder layer l starts from encoder layer l's final state
        int first = nmt.indexOf("decoder/lstm_0/gates_0");
        assertTrue(java.util.Arrays.stream(nmt.inputs(first)).anyMatch(i -> nmt.op(i).name().equals("encoder/lstm_0/cell_39")));
        Graph gnmt = Zoo.build("gnmt");
        assertTrue(gnmt.indexOf("decoder/lstm_7/cell_39") >= 0);
        assertTrue(gnmt.totalFlops() > 2 * nmt.totalFlops());
    }

    @Test
    void sizeOverridesAndTheirErrors() {
        Graph small = Zoo.build("nmt:hidden=64,steps=5,vocab=100,batch=2");
        assertTrue(small.indexOf("encoder/lstm_1/cell_4") >= 0);
        assertTrue(small.indexOf("encoder/lstm_1/cell_5") < 0);
        assertThrows(BadInputException.class, () -> Zoo.build("nope"));
        assertThrows(BadInputException.class, () -> Zoo.build("rnnlm:hidden=x"));
        assertThrows(BadInputException.class, () -> Zoo.build("rnnlm:colour=3"));
        assertThrows(BadInputException.class, () -> Zoo.build("rnnlm:hidden=0"));
        assertThrows(BadInputException.class, () -> Zoo.build("inception-v3:aux=2"));
    }
}
