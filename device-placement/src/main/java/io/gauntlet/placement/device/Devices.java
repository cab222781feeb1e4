package io.gauntlet.placement.device;

import io.gauntlet.core.BadInputException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The device and link catalogue. Figures are vendor peaks (fp32 unless noted); efficiencies are round
 * numbers for sustained cuDNN/MKL throughput, not measurements.
 */
public final class Devices {
    private static final double G = 1e9, T = 1e12;
    private static final long GB = 1_000_000_000L, GIB = 1L << 30;

    private static final Map<String, DeviceType> DEVICES = new LinkedHashMap<>();
    private static final Map<String, LinkType> LINKS = new LinkedHashMap<>();

    static {
        // Intel Xeon E5-2699 v3 (Haswell, 18 cores, 2.3 GHz): 18 × 2.3 GHz × 32 fp32 FLOP/cycle (2 AVX2 FMA units);
        // 4 channels DDR4-2133 = 68 GB/s. Host memory as in a typical server of the time.
        device(new DeviceType("haswell", "cpu", "Intel Xeon E5-2699 v3 Haswell, 18 cores at 2.3 GHz (the paper's CPU)",
                1.325 * T, 68 * G, 128 * GIB, 0.35, false));
        // One GK210 die of a Tesla K80 board (a TensorFlow GPU device): 2496 cores × 2 × 875 MHz boost, 240 GB/s,
        // 12 GB of which CUDA reports 11441 MiB.
        device(new DeviceType("k80", "gpu", "NVIDIA Tesla K80, one GK210 die (the paper's GPU): 4.37 TFLOP/s boost, 12 GB",
                4.37 * T, 240 * G, 11441L << 20, 0.5, false));
        device(new DeviceType("p100", "gpu", "NVIDIA Tesla P100 SXM2: 10.6 TFLOP/s, 732 GB/s HBM2, 16 GB",
                10.6 * T, 732 * G, 16 * GIB, 0.6, false));
        device(new DeviceType("v100", "gpu", "NVIDIA Tesla V100 SXM2: 15.7 TFLOP/s, 900 GB/s HBM2, 32 GB",
                15.7 * T, 900 * G, 32 * GIB, 0.6, false));
        device(new DeviceType("a100", "gpu", "NVIDIA A100 SXM4 80 GB: 19.5 TFLOP/s fp32, 2039 GB/s HBM2e",
                19.5 * T, 2039 * G, 80 * GB, 0.65, false));
        device(new DeviceType("h100", "gpu", "NVIDIA H100 SXM5: 67 TFLOP/s fp32 (990 dense bf16), 3.35 TB/s HBM3, 80 GB",
                67 * T, 3350 * G, 80 * GB, 0.65, false));
        // Jouppi et al. 2017: 92 TOPS 8-bit, 8 GiB DDR3 at 34 GB/s; runs inference only.
        device(new DeviceType("tpu-v1", "tpu", "Google TPU v1 (Jouppi et al. 2017): 92 TOPS int8, 8 GiB DDR3 at 34 GB/s, inference only",
                92 * T, 34 * G, 8 * GIB, 0.5, true));

        // Effective per-direction bandwidths; latency per transfer.
        link(new LinkType("pcie3", "PCIe 3.0 x16: 12 GB/s effective, 10 µs", 12 * G, 10e-6));
        link(new LinkType("pcie4", "PCIe 4.0 x16: 24 GB/s effective, 8 µs", 24 * G, 8e-6));
        link(new LinkType("pcie5", "PCIe 5.0 x16: 48 GB/s effective, 6 µs", 48 * G, 6e-6));
        link(new LinkType("nvlink2", "NVLink 2 (V100, two bricks): 50 GB/s per direction, 5 µs", 50 * G, 5e-6));
        link(new LinkType("nvlink3", "NVLink 3 via NVSwitch (A100): 300 GB/s per direction, 4 µs", 300 * G, 4e-6));
        link(new LinkType("nvlink4", "NVLink 4 via NVSwitch (H100): 450 GB/s per direction, 3 µs", 450 * G, 3e-6));
        link(new LinkType("eth10g", "10 Gb Ethernet: 1.25 GB/s, 50 µs", 1.25 * G, 50e-6));
        link(new LinkType("ib100g", "100 Gb InfiniBand EDR: 12.5 GB/s, 5 µs", 12.5 * G, 5e-6));
    }

    private Devices() {}

    private static void device(DeviceType d) { DEVICES.put(d.id(), d); }
    private static void link(LinkType l) { LINKS.put(l.id(), l); }

    public static DeviceType device(String id) {
        DeviceType d = DEVICES.get(id);
        if (d == null) throw new BadInputException("unknown device type '" + id + "' (known: " + String.join(", ", DEVICES.keySet()) + ")");
        return d;
    }

    public static LinkType link(String id) {
        LinkType l = LINKS.get(id);
        if (l == null) throw new BadInputException("unknown link type '" + id + "' (known: " + String.join(", ", LINKS.keySet()) + ")");
        return l;
    }

    public static List<DeviceType> devices() { return List.copyOf(DEVICES.values()); }
    public static List<LinkType> links() { return List.copyOf(LINKS.values()); }
}
