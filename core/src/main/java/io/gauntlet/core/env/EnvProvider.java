package io.gauntlet.core.env;

import java.util.List;
import java.util.Optional;

/** Modules contribute tasks to the {@link EnvRegistry} through {@link java.util.ServiceLoader}. */
public interface EnvProvider {
    List<EnvSpec> envs();

    /**
     * The task an id that is not registered names, for families of tasks too many to list (a placement of any graph
     * file on any cluster file); empty when the id is not of this provider's form. An id of its form that names
     * something unknown throws {@link io.gauntlet.core.BadInputException} saying what.
     */
    default Optional<EnvSpec> resolve(String id) {
        return Optional.empty();
    }

    /** Wrappers selectable by id suffix ({@link WrapperSpec}); none by default. */
    default List<WrapperSpec> wrappers() {
        return List.of();
    }
}
