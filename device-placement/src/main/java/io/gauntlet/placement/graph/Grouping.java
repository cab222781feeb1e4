package io.gauntlet.placement.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
     * Merges groups until at most k remain, keeping them balanced and connected: repeatedly the two neighbouring
     * groups (an edge between them) whose merged work is least join (ties: the pair exchanging more bytes, then the
     * lower indices); a group with no neighbour left joins the group of least work. Work is FLOPs plus a
     * thousandth of the bytes written, so groups of no compute go first. (Merging the single least-work group into
     * its heaviest neighbour instead grows a few groups into most of the graph and leaves the rest as crumbs.)
     */
    public Grouping coarsen(Graph g, int k) {
        if (k < 1) throw new io.gauntlet.core.BadInputException("cannot coarsen to fewer than 1 group");
        int m = count;
        int[] parent = new int[m];
        double[] work = new double[m];
        List<TreeMap<Integer, Double>> adjacent = new ArrayList<>();
        for (int a = 0; a < m; a++) {
            parent[a] = a;
            adjacent.add(new TreeMap<>());
        }
        for (int i = 0; i < g.size(); i++) {
            int a = groupOf[i];
            work[a] += g.op(i).flops() + 1e-3 * g.op(i).bytesWritten();
            for (int c : g.consumers(i)) {
                int b = groupOf[c];
                if (a == b) continue;
                adjacent.get(a).merge(b, g.op(i).outputBytes() + 1.0, Double::sum);
                adjacent.get(b).merge(a, g.op(i).outputBytes() + 1.0, Double::sum);
            }
        }
        boolean[] alive = new boolean[m];
        Arrays.fill(alive, true);
        for (int left = m; left > k; left--) {
            int bestA = -1, bestB = -1;
            double bestWork = Double.POSITIVE_INFINITY, bestBytes = 0;
            for (int a = 0; a < m; a++) {
                if (!alive[a]) continue;
                for (Map.Entry<Integer, Double> e : adjacent.get(a).tailMap(a, false).entrySet()) {
                    double w = work[a] + work[e.getKey()];
                    if (w < bestWork || (w == bestWork && e.getValue() > bestBytes)) {
                        bestWork = w;
                        bestBytes = e.getValue();
                        bestA = a;
                        bestB = e.getKey();
                    }
                }
            }
            if (bestA < 0) { // no edges left: the two groups of least work
                for (int a = 0; a < m; a++) {
                    if (!alive[a]) continue;
                    if (bestA < 0 || work[a] < work[bestA]) { bestB = bestA; bestA = a; }
                    else if (bestB < 0 || work[a] < work[bestB]) bestB = a;
                }
                if (bestB < bestA) { int t = bestA; bestA = bestB; bestB = t; }
            }
            // bestB joins bestA
            alive[bestB] = false;
            parent[bestB] = bestA;
            work[bestA] += work[bestB];
            TreeMap<Integer, Double> into = adjacent.get(bestA);
            into.remove(bestB);
            for (Map.Entry<Integer, Double> e : adjacent.get(bestB).entrySet()) {
                int c = e.getKey();
                if (c == bestA) continue;
                into.merge(c, e.getValue(), Double::sum);
                TreeMap<Integer, Double> back = adjacent.get(c);
                back.remove(bestB);
                back.merge(bestA, e.getValue(), Double::sum);
            }
            adjacent.get(bestB).clear();
        }
        int[] cur = new int[groupOf.length];
        for (int i = 0; i < cur.length; i++) cur[i] = root(parent, groupOf[i]);
        return new Grouping(cur);
    }

    private static int root(int[] parent, int a) {
        while (parent[a] != a) a = parent[a];
        return a;
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
