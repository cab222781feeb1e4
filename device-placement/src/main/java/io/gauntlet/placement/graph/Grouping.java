package io.gauntlet.placement.graph;

import java.util.Arrays;

/**
 * A partition of a graph's ops into groups that share a device, as Mirhoseini et al. 2017 grouped TensorFlow
 * graphs before placing them: first co-location groups, then an op whose output feeds a single op joins that
 * op's group. {@link #coarsen} then merges groups until at most K remain. Groups are numbered in order of
 * their first op (by op index), so the numbering is deterministic.
 */
public final class Grouping {
    private final int[] groupOf;
    private final int count;

    public Grouping(int[] groupOf) {
        this.groupOf = relabel(groupOf);
        this.count = Arrays.stream(this.groupOf).max().orElse(-1) + 1;
    }

    /** Every op its own group. */
    public static Grouping identity(Graph g) {
        int[] id = new int[g.size()];
        for (int i = 0; i < id.length; i++) id[i] = i;
        return new Grouping(id);
    }

    /** Co-location groups, then single-consumer merging (the paper's grouping). */
    public static Grouping paper(Graph g) {
        int n = g.size();
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) parent[i] = i;
        for (int i = 0; i < n; i++) if (g.colocatedWith(i) >= 0) union(parent, i, g.colocatedWith(i));
        for (int i = 0; i < n; i++) if (g.consumers(i).length == 1) union(parent, i, g.consumers(i)[0]);
        int[] groupOf = new int[n];
        int[] topo = g.topologicalOrder();
        // label by first appearance in topological order
        int[] rootLabel = new int[n];
        Arrays.fill(rootLabel, -1);
        int next = 0;
        for (int i : topo) {
            int r = find(parent, i);
            if (rootLabel[r] < 0) rootLabel[r] = next++;
            groupOf[i] = rootLabel[r];
        }
        return new Grouping(groupOf);
    }

    /**
     * Merges groups until at most k remain: repeatedly the group with the least compute joins the neighbouring
     * group it exchanges the most bytes with (or, with no neighbour, the next group in order).
     */
    public Grouping coarsen(Graph g, int k) {
        if (k < 1) throw new io.gauntlet.core.BadInputException("cannot coarsen to fewer than 1 group");
        int[] cur = groupOf.clone();
        int m = count;
        while (m > k) {
            double[] work = new double[m];
            for (int i = 0; i < g.size(); i++) work[cur[i]] += g.op(i).flops() + 1e-3 * g.op(i).bytesWritten();
            int smallest = 0;
            for (int a = 1; a < m; a++) if (work[a] < work[smallest]) smallest = a;
            double[] bytes = new double[m];
            for (int i = 0; i < g.size(); i++) {
                for (int c : g.consumers(i)) {
                    int a = cur[i], b = cur[c];
                    if (a == b) continue;
                    if (a == smallest) bytes[b] += g.op(i).outputBytes() + 1;
                    else if (b == smallest) bytes[a] += g.op(i).outputBytes() + 1;
                }
            }
            int target = -1;
            for (int a = 0; a < m; a++) if (a != smallest && bytes[a] > 0 && (target < 0 || bytes[a] > bytes[target])) target = a;
            if (target < 0) target = smallest == 0 ? 1 : smallest - 1;
            for (int i = 0; i < cur.length; i++) if (cur[i] == smallest) cur[i] = target;
            cur = relabel(cur);
            m--;
        }
        return new Grouping(cur);
    }

    public int count() { return count; }
    public int groupOf(int op) { return groupOf[op]; }
    public int[] groupOf() { return groupOf.clone(); }

    /** Turns a placement of groups into a placement of ops. */
    public int[] expand(int[] groupPlacement) {
        return expandInto(groupPlacement, new int[groupOf.length]);
    }

    /** Writes the op placement of a group placement into {@code opPlacement} (one entry per op) and returns it. */
    public int[] expandInto(int[] groupPlacement, int[] opPlacement) {
        if (groupPlacement.length != count)
            throw new IllegalArgumentException("placement has " + groupPlacement.length + " entries for " + count + " groups");
        if (opPlacement.length != groupOf.length)
            throw new IllegalArgumentException("op placement has " + opPlacement.length + " entries for " + groupOf.length + " ops");
        for (int i = 0; i < opPlacement.length; i++) opPlacement[i] = groupPlacement[groupOf[i]];
        return opPlacement;
    }

    /** Renumbers group ids to 0..m-1 in order of first appearance. */
    private static int[] relabel(int[] ids) {
        int max = Arrays.stream(ids).max().orElse(-1);
        int[] map = new int[max + 1];
        Arrays.fill(map, -1);
        int next = 0;
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            if (map[ids[i]] < 0) map[ids[i]] = next++;
            out[i] = map[ids[i]];
        }
        return out;
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static void union(int[] parent, int a, int b) {
        int ra = find(parent, a), rb = find(parent, b);
        if (ra != rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
    }
}
