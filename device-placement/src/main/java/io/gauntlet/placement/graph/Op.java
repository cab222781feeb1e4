package io.gauntlet.placement.graph;

import java.util.Arrays;

/**
 * One operation of a training step.
 *
 * @param name         unique name, e.g. {@code Mixed_5b/Branch_1/Conv2d_0b_5x5}
 * @param type         op type as a framework would name it ({@code Conv2D}, {@code MatMul}, {@code Variable}...)
 * @param phase        forward, backward or update
 * @param flops        floating-point operations (a multiply-add counts 2)
 * @param bytesRead    bytes the op reads from device memory (inputs and weights)
 * @param bytesWritten bytes the op writes to device memory (its outputs)
 * @param outputShape  shape of the output tensor (informational; empty for none)
 * @param outputBytes  bytes of the output tensor: what a transfer moves and what is allocated when it starts
 * @param paramBytes   bytes resident on the op's device for the whole step (weights and optimizer state)
 * @param colocateWith name of an op this one must share a device with, or null
 * @param stage        hint for the human expert's placement (layer / branch index), -1 if none
 */
public record Op(String name, String type, Phase phase, double flops, long bytesRead, long bytesWritten,
                 long[] outputShape, long outputBytes, long paramBytes, String colocateWith, int stage) {

    /** Type of ops whose output aliases their resident parameters: no extra memory on their own device. */
    public static final String VARIABLE = "Variable";

    public Op {
        if (outputShape == null) outputShape = new long[0];
    }

    public boolean isVariable() {
        return VARIABLE.equals(type);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Op p && name.equals(p.name) && type.equals(p.type) && phase == p.phase
                && Double.compare(flops, p.flops) == 0 && bytesRead == p.bytesRead
                && bytesWritten == p.bytesWritten && Arrays.equals(outputShape, p.outputShape)
                && outputBytes == p.outputBytes && paramBytes == p.paramBytes
                && java.util.Objects.equals(colocateWith, p.colocateWith) && stage == p.stage;
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }
}
