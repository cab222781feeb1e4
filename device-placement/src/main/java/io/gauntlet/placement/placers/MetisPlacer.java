package io.gauntlet.placement.placers;

import io.gauntlet.placement.graph.Graph;
import io.gauntlet.placement.graph.Grouping;

/**
 * Balanced min-cut placement: the paper's groups become vertices weighted by their compute time on a GPU,
 * edges are weighted by the bytes a group sends another (each tensor once per receiving group); the graph
 * is split METIS-style into one part per GPU.
 */
public final class MetisPlacer implements Placer {
    public String id() { return "metis"; }

    public String description() { return "METIS-style multilevel balanced min-cut of the groups over the GPUs"; }

    public int[] place(Problem p) {
        Graph g = p.graph();
        Grouping grouping = p.grouping();
        int[] gpus = p.gpus();
        int m = grouping.count();
        double[] vw = new double[m];
        for (int i = 0; i < g.size(); i++) vw[grouping.groupOf(i)] += p.costs().opTime(i, gpus[0]) + 1e-9;
        java.util.List<int[]> edges = new java.util.ArrayList<>();
        java.util.List<Double> weights = new java.util.ArrayList<>();
        for (int i = 0; i < g.size(); i++) {
            int a = grouping.groupOf(i);
            java.util.Set<Integer> sentTo = new java.util.HashSet<>();
            for (int c : g.consumers(i)) {
                int b = grouping.groupOf(c);
                if (b != a && sentTo.add(b)) { edges.add(new int[] {a, b}); weights.add((double) g.op(i).outputBytes()); }
            }
        }
        int[] eu = new int[edges.size()], ev = new int[edges.size()];
        double[] ew = new double[edges.size()];
        for (int e = 0; e < eu.length; e++) { eu[e] = edges.get(e)[0]; ev[e] = edges.get(e)[1]; ew[e] = weights.get(e) + 1; }
        int[] part = new Partitioner(0.05, 1).partition(Partitioner.WeightedGraph.of(vw, eu, ev, ew), gpus.length);
        int[] groups = new int[m];
        for (int q = 0; q < m; q++) groups[q] = gpus[part[q]];
        return p.enforceColocation(grouping.expand(groups));
    }
}
