package io.gauntlet.placement.placers;

import io.gauntlet.core.BadInputException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The classic placers, by id. */
public final class Placers {
    private static final Map<String, Placer> ALL = new LinkedHashMap<>();

    static {
        for (Placer p : List.of(SimplePlacers.single("cpu"), SimplePlacers.single("gpu"), SimplePlacers.EXPERT,
                SimplePlacers.ROUND_ROBIN, new MetisPlacer(), new Heft(), Baechi.M_TOPO, Baechi.M_ETF))
            ALL.put(p.id(), p);
    }

    private Placers() {}

    public static List<Placer> all() { return List.copyOf(ALL.values()); }

    public static Placer get(String id) {
        Placer p = ALL.get(id);
        if (p == null) throw new BadInputException("unknown placer '" + id + "' (known: " + String.join(", ", ALL.keySet()) + ", all)");
        return p;
    }
}
