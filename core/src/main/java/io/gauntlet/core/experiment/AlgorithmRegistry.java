package io.gauntlet.core.experiment;

import io.gauntlet.core.BadInputException;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;

/** Every algorithm known to the running program, by id. */
public final class AlgorithmRegistry {
    private static final Map<String, AlgorithmSpec<?>> SPECS = new LinkedHashMap<>();
    private static boolean loaded;

    private AlgorithmRegistry() {}

    private static synchronized Map<String, AlgorithmSpec<?>> specs() {
        if (!loaded) {
            loaded = true;
            for (AlgorithmProvider p : ServiceLoader.load(AlgorithmProvider.class)) {
                for (AlgorithmSpec<?> s : p.algorithms()) add(s);
            }
        }
        return SPECS;
    }

    private static void add(AlgorithmSpec<?> spec) {
        if (SPECS.putIfAbsent(spec.id(), spec) != null) {
            throw new IllegalStateException("Two algorithms registered under the id " + spec.id());
        }
    }

    public static synchronized void register(AlgorithmSpec<?> spec) {
        specs();
        add(spec);
    }

    public static synchronized Collection<AlgorithmSpec<?>> all() {
        return Collections.unmodifiableCollection(specs().values());
    }

    public static synchronized AlgorithmSpec<?> spec(String id) {
        AlgorithmSpec<?> s = specs().get(id);
        if (s == null) {
            throw new BadInputException("unknown algorithm id '" + id + "' (known: " + String.join(", ", specs().keySet()) + ")");
        }
        return s;
    }
}
