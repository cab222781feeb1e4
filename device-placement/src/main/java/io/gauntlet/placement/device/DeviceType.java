package io.gauntlet.placement.device;

/**
 * A kind of device: its peaks and memory. How fast ops run on it is a {@link CostProfile}'s business; the plain
 * roofline profile uses sustained = peak × {@code efficiency} (what well-tuned kernels reach on average).
 *
 * @param id            catalogue id ({@code k80}, {@code v100}...)
 * @param kind          {@code cpu}, {@code gpu} or {@code tpu}
 * @param peakFlops     peak fp32 FLOP/s (8-bit ops/s for the inference TPU)
 * @param memBandwidth  peak memory bandwidth, bytes/s
 * @param memoryBytes   memory capacity available to a step, bytes
 * @param efficiency    fraction of peak sustained by real kernels
 * @param inferenceOnly true if the device cannot run backward or update ops (the first TPU)
 */
public record DeviceType(String id, String kind, String description, double peakFlops, double memBandwidth,
                         long memoryBytes, double efficiency, boolean inferenceOnly) {

    public double sustainedFlops() { return peakFlops * efficiency; }
    public double sustainedBandwidth() { return memBandwidth * efficiency; }
    public boolean isGpu() { return kind.equals("gpu"); }
    public boolean isCpu() { return kind.equals("cpu"); }
}
