package io.gauntlet.placement.env;

import io.gauntlet.placement.device.Cluster;
import io.gauntlet.placement.device.CostProfiles;
import io.gauntlet.placement.device.DeviceType;
import io.gauntlet.placement.device.LinkType;
import io.gauntlet.placement.graph.Graph;
import io.gauntlet.placement.graph.GraphBuilder;
import io.gauntlet.placement.graph.Grouping;
import io.gauntlet.placement.graph.Op;
import io.gauntlet.placement.graph.Phase;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Small graphs on machines of unit devices (1 GFLOP/s, 1 TB/s, 1 GB/s links with 1 ms latency), under the roofline. */
public final class Fixtures {
    private Fixtures() {}

    public static Cluster cluster(int devices, long capacity) {
        DeviceType unit = new DeviceType("unit", "gpu", "test", 1e9, 1e12, capacity, 1.0, false);
        LinkType link = new LinkType("test", "1 GB/s, 1 ms", 1e9, 1e-3);
        List<Cluster.Device> ds = new ArrayList<>();
        for (int d = 0; d < devices; d++) ds.add(new Cluster.Device("d" + d, unit));
        LinkType[][] links = new LinkType[devices][devices];
        for (LinkType[] row : links) Arrays.fill(row, link);
        return new Cluster("test", "test", ds, links, CostProfiles.ROOFLINE);
    }

    public static Op op(String name, double gflops, long outBytes, long paramBytes) {
        return new Op(name, "MatMul", Phase.FORWARD, gflops * 1e9, 0, 0, new long[0], outBytes, paramBytes, null, -1);
    }

    /**
     * src (1 GFLOP) → left (3) and right (5) → join (1), outputs of 1, 1, 4 MB and 8 bytes: on one device 10 s;
     * right on a second device 7.007 s (1 + 2 ms + 5 + 5 ms + 1).
     */
    public static Graph forkJoin(long paramBytes) {
        GraphBuilder b = new GraphBuilder("fork-join");
        b.add(op("src", 1, 1_000_000, paramBytes));
        b.add(op("left", 3, 1_000_000, paramBytes), "src");
        b.add(op("right", 5, 4_000_000, paramBytes), "src");
        b.add(op("join", 1, 8, paramBytes), "left", "right");
        return b.build();
    }

    /** A graph with every op its own group, on {@code devices} unit devices of {@code capacity} bytes. */
    public static PlacementGraph ungrouped(Graph g, int devices, long capacity) {
        Cluster c = cluster(devices, capacity);
        return new PlacementGraph(g, c, c.profile(), Grouping.identity(g));
    }
}
