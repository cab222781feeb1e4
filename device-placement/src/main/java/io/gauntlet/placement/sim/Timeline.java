package io.gauntlet.placement.sim;

/**
 * When each op ran and each transfer moved, for Gantt charts. Arrays are indexed by op / by transfer.
 */
public record Timeline(int[] opDevice, double[] opStart, double[] opEnd,
                       int[] transferOp, int[] transferSrc, int[] transferDst,
                       double[] transferStart, double[] transferEnd) {
    public int transfers() { return transferOp.length; }
}
