package io.gauntlet.placement.placers;

import io.gauntlet.placement.Catalog;
import io.gauntlet.placement.device.Cluster;
import io.gauntlet.placement.graph.Graph;
import io.gauntlet.placement.sim.SimResult;
import io.gauntlet.placement.zoo.Zoo;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** `place --placer all` on every zoo model (at small sizes) and every shipped cluster gives valid placements. */
class EveryModelEveryClusterTest {
    static final Map<String, String> SMALL = Map.of(
            "inception-v3", "inception-v3:batch=1",
            "rnnlm", "rnnlm:hidden=32,steps=3,vocab=50,batch=4",
            "nmt", "nmt:hidden=32,steps=3,vocab=50,batch=4",
            "gnmt", "gnmt:hidden=32,steps=3,vocab=50,batch=4");

    @Test
    void catalogueIsConsistent() {
        for (List<Catalog.Entry> list : List.of(Catalog.models(), Catalog.clusters(), Catalog.placers())) {
            assertTrue(list.size() >= 4);
            assertEquals(list.size(), new HashSet<>(list.stream().map(Catalog.Entry::id).toList()).size());
            for (Catalog.Entry e : list) assertFalse(e.description().isBlank(), e.id());
        }
        assertTrue(Catalog.clusters().stream().anyMatch(e -> e.id().equals("1cpu-2k80")));
        assertTrue(Catalog.clusters().stream().anyMatch(e -> e.id().equals("1cpu-4k80")));
        assertEquals(SMALL.keySet(), new HashSet<>(Catalog.models().stream().map(Catalog.Entry::id).toList()));
    }

    @Test
    void allPlacersOnAllModelsAndClusters() {
        for (Catalog.Entry m : Catalog.models()) {
            Graph g = Zoo.build(SMALL.get(m.id()));
            for (String c : Cluster.shippedIds()) {
                Problem p = Problem.of(g, Cluster.load(c));
                double single = p.costs().simulate(Placers.get("single-gpu").place(p)).stepTime();
                for (Placer placer : Placers.all()) {
                    SimResult r = p.costs().simulate(placer.place(p));
                    String what = placer.id() + " / " + m.id() + " / " + c;
                    assertTrue(r.valid(), what + ": " + r.invalidReason());
                    assertTrue(r.stepTime() > 0 && Double.isFinite(r.stepTime()), what);
                    // no placement beats perfect parallelism of the single GPU's work over all devices
                    assertTrue(r.stepTime() > single / (2 * p.cluster().size()), what);
                }
            }
        }
    }
}
