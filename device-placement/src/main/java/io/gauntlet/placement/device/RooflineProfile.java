package io.gauntlet.placement.device;

import io.gauntlet.placement.graph.Op;

/**
 * The plain roofline: an op takes max(FLOPs / (peak FLOP/s × efficiency), bytes / (peak bandwidth × efficiency))
 * with the device type's one efficiency; a transfer takes the link's latency + bytes / bandwidth; memory holds
 * outputs and parameters only; the whole device memory is usable. No framework overheads: what the hardware
 * could do, not what the frameworks of 2017 did (see {@link FrameworkProfile}).
 */
public final class RooflineProfile implements CostProfile {
    public static final String ID = "roofline";

    RooflineProfile() {}

    @Override public String id() { return ID; }

    @Override public String description() {
        return "hardware roofline: max(FLOPs / sustained FLOP/s, bytes / sustained bandwidth), link latency + bytes / bandwidth, no framework overheads";
    }

    @Override public double opTime(Op op, DeviceType device) {
        double compute = op.flops() / device.sustainedFlops();
        double memory = (op.bytesRead() + op.bytesWritten()) / device.sustainedBandwidth();
        return Math.max(compute, memory);
    }

    @Override public double transferSetup(LinkType link) { return link.latency(); }

    @Override public double transferBandwidth(LinkType link) { return link.bandwidth(); }

    @Override public long heldBytes(Op op) { return op.isVariable() ? 0 : op.outputBytes(); }

    @Override public double allocationOverhead() { return 1; }

    @Override public long usableMemory(DeviceType device) { return device.memoryBytes(); }
}
