package io.gauntlet.core.env;

import io.gauntlet.core.BadInputException;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Every task known to the running program, by id. Tasks come from {@link EnvProvider}s found on the class path,
 * plus any registered by hand (tests, user code).
 */
public final class EnvRegistry {
    private static final Map<String, EnvSpec> SPECS = new LinkedHashMap<>();
    private static boolean loaded;

    private EnvRegistry() {}

    private static synchronized Map<String, EnvSpec> specs() {
        if (!loaded) {
            loaded = true;
            for (EnvProvider p : ServiceLoader.load(EnvProvider.class)) {
                for (EnvSpec s : p.envs()) registerLoaded(s);
            }
        }
        return SPECS;
    }

    private static void registerLoaded(EnvSpec spec) {
        if (SPECS.putIfAbsent(spec.id(), spec) != null) {
            throw new IllegalStateException("Two tasks registered under the id " + spec.id());
        }
    }

    public static synchronized void register(EnvSpec spec) {
        specs();
        registerLoaded(spec);
    }

    public static synchronized Collection<EnvSpec> all() {
        return Collections.unmodifiableCollection(specs().values());
    }

    /** The spec for {@code id}, or a {@link BadInputException} listing the known ids. */
    public static synchronized EnvSpec spec(String id) {
        EnvSpec s = specs().get(id);
        if (s == null) {
            throw new BadInputException("unknown env id '" + id + "' (known: " + String.join(", ", specs().keySet()) + ")");
        }
        return s;
    }

    public static Env make(String id) {
        return spec(id).make();
    }
}
