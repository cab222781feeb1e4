package io.gauntlet.placement.device;

import io.gauntlet.placement.graph.Op;

/**
 * How much a step's parts cost: the time of an op on a device, of a tensor on a link, and the memory a framework
 * holds. The simulator asks once per op, device and link, then runs on the answers. A cluster file names its
 * profile ({@code "profile": "tf2017-k80"}); {@link CostProfiles} lists them.
 */
public interface CostProfile {
    String id();

    String description();

    /** Seconds the op runs on a device of this type (which can run it). */
    double opTime(Op op, DeviceType device);

    /** Seconds a transfer occupies the link before its first byte moves. */
    double transferSetup(LinkType link);

    /** Bytes per second a transfer moves on the link. */
    double transferBandwidth(LinkType link);

    /**
     * Bytes the op allocates on its own device when it starts and holds until its output is freed: the output
     * and whatever the framework keeps with it for the backward pass. A variable's output aliases its parameters.
     */
    long heldBytes(Op op);

    /** Bytes of device memory each byte of a tensor or parameter costs once allocated (1: none lost). */
    double allocationOverhead();

    /** Bytes of the device's memory that a step may use. */
    long usableMemory(DeviceType device);
}
