package io.gauntlet.placement.placers;

import io.gauntlet.placement.graph.Graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Heterogeneous Earliest Finish Time (Topcuoglu, Hariri and Wu 2002).
 * <ol>
 * <li>Upward rank: rank(i) = mean cost of i + max over successors j of (mean transfer cost i→j + rank(j)).</li>
 * <li>Take tasks by decreasing rank; put each on the processor where it finishes earliest, inserting it into
 *     the earliest idle gap long enough after its inputs arrive (insertion-based policy).</li>
 * </ol>
 * As a placer: tasks are ops, processors the devices that can train, costs the simulator's op and transfer
 * times; co-located ops follow the op they are co-located with. Memory is ignored, as in the original.
 */
public final class Heft implements Placer {

    /** Transfer cost of the edge from task a to task b. */
    public interface Comm {
        double cost(int a, int b, int procA, int procB);

        double mean(int a, int b);
    }

    /** A schedule: processor, start and finish per task, and the schedule length. */
    public record Schedule(int[] proc, double[] start, double[] finish, double makespan) {}

    public String id() { return "heft"; }

    public String description() { return "HEFT list scheduling (Topcuoglu et al. 2002): upward rank, earliest finish time"; }

    public int[] place(Problem p) {
        Graph g = p.graph();
        // accelerators first, so that ties in finish time (zero-cost ops such as variables) go to a GPU
        int[] devices = java.util.stream.IntStream.concat(java.util.Arrays.stream(p.gpus()),
                java.util.Arrays.stream(p.trainingDevices())).distinct().toArray();
        int n = g.size();
        double[][] w = new double[n][devices.length];
        for (int i = 0; i < n; i++) for (int k = 0; k < devices.length; k++) w[i][k] = p.costs().opTime(i, devices[k]);
        int[][] succ = new int[n][];
        for (int i = 0; i < n; i++) succ[i] = g.consumers(i);
        int pairs = 0;
        for (int a : devices) for (int b : devices) if (a != b) pairs++;
        final int np = pairs;
        Comm comm = new Comm() {
            public double cost(int a, int b, int pa, int pb) { return p.costs().transferTime(a, devices[pa], devices[pb]); }
            public double mean(int a, int b) {
                if (np == 0) return 0;
                double s = 0;
                for (int x : devices) for (int y : devices) if (x != y) s += p.costs().transferTime(a, x, y);
                return s / np;
            }
        };
        int[] forced = new int[n];
        for (int i = 0; i < n; i++) forced[i] = g.colocatedWith(i);
        Schedule s = schedule(w, succ, comm, forced);
        int[] placement = new int[n];
        for (int i = 0; i < n; i++) placement[i] = devices[s.proc()[i]];
        return p.enforceColocation(placement);
    }

    /**
     * @param w      w[task][proc] computation cost (infinite: cannot run there)
     * @param succ   successors of each task (the DAG)
     * @param forced forced[i] = a task whose processor task i must share, or -1
     */
    public static Schedule schedule(double[][] w, int[][] succ, Comm comm, int[] forced) {
        int n = w.length, np = w[0].length;
        int[][] pred = predecessors(succ);
        double[] rank = upwardRanks(w, succ, comm);
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        // decreasing rank; a predecessor always has a strictly larger rank when costs are positive, and ties
        // (zero-cost ops) are broken by topological position so predecessors still come first
        int[] topo = topologicalPosition(succ, pred);
        Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> -rank[i]).thenComparingInt(i -> topo[i]));

        int[] proc = new int[n];
        Arrays.fill(proc, -1);
        double[] start = new double[n], finish = new double[n];
        List<List<double[]>> busy = new ArrayList<>(); // per processor, sorted [start, end] intervals
        for (int k = 0; k < np; k++) busy.add(new ArrayList<>());
        double makespan = 0;
        for (int i : order) {
            int bestP = -1;
            double bestStart = 0, bestFinish = Double.POSITIVE_INFINITY;
            for (int k = 0; k < np; k++) {
                if (Double.isInfinite(w[i][k])) continue;
                if (forced != null && forced[i] >= 0 && proc[forced[i]] >= 0 && proc[forced[i]] != k) continue;
                double ready = 0;
                for (int j : pred[i]) {
                    if (proc[j] < 0) throw new IllegalStateException("predecessor not scheduled");
                    ready = Math.max(ready, finish[j] + (proc[j] == k ? 0 : comm.cost(j, i, proc[j], k)));
                }
                double s = earliestGap(busy.get(k), ready, w[i][k]);
                if (s + w[i][k] < bestFinish) { bestFinish = s + w[i][k]; bestStart = s; bestP = k; }
            }
            if (bestP < 0) throw new IllegalStateException("task " + i + " can run nowhere");
            proc[i] = bestP;
            start[i] = bestStart;
            finish[i] = bestFinish;
            insert(busy.get(bestP), bestStart, bestFinish);
            makespan = Math.max(makespan, bestFinish);
        }
        return new Schedule(proc, start, finish, makespan);
    }

    public static double[] upwardRanks(double[][] w, int[][] succ, Comm comm) {
        int n = w.length;
        double[] rank = new double[n];
        int[] topo = topologicalOrder(succ, predecessors(succ));
        for (int k = n - 1; k >= 0; k--) {
            int i = topo[k];
            double mean = 0;
            int m = 0;
            for (double c : w[i]) if (!Double.isInfinite(c)) { mean += c; m++; }
            mean /= m;
            double tail = 0;
            for (int j : succ[i]) tail = Math.max(tail, comm.mean(i, j) + rank[j]);
            rank[i] = mean + tail;
        }
        return rank;
    }

    /** Earliest start ≥ ready of an idle gap of the given length among sorted busy intervals. */
    private static double earliestGap(List<double[]> intervals, double ready, double length) {
        double t = ready;
        for (double[] iv : intervals) {
            if (iv[1] <= t) continue;
            if (iv[0] >= t + length) return t;
            t = Math.max(t, iv[1]);
        }
        return t;
    }

    private static void insert(List<double[]> intervals, double s, double e) {
        int k = 0;
        while (k < intervals.size() && intervals.get(k)[0] < s) k++;
        intervals.add(k, new double[] {s, e});
    }

    static int[][] predecessors(int[][] succ) {
        int n = succ.length;
        int[] count = new int[n];
        for (int[] s : succ) for (int j : s) count[j]++;
        int[][] pred = new int[n][];
        for (int i = 0; i < n; i++) pred[i] = new int[count[i]];
        int[] fill = new int[n];
        for (int i = 0; i < n; i++) for (int j : succ[i]) pred[j][fill[j]++] = i;
        return pred;
    }

    static int[] topologicalOrder(int[][] succ, int[][] pred) {
        int n = succ.length;
        int[] indeg = new int[n];
        for (int i = 0; i < n; i++) indeg[i] = pred[i].length;
        int[] order = new int[n];
        int head = 0, tail = 0;
        for (int i = 0; i < n; i++) if (indeg[i] == 0) order[tail++] = i;
        while (head < tail) {
            int i = order[head++];
            for (int j : succ[i]) if (--indeg[j] == 0) order[tail++] = j;
        }
        if (tail < n) throw new IllegalArgumentException("not a DAG");
        return order;
    }

    private static int[] topologicalPosition(int[][] succ, int[][] pred) {
        int[] order = topologicalOrder(succ, pred);
        int[] pos = new int[order.length];
        for (int k = 0; k < order.length; k++) pos[order[k]] = k;
        return pos;
    }
}
