package io.gauntlet.core.experiment;

import io.gauntlet.core.args.ArgSchema;
import io.gauntlet.core.env.Box;
import io.gauntlet.core.env.Discrete;
import io.gauntlet.core.env.Space;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A registered algorithm: id, one-line description, its settings record (each setting declared with
 * {@link io.gauntlet.core.args.Arg}: default, meaning, range), the step budget a run gets when the user names none
 * ({@code --steps}), which action spaces it handles, and a factory from resolved settings.
 */
public record AlgorithmSpec<A extends Record>(
        String id,
        String description,
        Class<A> argsType,
        long defaultSteps,
        Predicate<Space> supportsActionSpace,
        Function<A, Algorithm> factory) {

    /** The action spaces of the policy-search methods: discrete (a categorical policy) or a box (a Gaussian). */
    public static boolean discreteOrBox(Space actions) {
        return actions instanceof Discrete || actions instanceof Box;
    }

    public ArgSchema<A> schema() {
        return ArgSchema.of(argsType);
    }

    /** The settings for a task with {@code actionSpace}: defaults with {@code overrides} applied and checked. */
    public A resolve(Space actionSpace, Map<String, String> overrides) {
        return schema().resolve(actionSpace, overrides);
    }

    public Algorithm make(Record args) {
        return factory.apply(argsType.cast(args));
    }

    /** Every setting by name (params.json). */
    public Map<String, Object> values(Record args) {
        return schema().values(argsType.cast(args));
    }

    /** The settings that make a run this run (resource settings left out). */
    public Map<String, Object> identity(Record args) {
        return schema().identity(argsType.cast(args));
    }
}
