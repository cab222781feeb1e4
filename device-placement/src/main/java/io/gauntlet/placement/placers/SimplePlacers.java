package io.gauntlet.placement.placers;

import java.util.Arrays;

/** The trivial baselines: everything on one device, the human expert's, round robin. */
public final class SimplePlacers {
    private SimplePlacers() {}

    /** Every op on the first device of a kind ("cpu" or "gpu"). */
    public static Placer single(String kind) {
        return new Placer() {
            public String id() { return "single-" + kind; }
            public String description() { return "everything on the first " + kind.toUpperCase(java.util.Locale.ROOT); }
            public int[] place(Problem p) {
                int[] placement = new int[p.graph().size()];
                Arrays.fill(placement, p.firstOf(kind));
                return placement;
            }
        };
    }

    /**
     * The human expert's placement from the graph's stage hints: stage s of S goes to GPU floor(s·G/S)
     * (one LSTM layer per GPU, Inception's branches spread over GPUs); ops without a stage go to GPU 0.
     */
    public static final Placer EXPERT = new Placer() {
        public String id() { return "expert"; }
        public String description() { return "human expert: one layer (LSTMs) or branch (Inception) per GPU, from the graph's stage hints"; }
        public int[] place(Problem p) {
            int[] gpus = p.gpus();
            int stages = 0;
            for (int i = 0; i < p.graph().size(); i++) stages = Math.max(stages, p.graph().op(i).stage() + 1);
            int[] placement = new int[p.graph().size()];
            for (int i = 0; i < placement.length; i++) {
                int s = p.graph().op(i).stage();
                placement[i] = gpus[s < 0 ? 0 : (int) ((long) s * gpus.length / stages)];
            }
            return p.enforceColocation(placement);
        }
    };

    /** Groups in order, dealt to the devices that can train in turn. */
    public static final Placer ROUND_ROBIN = new Placer() {
        public String id() { return "round-robin"; }
        public String description() { return "the paper's groups dealt in turn to every device (CPU included)"; }
        public int[] place(Problem p) {
            int[] devices = p.trainingDevices();
            int[] groups = new int[p.grouping().count()];
            for (int g = 0; g < groups.length; g++) groups[g] = devices[g % devices.length];
            return p.enforceColocation(p.grouping().expand(groups));
        }
    };
}
