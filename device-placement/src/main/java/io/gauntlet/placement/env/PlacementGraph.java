package io.gauntlet.placement.env;

import io.gauntlet.placement.device.Cluster;
import io.gauntlet.placement.device.CostProfile;
import io.gauntlet.placement.graph.Graph;
import io.gauntlet.placement.graph.Grouping;
import io.gauntlet.placement.graph.Op;
import io.gauntlet.placement.graph.OpKind;
import io.gauntlet.placement.graph.Phase;
import io.gauntlet.placement.placers.Problem;
import io.gauntlet.placement.sim.Simulator;

import java.util.Arrays;
import java.util.TreeMap;

/**
 * A graph grouped for placement on a cluster under a cost profile, and what every placement policy reads about its
 * groups: the op-type and phase mix, the compute time on each device, the memory held, and the group graph (which
 * groups feed which, and how many bytes). Immutable, so every env copy and policy shares one.
 *
 * <p>Groups are the paper's (co-location, then single-consumer merging), coarsened to at most {@link #maxGroups}
 * as grappler's hierarchical controller does ({@code num_groups = min(256, 20 × devices)}). An episode places them
 * in their numbering order.
 */
public final class PlacementGraph {
    /** Static features per group ({@link #writeGroupFeatures}): 5 op kinds, 3 phases, op count, bytes in and out, position. */
    public static final int GROUP_FEATURES = OpKind.values().length + Phase.values().length + 4;

    private final Graph graph;
    private final Cluster cluster;
    private final CostProfile profile;
    private final Grouping grouping;
    private final int groups;
    private final int devices;
    private final int[] opCount;
    private final double[][] kindMix;
    private final double[][] phaseMix;
    private final double[][] time;
    private final double[] memory;
    private final long[] usable;
    private final double workOnBestDevices;
    private final int[] inStart, inGroup, outStart, outGroup;
    private final double[] inBytes, outBytes, totalIn, totalOut;

    /** The paper's grouping coarsened to at most {@link #maxGroups} groups of the cluster. */
    public PlacementGraph(Graph graph, Cluster cluster, CostProfile profile) {
        this(graph, cluster, profile, coarsened(graph, maxGroups(cluster.size())));
    }

    public PlacementGraph(Graph graph, Cluster cluster, CostProfile profile, Grouping grouping) {
        this.graph = graph;
        this.cluster = cluster;
        this.profile = profile;
        this.grouping = grouping;
        this.groups = grouping.count();
        this.devices = cluster.size();
        Simulator costs = new Simulator(graph, cluster, profile);
        opCount = new int[groups];
        kindMix = new double[groups][OpKind.values().length];
        phaseMix = new double[groups][Phase.values().length];
        time = new double[groups][devices];
        memory = new double[groups];
        double[] held = new double[groups];
        double overhead = profile.allocationOverhead();
        for (int i = 0; i < graph.size(); i++) {
            Op op = graph.op(i);
            int g = grouping.groupOf(i);
            opCount[g]++;
            kindMix[g][OpKind.of(op).ordinal()]++;
            phaseMix[g][op.phase().ordinal()]++;
            for (int d = 0; d < devices; d++) time[g][d] += costs.opTime(i, d);
            memory[g] += op.paramBytes() * overhead;
            held[g] += profile.heldBytes(op) * overhead;
        }
        // Parameters (with their gradients' and optimizer's slots) stay resident: they add up on a device as they are.
        // The bytes ops hold come and go and add up to far more than a step's peak: share what the peak leaves beside
        // the parameters in proportion to them, so the groups on a device sum to about what it would need.
        Problem alone = new Problem(graph, cluster, grouping, costs);
        int[] oneDevice = new int[graph.size()];
        Arrays.fill(oneDevice, alone.gpus()[0]);
        costs.run(oneDevice);
        double resident = Arrays.stream(memory).sum(), transientBytes = Arrays.stream(held).sum();
        double scale = transientBytes > 0 ? Math.max(0, costs.peakMemory(alone.gpus()[0]) - resident) / transientBytes : 0;
        for (int g = 0; g < groups; g++) memory[g] += held[g] * scale;
        double work = 0;
        for (int g = 0; g < groups; g++) {
            for (int k = 0; k < kindMix[g].length; k++) kindMix[g][k] /= opCount[g];
            for (int k = 0; k < phaseMix[g].length; k++) phaseMix[g][k] /= opCount[g];
            work += Arrays.stream(time[g]).min().orElse(0);
        }
        workOnBestDevices = work;
        usable = new long[devices];
        for (int d = 0; d < devices; d++) usable[d] = costs.usableMemory(d);

        // The group graph: bytes of every tensor that crosses from one group to another, counted once per pair of
        // groups (a tensor is sent once to each device that reads it).
        TreeMap<Long, Double> edges = new TreeMap<>();
        for (int i = 0; i < graph.size(); i++) {
            int a = grouping.groupOf(i);
            int[] seen = new int[0];
            for (int c : graph.consumers(i)) {
                int b = grouping.groupOf(c);
                if (b == a || contains(seen, b)) continue;
                seen = Arrays.copyOf(seen, seen.length + 1);
                seen[seen.length - 1] = b;
                edges.merge((long) a * groups + b, (double) graph.op(i).outputBytes(), Double::sum);
            }
        }
        int[] outCount = new int[groups + 1], inCount = new int[groups + 1];
        for (long key : edges.keySet()) {
            outCount[(int) (key / groups) + 1]++;
            inCount[(int) (key % groups) + 1]++;
        }
        for (int g = 0; g < groups; g++) {
            outCount[g + 1] += outCount[g];
            inCount[g + 1] += inCount[g];
        }
        outStart = outCount.clone();
        inStart = inCount.clone();
        outGroup = new int[edges.size()];
        inGroup = new int[edges.size()];
        outBytes = new double[edges.size()];
        inBytes = new double[edges.size()];
        totalIn = new double[groups];
        totalOut = new double[groups];
        int[] outFill = outStart.clone(), inFill = inStart.clone();
        for (var e : edges.entrySet()) { // keys ascend: neighbours in index order
            int a = (int) (e.getKey() / groups), b = (int) (e.getKey() % groups);
            double bytes = e.getValue();
            outGroup[outFill[a]] = b;
            outBytes[outFill[a]++] = bytes;
            inGroup[inFill[b]] = a;
            inBytes[inFill[b]++] = bytes;
            totalOut[a] += bytes;
            totalIn[b] += bytes;
        }
    }

