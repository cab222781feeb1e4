package io.gauntlet.placement.placers;

import io.gauntlet.core.BadInputException;
import io.gauntlet.placement.device.Cluster;
import io.gauntlet.placement.device.CostProfile;
import io.gauntlet.placement.graph.Graph;
import io.gauntlet.placement.graph.Grouping;
import io.gauntlet.placement.sim.Simulator;

import java.util.stream.IntStream;

/**
 * What a placer sees: the graph, the cluster, the paper's grouping of the graph, and the simulator's cost
 * model (op times per device, transfer times per link, under a cost profile).
 */
public record Problem(Graph graph, Cluster cluster, Grouping grouping, Simulator costs) {

    /** The paper's grouping, costs under the cluster's own profile. */
    public static Problem of(Graph graph, Cluster cluster) {
        return of(graph, cluster, cluster.profile());
    }

    public static Problem of(Graph graph, Cluster cluster, CostProfile profile) {
        return new Problem(graph, cluster, Grouping.paper(graph), new Simulator(graph, cluster, profile));
    }

    /** The GPUs, or if there are none every device that can train. */
    public int[] gpus() {
        int[] g = cluster.all("gpu");
        return g.length > 0 ? g : trainingDevices();
    }

    /** Devices that can run backward and update ops. */
    public int[] trainingDevices() {
        int[] d = IntStream.range(0, cluster.size()).filter(i -> !cluster.device(i).type().inferenceOnly()).toArray();
        if (d.length == 0) throw new BadInputException("cluster '" + cluster.id() + "' has no device that can train");
        return d;
    }

    public int firstOf(String kind) {
        int d = cluster.first(kind);
        if (d < 0) throw new BadInputException("cluster '" + cluster.id() + "' has no " + kind);
        return d;
    }

    /** Moves every co-located op onto the device of the op it is co-located with. */
    public int[] enforceColocation(int[] placement) {
        for (int pass = 0; pass < graph.size(); pass++) {
            boolean changed = false;
            for (int i = 0; i < graph.size(); i++) {
                int j = graph.colocatedWith(i);
                if (j >= 0 && placement[i] != placement[j]) { placement[i] = placement[j]; changed = true; }
            }
            if (!changed) break;
        }
        return placement;
    }

    /** Memory an op needs on its device, as Baechi counts it: resident parameters plus its output. */
    public long memory(int op) {
        return graph.op(op).paramBytes() + (graph.op(op).isVariable() ? 0 : graph.op(op).outputBytes());
    }
}
