package io.gauntlet.core.experiment;

import io.gauntlet.core.BadInputException;
import io.gauntlet.core.args.ArgSchema;
import io.gauntlet.core.args.Preset;
import io.gauntlet.core.env.Box;
import io.gauntlet.core.env.Discrete;
import io.gauntlet.core.env.Env;
import io.gauntlet.core.env.Space;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.function.Predicate;

/**
 * A registered algorithm: id, one-line description, its settings record (each setting declared with
 * {@link io.gauntlet.core.args.Arg}: default, meaning, range), the step budget a run gets when the user names none
 * ({@code --steps}), which action spaces it handles, a factory from resolved settings, which tasks it runs on
 * (every task with a fitting action space, unless it needs a kind of task: the learned placers place graphs), and
 * its {@link Preset}s (named settings, some of them tasks' defaults).
 */
public record AlgorithmSpec<A extends Record>(
        String id,
        String description,
        Class<A> argsType,
        long defaultSteps,
        Predicate<Space> supportsActionSpace,
        Function<A, Algorithm> factory,
        Predicate<Env> supportsTask,
        List<Preset> presets) {

    public AlgorithmSpec {
        presets = List.copyOf(presets);
        for (ArgSchema.Field f : ArgSchema.of(argsType).fields()) {
            if (f.name().equals(Preset.KEY)) throw new IllegalStateException(id + " has a setting named " + Preset.KEY);
        }
        for (int i = 0; i < presets.size(); i++) {
            for (int k = 0; k < i; k++) {
                Preset a = presets.get(i), b = presets.get(k);
                if (a.name().equals(b.name())) throw new IllegalStateException(id + ": two presets named " + a.name());
                for (String task : a.tasks()) {
                    if (b.tasks().contains(task)) throw new IllegalStateException(id + ": two default presets on " + task);
                }
            }
        }
    }

    /** An algorithm for every task whose action space it handles, without presets. */
    public AlgorithmSpec(String id, String description, Class<A> argsType, long defaultSteps, Predicate<Space> supportsActionSpace,
            Function<A, Algorithm> factory) {
        this(id, description, argsType, defaultSteps, supportsActionSpace, factory, task -> true, List.of());
    }

    /** An algorithm that runs only on the tasks {@code supportsTask} accepts, without presets. */
    public AlgorithmSpec(String id, String description, Class<A> argsType, long defaultSteps, Predicate<Space> supportsActionSpace,
            Function<A, Algorithm> factory, Predicate<Env> supportsTask) {
        this(id, description, argsType, defaultSteps, supportsActionSpace, factory, supportsTask, List.of());
    }

    /** An algorithm for every task whose action space it handles, with presets. */
    public AlgorithmSpec(String id, String description, Class<A> argsType, long defaultSteps, Predicate<Space> supportsActionSpace,
            Function<A, Algorithm> factory, List<Preset> presets) {
        this(id, description, argsType, defaultSteps, supportsActionSpace, factory, task -> true, presets);
    }

    /** The preset named {@code name}, or a {@link BadInputException} listing the known ones. */
    public Preset preset(String name) {
        for (Preset p : presets) if (p.name().equals(name)) return p;
        String known = presets.stream().map(Preset::name).collect(Collectors.joining(", "));
        throw new BadInputException("unknown preset '" + name + "' (known: " + (known.isEmpty() ? "" : known + ", ") + Preset.NONE + ")");
    }

    /** The preset that is the default on {@code envId}, or null. */
    public Preset defaultPreset(String envId) {
        for (Preset p : presets) if (p.isDefaultOn(envId)) return p;
        return null;
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
