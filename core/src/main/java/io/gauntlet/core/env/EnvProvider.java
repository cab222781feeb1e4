package io.gauntlet.core.env;

import java.util.List;

/** Modules contribute tasks to the {@link EnvRegistry} through {@link java.util.ServiceLoader}. */
public interface EnvProvider {
    List<EnvSpec> envs();

    /** Wrappers selectable by id suffix ({@link WrapperSpec}); none by default. */
    default List<WrapperSpec> wrappers() {
        return List.of();
    }
}
