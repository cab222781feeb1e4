package io.gauntlet.core.experiment;

import io.gauntlet.core.args.ArgSchema;
import io.gauntlet.core.env.Box;
import io.gauntlet.core.env.Discrete;
import io.gauntlet.core.env.Env;
import io.gauntlet.core.env.Space;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A registered algorithm: id, one-line description, its settings record (each setting declared with
 * {@link io.gauntlet.core.args.Arg}: default, meaning, range), the step budget a run gets when the user names none
 * ({@code --steps}), which action spaces it handles, a factory from resolved settings, and which tasks it runs on
 * (every task with a fitting action space, unless it needs a kind of task: the learned placers place graphs).
 */
public record AlgorithmSpec<A extends Record>(
        String id,
        String description,
        Class<A> argsType,
        long defaultSteps,
        Predicate<Space> supportsActionSpace,
        Function<A, Algorithm> factory,
        Predicate<Env> supportsTask) {

    /** An algorithm for every task whose action space it handles. */
    public AlgorithmSpec(String id, String description, Class<A> argsType, long defaultSteps,
            Predicate<Space> supportsActionSpace, Function<A, Algorithm> factory) {
        this(id, description, argsType, defaultSteps, supportsActionSpace, factory, task -> true);
    }

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