    /** Grappler's group count for a machine of {@code devices} devices: min(256, 20 × devices). */
    public static int maxGroups(int devices) {
        return Math.min(256, 20 * devices);
    }

    private static Grouping coarsened(Graph graph, int k) {
        Grouping paper = Grouping.paper(graph);
        return paper.count() > k ? paper.coarsen(graph, k) : paper;
    }

    private static boolean contains(int[] a, int v) {
        for (int x : a) if (x == v) return true;
        return false;
    }

    public Graph graph() { return graph; }
    public Cluster cluster() { return cluster; }
    public CostProfile profile() { return profile; }
    public Grouping grouping() { return grouping; }
    public int groups() { return groups; }
    public int devices() { return devices; }

    /** A simulator of this graph on this cluster (one per thread: simulators are not thread-safe). */
    public Simulator newSimulator() {
        return new Simulator(graph, cluster, profile);
    }

    /** What the classic placers see: this graph, cluster and grouping, with a new simulator's costs. */
    public Problem problem() {
        return new Problem(graph, cluster, grouping, newSimulator());
    }

    /** Seconds group g's ops take on device d, one after the other (infinite if d cannot run one of them). */
    public double time(int g, int d) { return time[g][d]; }

    /**
     * Group g's share of the graph's peak memory on one device (its first GPU): its parameters (resident all step), and
     * of what the peak holds beside all parameters a share in proportion to the bytes its ops hold, all with the
     * allocation overhead; the groups on a device add up to about what the device would need.
     */
    public double memory(int g) { return memory[g]; }

    /** Bytes of device d's memory a step may use. */
    public long usableMemory(int d) { return usable[d]; }

    /** Seconds of all groups' ops, each group on its fastest device: the scale of a device's load. */
    public double workOnBestDevices() { return workOnBestDevices; }

    /** Groups feeding group g, in index order, from {@code inStart(g)} to {@code inStart(g + 1)} of {@link #inGroup}. */
    public int inStart(int g) { return inStart[g]; }
    public int inGroup(int k) { return inGroup[k]; }
    public double inBytes(int k) { return inBytes[k]; }
    /** Groups group g feeds, laid out as the inputs. */
    public int outStart(int g) { return outStart[g]; }
    public int outGroup(int k) { return outGroup[k]; }
    public double outBytes(int k) { return outBytes[k]; }
    /** Bytes group g receives from, and sends to, other groups. */
    public double totalIn(int g) { return totalIn[g]; }
    public double totalOut(int g) { return totalOut[g]; }

    /**
     * How much slower group g runs on device d than on its fastest device: log10 of the ratio / 3, at most 1 (a device
     * that cannot run it, or a thousand times slower); 0 for a group that takes no time anywhere.
     */
    public double slowdown(int g, int d) {
        double fastest = Double.POSITIVE_INFINITY;
        for (int k = 0; k < devices; k++) fastest = Math.min(fastest, time[g][k]);
        return fastest > 0 ? Math.min(1, Math.log10(time[g][d] / fastest) / 3) : 0;
    }

    /**
     * Writes group g's 2 × devices per-device features at {@code out[at ..]}: per device, its {@link #slowdown} there
     * and its memory over the device's usable memory.
     */
    public void writeDeviceFeatures(int g, double[] out, int at) {
        for (int d = 0; d < devices; d++) {
            out[at++] = slowdown(g, d);
            out[at++] = memory[g] / usable[d];
        }
    }

    /**
     * Writes group g's {@link #GROUP_FEATURES} static features at {@code out[at ..]}, each of order 1 whatever the
     * graph: its ops' share of each op kind and phase, log10(1 + ops) / 4, log10(1 + bytes received and sent) / 10,
     * and its position g / groups.
     */
    public void writeGroupFeatures(int g, double[] out, int at) {
        for (double v : kindMix[g]) out[at++] = v;
        for (double v : phaseMix[g]) out[at++] = v;
        out[at++] = Math.log10(1 + opCount[g]) / 4;
        out[at++] = Math.log10(1 + totalIn[g]) / 10;
        out[at++] = Math.log10(1 + totalOut[g]) / 10;
        out[at] = (double) g / groups;
    }
}
