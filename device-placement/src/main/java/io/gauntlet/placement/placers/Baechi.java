package io.gauntlet.placement.placers;

import io.gauntlet.placement.graph.Graph;

/**
 * Baechi's memory-constrained placers (Jeon et al. 2020), on the GPUs. An op needs its resident parameters
 * plus its output ({@link Problem#memory}); a device's budget is its capacity.
 * <ul>
 * <li>m-TOPO: walk the ops in topological order and fill one device after another, each up to
 *     total memory / number of devices (never above its capacity).</li>
 * <li>m-ETF: list scheduling; repeatedly start the ready (op, device) pair with the earliest start time among
 *     devices whose budget still holds the op.</li>
 * </ul>
 * Co-located ops follow the op they are co-located with.
 */
public final class Baechi {
    private Baechi() {}

    public static final Placer M_TOPO = new Placer() {
        public String id() { return "m-topo"; }
        public String description() { return "Baechi m-TOPO: topological order, fill each GPU to an equal share of memory"; }
        public int[] place(Problem p) {
            Graph g = p.graph();
            int[] gpus = p.gpus();
            long total = 0;
            for (int i = 0; i < g.size(); i++) total += p.memory(i);
            long share = total / gpus.length + 1;
            long[] used = new long[gpus.length];
            int[] placement = new int[g.size()];
            java.util.Arrays.fill(placement, -1);
            int k = 0;
            for (int i : g.topologicalOrder()) {
                int leader = g.colocatedWith(i);
                if (leader >= 0 && placement[leader] >= 0) {
                    int d = indexOf(gpus, placement[leader]);
                    placement[i] = gpus[d];
                    used[d] += p.memory(i);
                    continue;
                }
                long cap = Math.min(share, p.cluster().device(gpus[k]).type().memoryBytes());
                if (used[k] + p.memory(i) > cap && k < gpus.length - 1) k++;
                placement[i] = gpus[k];
                used[k] += p.memory(i);
            }
            return p.enforceColocation(placement);
        }
    };

    public static final Placer M_ETF = new Placer() {
        public String id() { return "m-etf"; }
        public String description() { return "Baechi m-ETF: earliest-start (op, GPU) pair first, under each GPU's memory"; }
        public int[] place(Problem p) {
            Graph g = p.graph();
            int n = g.size();
            int[] gpus = p.gpus();
            long[] used = new long[gpus.length];
            double[] free = new double[gpus.length];
            double[] finish = new double[n];
            int[] placement = new int[n];
            java.util.Arrays.fill(placement, -1);
            int[] waiting = new int[n];
            int[] ready = new int[n];
            int nReady = 0;
            for (int i = 0; i < n; i++) {
                waiting[i] = g.inputs(i).length;
                if (waiting[i] == 0) ready[nReady++] = i;
            }
            for (int placed = 0; placed < n; placed++) {
                int bestOp = -1, bestK = -1, bestSlot = -1;
                double bestStart = Double.POSITIVE_INFINITY;
                boolean bestFits = false;
                for (int r = 0; r < nReady; r++) {
                    int i = ready[r];
                    int leader = g.colocatedWith(i);
                    for (int k = 0; k < gpus.length; k++) {
                        if (leader >= 0 && placement[leader] >= 0 && placement[leader] != gpus[k]) continue;
                        boolean fits = used[k] + p.memory(i) <= p.cluster().device(gpus[k]).type().memoryBytes();
                        double s = free[k];
                        for (int j : g.inputs(i))
                            s = Math.max(s, finish[j] + p.costs().transferTime(j, placement[j], gpus[k]));
                        // prefer pairs that fit in memory; among them the earliest start; ties: lower op, lower GPU
                        if ((fits && !bestFits) || (fits == bestFits && (s < bestStart
                                || (s == bestStart && (i < bestOp || (i == bestOp && k < bestK)))))) {
                            bestOp = i; bestK = k; bestStart = s; bestFits = fits; bestSlot = r;
                        }
                    }
                }
                int i = bestOp, k = bestK;
                placement[i] = gpus[k];
                used[k] += p.memory(i);
                finish[i] = bestStart + p.costs().opTime(i, gpus[k]);
                free[k] = finish[i];
                ready[bestSlot] = ready[--nReady];
                for (int c : g.consumers(i)) if (--waiting[c] == 0) ready[nReady++] = c;
            }
            return p.enforceColocation(placement);
        }
    };

    private static int indexOf(int[] a, int v) {
        for (int k = 0; k < a.length; k++) if (a[k] == v) return k;
        throw new IllegalStateException();
    }
}
