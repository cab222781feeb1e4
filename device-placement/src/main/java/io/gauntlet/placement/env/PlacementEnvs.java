package io.gauntlet.placement.env;

import io.gauntlet.core.BadInputException;
import io.gauntlet.core.env.EnvProvider;
import io.gauntlet.core.env.EnvSpec;
import io.gauntlet.placement.device.Cluster;
import io.gauntlet.placement.graph.Graph;
import io.gauntlet.placement.graph.GraphJson;
import io.gauntlet.placement.zoo.Zoo;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The placement tasks ({@link PlacementEnv}) by id: {@code Placement-<graphs>-<cluster>-v0}.
 * <ul>
 *   <li>{@code <graphs>}: a zoo model with '_' for '-' ({@code inception_v3}), sizes after '@'
 *       ({@code nmt@hidden=512,layers=4}), or a graph file ending in {@code .json}; several joined by '+' are placed
 *       in turn, one per episode ({@code rnnlm+nmt@layers=4});</li>
 *   <li>{@code <cluster>}: a shipped cluster id or a cluster file ending in {@code .json}.</li>
 * </ul>
 * Every zoo model on every shipped cluster is listed ({@code Placement-inception_v3-1cpu-4k80-v0}); the other forms
 * are resolved when used ({@code Placement-graphs/my-model.json-my-box.json-v0}). Costs follow the cluster's profile.
 */
public final class PlacementEnvs implements EnvProvider {
    public static final String PREFIX = "Placement-";
    public static final String SUFFIX = "-v0";

    @Override
    public List<EnvSpec> envs() {
        List<EnvSpec> specs = new ArrayList<>();
        for (String cluster : Cluster.shippedIds()) {
            for (Zoo.Entry m : Zoo.models()) specs.add(spec(id(m.id(), cluster), List.of(m.id()), cluster, false));
        }
        return specs;
    }

    @Override
    public Optional<EnvSpec> resolve(String id) {
        if (!id.startsWith(PREFIX) || !id.endsWith(SUFFIX) || id.length() <= PREFIX.length() + SUFFIX.length()) {
            return Optional.empty();
        }
        String middle = id.substring(PREFIX.length(), id.length() - SUFFIX.length());
        int json = middle.lastIndexOf(".json-");
        int split = json >= 0 ? json + ".json".length() : middle.indexOf('-');
        if (split <= 0 || split == middle.length() - 1) {
            throw new BadInputException("placement env id '" + id + "' is not of the form Placement-<graphs>-<cluster>-v0"
                    + " (e.g. Placement-inception_v3-1cpu-4k80-v0)");
        }
        List<String> graphs = new ArrayList<>();
        for (String g : middle.substring(0, split).split("\\+", -1)) {
            if (g.isEmpty()) throw new BadInputException("placement env id '" + id + "' names an empty graph");
            graphs.add(g.endsWith(".json") ? g : g.replace('_', '-').replaceFirst("@", ":"));
        }
        return Optional.of(spec(id, graphs, middle.substring(split + 1), true));
    }

    /** The id of the task placing {@code model} (a zoo spec such as {@code nmt:hidden=512}, or a graph file) on {@code cluster}. */
    public static String id(String model, String cluster) {
        String m = model.endsWith(".json") ? model : model.replace('-', '_').replace(':', '@');
        return PREFIX + m + "-" + cluster + SUFFIX;
    }

    /**
     * The task placing {@code graphs} (zoo specs as {@code Zoo.build} takes them, or graph files) on {@code cluster}.
     * The cluster is read now; graphs are built now when {@code check} (an id a user wrote fails before anything
     * runs), otherwise when an episode first needs them; either way once per task.
     */
    static EnvSpec spec(String id, List<String> graphs, String clusterSpec, boolean check) {
        Cluster cluster = Cluster.load(clusterSpec);
        List<Supplier<PlacementGraph>> sources = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String g : graphs) {
            Supplier<Graph> graph = once(() -> g.endsWith(".json") ? GraphJson.read(Path.of(g)) : Zoo.build(g));
            if (check) graph.get();
            names.add(g.endsWith(".json") ? Path.of(g).getFileName().toString() : g);
            sources.add(once(() -> new PlacementGraph(graph.get(), cluster, cluster.profile())));
        }
        String description = "place " + String.join(" and ", names) + " on " + cluster.id()
                + ": a device per group and step; reward -sqrt(simulated step time) at the end";
        return new EnvSpec(id, description, 0, () -> new PlacementEnv(sources, cluster.size()));
    }

    /** A supplier that builds its value on first use and then returns it to every caller (any thread). */
    private static <T> Supplier<T> once(Supplier<T> build) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) value = build.get();
                return value;
            }
        };
    }
}
