package io.gauntlet.placement.device;

import io.gauntlet.core.BadInputException;
import io.gauntlet.placement.device.FrameworkProfile.DeviceCosts;
import io.gauntlet.placement.device.FrameworkProfile.PerKind;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cost profiles, by id: the plain hardware roofline, and {@code tf2017-k80}, TensorFlow as the paper ran it
 * in 2017 on one Haswell and K80s (Mirhoseini et al. 2017, Table 1). Each constant of the latter says where it
 * comes from: a public measurement, the structure of TensorFlow's graphs, or a fit to the paper's columns that need
 * no learning (see {@link io.gauntlet.placement.Calibration} and the module README).
 */
public final class CostProfiles {
    public static final RooflineProfile ROOFLINE = new RooflineProfile();

    // ---------------------------------------------------------------- tf2017-k80

    /** Host-side seconds per GPU kernel: the executor's bookkeeping plus a CUDA launch (about 5 µs on Kepler). */
    static final double GPU_DISPATCH = 10e-6;
    /** Host-side seconds per CPU kernel: a trivial op's round trip through TensorFlow's C++ runtime, measured 8 µs. */
    static final double CPU_DISPATCH = 8e-6;

    /**
     * Kernels per forward op of our graphs. Convolution: slim's conv + unfused batch norm (moments, normalise,
     * two moving-average updates) + ReLU + variable reads ≈ 20. MatMul of an LSTM: concat, matmul, bias add,
     * read = 4. LSTM cell: split, 3 sigmoids, 2 tanh, 3 multiplies, 2 adds ≈ 12. Others: one kernel.
     */
    static final PerKind KERNELS_FORWARD = new PerKind(20, 4, 12, 1);
    /** Kernels per gradient op (one per input): ReLU and batch-norm gradients + the conv's ≈ 10; matmul + slicing 3. */
    static final PerKind KERNELS_BACKWARD = new PerKind(10, 3, 12, 1);

    /** K80 fraction of peak on convolutions: fitted to Inception-V3 on one GPU (4.60 s). */
    static final double GPU_CONVOLUTION = 0.057;
    /** K80 fraction of peak on matrix products: fitted to RNNLM on one GPU (1.57 s). */
    static final double GPU_MATMUL = 0.32;
    /** K80 fraction of peak bandwidth on element-wise kernels: about 170 of 240 GB/s with ECC on. */
    static final double GPU_ELEMENTWISE = 0.7;
    /** Haswell fraction of peak on convolutions (Eigen, 2017): fitted to Inception-V3 on the CPU (26.21 s). */
    static final double CPU_CONVOLUTION = 0.033;
    /** Haswell fraction of peak on matrix products: fitted to RNNLM and NMT on the CPU (6.89 s, 10.72 s). */
    static final double CPU_MATMUL = 0.17;
    /** Haswell fraction of peak bandwidth on element-wise kernels: Eigen over 18 threads, about half of 68 GB/s. */
    static final double CPU_ELEMENTWISE = 0.5;
    /** An unfused LSTM cell's 12 kernels each re-read their inputs: about 4 × a fused cell's memory traffic. */
    static final double LSTM_CELL_TRAFFIC = 4;

    /**
     * Bytes held per output byte by forward ops until their backward pass: a convolution block keeps the conv and
     * batch-norm outputs besides its ReLU output (3); a cell keeps its 4 gate activations, c, tanh(c) and h beside
     * [h, c] (7 / 2 = 3.5).
     */
    static final PerKind ACTIVATION_FACTOR = new PerKind(3, 1, 3.5, 1);
    /**
     * Device bytes per byte our graphs account for (allocator slack and tensors they leave out): fitted so NMT runs
     * out of memory on one K80 as in the paper while RNNLM, Inception-V3 and the expert's NMT on 2 GPUs fit; any
     * value in (1.32, 1.78) does.
     */
    static final double ALLOCATION_OVERHEAD = 1.5;
    /** TensorFlow leaves max(300 MiB, 5 % of the free memory) of a GPU to the system (gpu_device.cc, MinSystemMemory). */
    static final long GPU_RESERVE_MIN = 300L << 20;
    static final double GPU_RESERVE_FRACTION = 0.05;

    /**
     * Seconds per cross-device transfer before its bytes move: fitted to the expert's placements (RNNLM 3.81 s and
     * 4.46 s, NMT 4.99 s and 4.73 s on 2 and 4 GPUs). Baechi measured 134 µs for a tensor copy under TensorFlow;
     * the paper's step paid some 400 times more per cross-device dependency, which is why splitting lost.
     */
    static final double TRANSFER_SETUP = 55e-3;
    /** Fraction of the link's bandwidth a copy reaches: Baechi's 0.1754 µs per KB is 5.8 GB/s of PCIe 3's 12. */
    static final double TRANSFER_EFFICIENCY = 0.48;

    public static final FrameworkProfile TF2017_K80 = new FrameworkProfile("tf2017-k80",
            "TensorFlow 2017 on the paper's Haswell + K80s: per-kernel dispatch, per-kind efficiency, activations kept "
                    + "for backward, per-transfer set-up; calibrated on Mirhoseini et al. 2017, Table 1",
            new DeviceCosts(CPU_DISPATCH, new PerKind(CPU_CONVOLUTION, CPU_MATMUL,
                    CPU_ELEMENTWISE / LSTM_CELL_TRAFFIC, CPU_ELEMENTWISE), 0, 0),
            new DeviceCosts(GPU_DISPATCH, new PerKind(GPU_CONVOLUTION, GPU_MATMUL,
                    GPU_ELEMENTWISE / LSTM_CELL_TRAFFIC, GPU_ELEMENTWISE), GPU_RESERVE_FRACTION, GPU_RESERVE_MIN),
            KERNELS_FORWARD, KERNELS_BACKWARD, ACTIVATION_FACTOR, ALLOCATION_OVERHEAD, TRANSFER_SETUP, TRANSFER_EFFICIENCY);

    private static final Map<String, CostProfile> ALL = new LinkedHashMap<>();

    static {
        for (CostProfile p : List.of(ROOFLINE, TF2017_K80)) ALL.put(p.id(), p);
    }

    private CostProfiles() {}

    public static List<CostProfile> all() { return List.copyOf(ALL.values()); }

    public static List<String> ids() { return List.copyOf(ALL.keySet()); }

    public static CostProfile get(String id) {
        CostProfile p = ALL.get(id);
        if (p == null) throw new BadInputException("unknown cost profile '" + id + "' (known: " + String.join(", ", ALL.keySet()) + ")");
        return p;
    }
}
