package io.gauntlet.core.experiment;

import io.gauntlet.core.env.Space;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A registered algorithm: id, one-line description, its documented hyper-parameters with the references'
 * defaults, the step budget a run gets when the user names none ({@code --steps}), which action spaces it
 * handles, and a factory from resolved parameters.
 */
public record AlgorithmSpec(
        String id,
        String description,
        List<Param> params,
        long defaultSteps,
        Predicate<Space> supportsActionSpace,
        Function<Hyperparameters, Algorithm> factory) {

    public Algorithm make(Hyperparameters resolved) {
        return factory.apply(resolved);
    }
}
