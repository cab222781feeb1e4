package io.gauntlet.core.env;

import io.gauntlet.core.BadInputException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Every task known to the running program, by id. Tasks come from {@link EnvProvider}s found on the class path,
 * plus any registered by hand (tests, user code).
 *
 * <p>An id that is not registered may still name a task of a provider's family ({@link EnvProvider#resolve}); such
 * tasks are resolved on first use and remembered, but not listed.
 *
 * <p>An id may carry wrapper suffixes separated by ':' ({@link WrapperSpec}): {@code Pendulum-v1:normalize-obs}
 * is Pendulum-v1 with observation normalisation. Suffixes apply left to right; task ids never contain ':'.
 */
public final class EnvRegistry {
    public static final char SUFFIX_SEPARATOR = ':';

    private static final Map<String, EnvSpec> SPECS = new LinkedHashMap<>();
    private static final Map<String, WrapperSpec> WRAPPERS = new LinkedHashMap<>();
    private static final List<EnvProvider> PROVIDERS = new ArrayList<>();
    private static final Map<String, EnvSpec> RESOLVED = new LinkedHashMap<>();
    private static boolean loaded;

    private EnvRegistry() {}

    private static synchronized Map<String, EnvSpec> specs() {
        if (!loaded) {
            loaded = true;
            for (EnvProvider p : ServiceLoader.load(EnvProvider.class)) {
                PROVIDERS.add(p);
                for (EnvSpec s : p.envs()) registerLoaded(s);
                for (WrapperSpec w : p.wrappers()) registerLoaded(w);
            }
        }
        return SPECS;
    }

    private static void registerLoaded(EnvSpec spec) {
        if (spec.id().indexOf(SUFFIX_SEPARATOR) >= 0) {
            throw new IllegalStateException("A task id may not contain '" + SUFFIX_SEPARATOR + "': " + spec.id());
        }
        if (SPECS.putIfAbsent(spec.id(), spec) != null) {
            throw new IllegalStateException("Two tasks registered under the id " + spec.id());
        }
    }

    private static void registerLoaded(WrapperSpec wrapper) {
        if (WRAPPERS.putIfAbsent(wrapper.name(), wrapper) != null) {
            throw new IllegalStateException("Two wrappers registered under the suffix " + wrapper.name());
        }
    }

    public static synchronized void register(EnvSpec spec) {
        specs();
        registerLoaded(spec);
    }

    public static synchronized void register(WrapperSpec wrapper) {
        specs();
        registerLoaded(wrapper);
    }

    /** The registered tasks (without suffixes). */
    public static synchronized Collection<EnvSpec> all() {
        return Collections.unmodifiableCollection(specs().values());
    }

    /** The wrappers selectable by id suffix. */
    public static synchronized Collection<WrapperSpec> wrappers() {
        specs();
        return Collections.unmodifiableCollection(WRAPPERS.values());
    }

    /**
     * The spec for {@code id}, wrapper suffixes resolved, or a {@link BadInputException} listing the known ids
     * (or suffixes).
     */
    public static synchronized EnvSpec spec(String id) {
        String[] parts = id.split(String.valueOf(SUFFIX_SEPARATOR), -1);
        EnvSpec s = specs().get(parts[0]);
        if (s == null) s = resolved(parts[0]);
        if (s == null) {
            throw new BadInputException("unknown env id '" + parts[0] + "' (known: " + String.join(", ", specs().keySet()) + ")");
        }
        for (int i = 1; i < parts.length; i++) {
            String suffix = parts[i];
            int eq = suffix.indexOf('=');
            String name = eq < 0 ? suffix : suffix.substring(0, eq);
            String argument = eq < 0 ? null : suffix.substring(eq + 1);
            WrapperSpec w = WRAPPERS.get(name);
            if (w == null) {
                throw new BadInputException("unknown wrapper suffix '" + name + "' in env id '" + id + "' (known: "
                        + String.join(", ", WRAPPERS.keySet()) + ")");
            }
            EnvSpec wrapped = w.wrapping().apply(s, argument);
            s = new EnvSpec(s.id() + SUFFIX_SEPARATOR + suffix, wrapped.description(), wrapped.maxEpisodeSteps(),
                    wrapped.factory());
        }
        return s;
    }

    /** A task of a provider's family ({@link EnvProvider#resolve}), remembered once resolved; null if none names it. */
    private static EnvSpec resolved(String id) {
        EnvSpec known = RESOLVED.get(id);
        if (known != null) return known;
        for (EnvProvider p : PROVIDERS) {
            Optional<EnvSpec> s = p.resolve(id);
            if (s.isPresent()) {
                RESOLVED.put(id, s.get());
                return s.get();
            }
        }
        return null;
    }

    public static Env make(String id) {
        return spec(id).make();
    }
}
