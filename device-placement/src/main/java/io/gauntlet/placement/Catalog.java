package io.gauntlet.placement;

import io.gauntlet.placement.device.Cluster;
import io.gauntlet.placement.device.CostProfiles;
import io.gauntlet.placement.learn.LearnedPlacers;
import io.gauntlet.placement.placers.Placer;
import io.gauntlet.placement.placers.Placers;
import io.gauntlet.placement.zoo.Zoo;

import java.util.List;

/** Static listings for {@code gauntlet list models|clusters|placers} (and cost profiles): ids with one-line descriptions. */
public final class Catalog {
    public record Entry(String id, String description) {}

    private Catalog() {}

    public static List<Entry> models() {
        return Zoo.models().stream().map(m -> new Entry(m.id(), m.description())).toList();
    }

    public static List<Entry> clusters() {
        return Cluster.shippedIds().stream().map(id -> {
            Cluster c = Cluster.load(id);
            return new Entry(id, c.description() + " [" + c.profile().id() + "]");
        }).toList();
    }

    public static List<Entry> profiles() {
        return CostProfiles.all().stream().map(p -> new Entry(p.id(), p.description())).toList();
    }

    /** The classic placers, then the learned ones. */
    public static List<Entry> placers() {
        List<Entry> all = new java.util.ArrayList<>(Placers.all().stream().map((Placer p) -> new Entry(p.id(), p.description())).toList());
        for (var a : LearnedPlacers.all()) all.add(new Entry(a.id(), "learned: " + a.description()));
        return all;
    }
}
