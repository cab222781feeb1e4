package io.gauntlet.core.env;

import java.util.function.Supplier;

/**
 * A registered task: its id, a one-line description, the episode limit its factory applies (0 for none) and a
 * factory that builds it with its standard wrappers (time limit included).
 */
public record EnvSpec(String id, String description, int maxEpisodeSteps, Supplier<Env> factory) {
    public Env make() {
        return factory.get();
    }
}
