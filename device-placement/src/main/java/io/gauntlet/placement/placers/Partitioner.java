package io.gauntlet.placement.placers;

import io.gauntlet.core.random.Rng;

import java.util.Arrays;

/**
 * METIS-style multilevel balanced k-way min-cut partitioning (after Karypis and Kumar 1998) of an undirected
 * graph with vertex and edge weights.
 * <ol>
 * <li>Coarsen: heavy-edge matching (visit vertices in random order, match each with the unmatched neighbour
 *     of heaviest edge) until the graph is small or stops shrinking.</li>
 * <li>Initial partition of the coarsest graph: greedy graph growing from several random seeds, keep the
 *     smallest cut.</li>
 * <li>Uncoarsen: project the partition back level by level, refining at each with greedy boundary moves
 *     (positive gain, or zero gain that improves balance) that keep every part within (1 + ε)·total/k.</li>
 * </ol>
 */
public final class Partitioner {
    /** Adjacency in CSR form: neighbours of v are adj[xadj[v] .. xadj[v+1]) with weights adjw. */
    public record WeightedGraph(double[] vw, int[] xadj, int[] adj, double[] adjw) {
        public int size() { return vw.length; }

        public double totalWeight() { return Arrays.stream(vw).sum(); }

        /** Builds from an edge list (u, v, w); parallel edges are summed, self-loops dropped. */
        public static WeightedGraph of(double[] vw, int[] eu, int[] ev, double[] ew) {
            int n = vw.length;
            java.util.List<java.util.Map<Integer, Double>> nb = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) nb.add(new java.util.TreeMap<>());
            for (int e = 0; e < eu.length; e++) {
                if (eu[e] == ev[e]) continue;
                nb.get(eu[e]).merge(ev[e], ew[e], Double::sum);
                nb.get(ev[e]).merge(eu[e], ew[e], Double::sum);
            }
            int[] xadj = new int[n + 1];
            for (int i = 0; i < n; i++) xadj[i + 1] = xadj[i] + nb.get(i).size();
            int[] adj = new int[xadj[n]];
            double[] adjw = new double[xadj[n]];
            for (int i = 0; i < n; i++) {
                int k = xadj[i];
                for (var e : nb.get(i).entrySet()) { adj[k] = e.getKey(); adjw[k++] = e.getValue(); }
            }
            return new WeightedGraph(vw.clone(), xadj, adj, adjw);
        }
    }

    private final double imbalance;
    private final long seed;

    /** @param imbalance ε: each part may weigh up to (1 + ε)·total/k */
    public Partitioner(double imbalance, long seed) {
        this.imbalance = imbalance;
        this.seed = seed;
    }

    public int[] partition(WeightedGraph g, int k) {
        if (k <= 1 || g.size() == 0) return new int[g.size()];
        Rng rng = new Rng(seed);
        // coarsen
        java.util.List<WeightedGraph> levels = new java.util.ArrayList<>();
        java.util.List<int[]> maps = new java.util.ArrayList<>();
        WeightedGraph cur = g;
        double maxVertex = g.totalWeight() / k * 0.5;
        while (cur.size() > Math.max(20 * k, 40)) {
            int[] map = new int[cur.size()];
            WeightedGraph coarse = coarsen(cur, map, rng, maxVertex);
            if (coarse.size() > 0.95 * cur.size()) break;
            levels.add(cur);
            maps.add(map);
            cur = coarse;
        }
        int[] part = initialPartition(cur, k, rng);
        refine(cur, part, k);
        for (int l = levels.size() - 1; l >= 0; l--) {
            WeightedGraph fine = levels.get(l);
            int[] map = maps.get(l);
            int[] finePart = new int[fine.size()];
            for (int v = 0; v < fine.size(); v++) finePart[v] = part[map[v]];
            part = finePart;
            refine(fine, part, k);
        }
        return part;
    }

    /** Sum of the weights of edges whose ends are in different parts. */
    public static double cut(WeightedGraph g, int[] part) {
        double c = 0;
        for (int v = 0; v < g.size(); v++)
            for (int e = g.xadj()[v]; e < g.xadj()[v + 1]; e++) if (part[g.adj()[e]] != part[v]) c += g.adjw()[e];
        return c / 2;
    }

    public static double[] partWeights(WeightedGraph g, int[] part, int k) {
        double[] w = new double[k];
        for (int v = 0; v < g.size(); v++) w[part[v]] += g.vw()[v];
        return w;
    }

    private static WeightedGraph coarsen(WeightedGraph g, int[] map, Rng rng, double maxVertex) {
        int n = g.size();
        int[] match = new int[n];
        Arrays.fill(match, -1);
        int[] order = permutation(n, rng);
        for (int v : order) {
            if (match[v] >= 0) continue;
            int best = -1;
            double bestW = -1;
            for (int e = g.xadj()[v]; e < g.xadj()[v + 1]; e++) {
                int u = g.adj()[e];
                if (match[u] < 0 && u != v && g.adjw()[e] > bestW && g.vw()[u] + g.vw()[v] <= maxVertex) {
                    best = u;
                    bestW = g.adjw()[e];
                }
            }
            match[v] = best < 0 ? v : best;
            if (best >= 0) match[best] = v;
        }
        int m = 0;
        Arrays.fill(map, -1);
        for (int v = 0; v < n; v++) if (map[v] < 0) { map[v] = m; map[match[v]] = m; m++; }
        double[] vw = new double[m];
        for (int v = 0; v < n; v++) vw[map[v]] += g.vw()[v];
        int ne = g.adj().length;
        int[] eu = new int[ne], ev = new int[ne];
        double[] ew = new double[ne];
        int k = 0;
        for (int v = 0; v < n; v++)
            for (int e = g.xadj()[v]; e < g.xadj()[v + 1]; e++)
                if (v < g.adj()[e]) { eu[k] = map[v]; ev[k] = map[g.adj()[e]]; ew[k++] = g.adjw()[e]; }
        return WeightedGraph.of(vw, Arrays.copyOf(eu, k), Arrays.copyOf(ev, k), Arrays.copyOf(ew, k));
    }

    /** Greedy graph growing: grow parts 0..k-2 one at a time from a seed up to total/k; the rest is part k-1. */
    private int[] initialPartition(WeightedGraph g, int k, Rng rng) {
        int n = g.size();
        double target = g.totalWeight() / k;
        int[] best = null;
        double bestCut = Double.POSITIVE_INFINITY;
        for (int trial = 0; trial < 8; trial++) {
            int[] part = new int[n];
            Arrays.fill(part, k - 1);
            boolean[] taken = new boolean[n];
            for (int q = 0; q < k - 1; q++) {
                double[] conn = new double[n];
                double weight = 0;
                int seedV = -1;
                int offset = rng.nextInt(n);
                for (int t = 0; t < n && seedV < 0; t++) if (!taken[(offset + t) % n]) seedV = (offset + t) % n;
                if (seedV < 0) break;
                int v = seedV;
                while (v >= 0 && weight + g.vw()[v] / 2 <= target) {
                    taken[v] = true;
                    part[v] = q;
                    weight += g.vw()[v];
                    for (int e = g.xadj()[v]; e < g.xadj()[v + 1]; e++) conn[g.adj()[e]] += g.adjw()[e];
                    // next: the free vertex most connected to the part (any free vertex if none is connected)
                    v = -1;
                    double bc = -1;
                    for (int u = 0; u < n; u++) if (!taken[u] && conn[u] > bc) { bc = conn[u]; v = u; }
                }
            }
            refine(g, part, k);
            double c = cut(g, part);
            if (c < bestCut && balanced(g, part, k)) { bestCut = c; best = part; }
            if (best == null && trial == 7) best = part;
        }
        return best;
    }

    private boolean balanced(WeightedGraph g, int[] part, int k) {
        double max = (1 + imbalance) * g.totalWeight() / k;
        for (double w : partWeights(g, part, k)) if (w > max + 1e-12) return false;
        return true;
    }

    /** Greedy boundary refinement: move vertices to the part they are most connected to while balance allows. */
    private void refine(WeightedGraph g, int[] part, int k) {
        int n = g.size();
        double maxW = (1 + imbalance) * g.totalWeight() / k;
        double[] pw = partWeights(g, part, k);
        double[] conn = new double[k];
        for (int pass = 0; pass < 16; pass++) {
            boolean moved = false;
            for (int v = 0; v < n; v++) {
                Arrays.fill(conn, 0);
                for (int e = g.xadj()[v]; e < g.xadj()[v + 1]; e++) conn[part[g.adj()[e]]] += g.adjw()[e];
                int from = part[v], to = -1;
                boolean overloaded = pw[from] > maxW;
                double bestGain = Double.NEGATIVE_INFINITY;
                for (int q = 0; q < k; q++) {
                    if (q == from) continue;
                    double gain = conn[q] - conn[from];
                    boolean evens = pw[q] + g.vw()[v] < pw[from];
                    boolean ok = overloaded ? evens
                            : pw[q] + g.vw()[v] <= maxW && (gain > 0 || (gain == 0 && evens));
                    if (ok && gain > bestGain) { bestGain = gain; to = q; }
                }
                if (to < 0) continue;
                {
                    part[v] = to;
                    pw[from] -= g.vw()[v];
                    pw[to] += g.vw()[v];
                    moved = true;
                }
            }
            if (!moved) break;
        }
    }

    private static int[] permutation(int n, Rng rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i]; p[i] = p[j]; p[j] = t;
        }
        return p;
    }
}
