package io.gauntlet.placement.device;

import io.gauntlet.placement.graph.Op;
import io.gauntlet.placement.graph.OpKind;
import io.gauntlet.placement.graph.Phase;

/**
 * What a framework paid on top of the hardware's roofline. An op of kind k on a device of kind c takes
 * <pre>
 *   dispatch(c) × kernels(k, phase) + max(FLOPs / (peak FLOP/s × eff(c, k)), bytes / (peak bandwidth × eff(c, k)))
 * </pre>
 * where kernels is how many framework kernels the op of our graph stands for (a convolution block with its batch
 * norm is dozens), each paying the host-side dispatch of the framework's executor; a transfer occupies its link
 * for {@code transferSetup} + bytes / (link bandwidth × {@code transferEfficiency}); a forward op holds
 * {@code activationFactor(k)} × its output bytes (the intermediate tensors the framework keeps for the backward
 * pass); every byte allocated costs {@code allocationOverhead} bytes of device memory; and the framework leaves
 * max({@code reserveMin}, {@code reserveFraction} × capacity) of each device to the system. Devices that are not
 * CPUs use the accelerator's costs.
 *
 * @param cpu         costs on CPUs
 * @param accelerator costs on GPUs (and any other non-CPU device)
 */
public record FrameworkProfile(String id, String description, DeviceCosts cpu, DeviceCosts accelerator,
                               PerKind kernelsForward, PerKind kernelsBackward, PerKind activationFactor,
                               double allocationOverhead, double transferSetup, double transferEfficiency)
        implements CostProfile {

    /** One number per kind of op that runs a kernel. */
    public record PerKind(double convolution, double matmul, double lstmCell, double elementwise) {
        public double of(OpKind k) {
            return switch (k) {
                case SOURCE -> 0;
                case CONVOLUTION -> convolution;
                case MATMUL -> matmul;
                case LSTM_CELL -> lstmCell;
                case ELEMENTWISE -> elementwise;
            };
        }
    }

    /**
     * What the framework reaches on one kind of device.
     *
     * @param dispatch        seconds of host-side work per kernel (executor, allocation, launch)
     * @param efficiency      fraction of the device's peak FLOP/s and peak bandwidth its kernels reach, per kind
     * @param reserveFraction fraction of the device's memory left to the system
     * @param reserveMin      bytes left to the system at least
     */
    public record DeviceCosts(double dispatch, PerKind efficiency, double reserveFraction, long reserveMin) {}

    public DeviceCosts costs(DeviceType device) {
        return device.isCpu() ? cpu : accelerator;
    }

    /** Framework kernels one op of our graph stands for. */
    public double kernels(Op op) {
        OpKind k = OpKind.of(op);
        return op.phase() == Phase.FORWARD ? kernelsForward.of(k) : kernelsBackward.of(k);
    }

    @Override public double opTime(Op op, DeviceType device) {
        OpKind k = OpKind.of(op);
        if (k == OpKind.SOURCE) return 0;
        DeviceCosts c = costs(device);
        double e = c.efficiency().of(k);
        double compute = op.flops() / (device.peakFlops() * e);
        double memory = (op.bytesRead() + op.bytesWritten()) / (device.memBandwidth() * e);
        return c.dispatch() * kernels(op) + Math.max(compute, memory);
    }

    @Override public double transferSetup(LinkType link) { return transferSetup; }

    @Override public double transferBandwidth(LinkType link) { return link.bandwidth() * transferEfficiency; }

    @Override public long heldBytes(Op op) {
        if (op.isVariable()) return 0;
        OpKind k = OpKind.of(op);
        if (op.phase() != Phase.FORWARD || k == OpKind.SOURCE) return op.outputBytes();
        return Math.round(op.outputBytes() * activationFactor.of(k));
    }

    @Override public double allocationOverhead() { return allocationOverhead; }

    @Override public long usableMemory(DeviceType device) {
        DeviceCosts c = costs(device);
        long reserve = Math.max(c.reserveMin(), Math.round(c.reserveFraction() * device.memoryBytes()));
        return Math.max(0, device.memoryBytes() - reserve);
    }
}
