package io.gauntlet.core.experiment;

import io.gauntlet.core.BadInputException;
import io.gauntlet.core.env.Env;
import io.gauntlet.core.args.Preset;
import io.gauntlet.core.env.EnvRegistry;
import io.gauntlet.core.env.EnvSpec;
import io.gauntlet.core.env.Space;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What defines one run: the task, the algorithm with its resolved settings, the seed and the budget in environment
 * steps. Two runs with equal configs produce bit-identical results (time columns aside). {@code preset} names the
 * {@link Preset} the settings started from (null: none), for the record: the settings themselves are what count.
 */
public record RunConfig(EnvSpec env, AlgorithmSpec<?> algorithm, Record args, long seed, long steps, String preset) {
    public RunConfig {
        if (seed < 0) throw new BadInputException("seed must be a non-negative integer, got " + seed);
        if (steps <= 0) throw new BadInputException("step budget must be positive, got " + steps);
        if (!algorithm.argsType().isInstance(args)) {
            throw new IllegalArgumentException(algorithm.id() + " takes " + algorithm.argsType().getName() + ", not " + args.getClass().getName());
        }
    }

    /** A run whose settings started from no preset. */
    public RunConfig(EnvSpec env, AlgorithmSpec<?> algorithm, Record args, long seed, long steps) {
        this(env, algorithm, args, seed, steps, null);
    }

    /**
     * Resolves ids and overrides against the registries; the overrides may name a preset ({@link Preset#KEY}), else
     * the task's default preset applies; {@code steps == null} takes the preset's budget, else the algorithm's. Every
     * problem (unknown id, preset or setting, malformed or out-of-range value, an action space the algorithm does not
     * handle) is a {@link BadInputException}, raised before anything is written.
     */
    public static RunConfig resolve(String envId, String algoId, Map<String, String> overrides, long seed, Long steps) {
        EnvSpec env = EnvRegistry.spec(envId);
        AlgorithmSpec<?> algo = AlgorithmRegistry.spec(algoId);
        Space actions = requireSupported(env, algo);
        Settings s = resolveSettings(algo, env.id(), actions, overrides);
        long budget = steps != null ? steps : s.preset() != null && algo.preset(s.preset()).steps() > 0 ? algo.preset(s.preset()).steps()
                : algo.defaultSteps();
        return new RunConfig(env, algo, s.args(), seed, budget, s.preset());
    }

    /** An algorithm's resolved settings and the preset they started from (null: none). */
    public record Settings(Record args, String preset) {}

    /**
     * The settings for a run on {@code envId}: the algorithm's defaults, then the preset the overrides name under
     * {@link Preset#KEY} ({@link Preset#NONE}: none) or else the task's default preset, then the other overrides.
     */
    public static Settings resolveSettings(AlgorithmSpec<?> algo, String envId, Space actions, Map<String, String> overrides) {
        String named = overrides.get(Preset.KEY);
        Preset preset;
        try {
            preset = named == null ? algo.defaultPreset(envId) : named.equals(Preset.NONE) ? null : algo.preset(named);
        } catch (BadInputException e) {
            throw new BadInputException(algo.id() + ": " + e.getMessage(), e);
        }
        Map<String, String> merged = new LinkedHashMap<>(preset == null ? Map.of() : preset.settings());
        merged.putAll(overrides);
        merged.remove(Preset.KEY);
        return new Settings(resolveArgs(algo, actions, merged), preset == null ? null : preset.name());
    }

    /** The algorithm's settings for a task with {@code actions}; a problem names the algorithm. */
    public static Record resolveArgs(AlgorithmSpec<?> algo, Space actions, Map<String, String> overrides) {
        try {
            return algo.resolve(actions, overrides);
        } catch (BadInputException e) {
            throw new BadInputException(algo.id() + ": " + e.getMessage(), e);
        }
    }

    /** The task's action space, if the algorithm handles it and the task (else a {@link BadInputException}). */
    public static Space requireSupported(EnvSpec env, AlgorithmSpec<?> algo) {
        Env task = env.make();
        Space actions = task.actionSpace();
        if (!supports(algo, actions)) {
            throw new BadInputException("algorithm '" + algo.id() + "' does not support the action space "
                    + actions.describe() + " of " + env.id());
        }
        if (!algo.supportsTask().test(task.unwrapped())) {
            throw new BadInputException("algorithm '" + algo.id() + "' does not run on " + env.id() + " (" + algo.description() + ")");
        }
        return actions;
    }

    public static boolean supports(AlgorithmSpec<?> algo, Space actions) {
        return algo.supportsActionSpace().test(actions);
    }

    /** Whether the algorithm runs on the task: its action space and its kind. */
    public static boolean supports(AlgorithmSpec<?> algo, Env task) {
        return supports(algo, task.actionSpace()) && algo.supportsTask().test(task.unwrapped());
    }

    /** Threads the run uses: its algorithm's resource setting {@code threads}, if it has one, else 1. */
    public int threads() {
        Object t = algorithm.values(args).get("threads");
        return t instanceof Integer n ? n : 1;
    }

    public Algorithm makeAlgorithm() {
        return algorithm.make(args);
    }

    /** {@code <out>/<env>/<algo>/seed-<n>}. */
    public Path directoryUnder(Path out) {
        return out.resolve(env.id()).resolve(algorithm.id()).resolve("seed-" + seed);
    }
}
