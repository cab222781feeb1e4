package io.gauntlet.core.experiment;

import io.gauntlet.core.BadInputException;
import io.gauntlet.core.env.Env;
import io.gauntlet.core.env.EnvRegistry;
import io.gauntlet.core.env.EnvSpec;
import io.gauntlet.core.env.Space;
import java.nio.file.Path;
import java.util.Map;

/**
 * What defines one run: the task, the algorithm with its resolved settings, the seed and the budget in environment
 * steps. Two runs with equal configs produce bit-identical results (time columns aside).
 */
public record RunConfig(EnvSpec env, AlgorithmSpec<?> algorithm, Record args, long seed, long steps) {
    public RunConfig {
        if (seed < 0) throw new BadInputException("seed must be a non-negative integer, got " + seed);
        if (steps <= 0) throw new BadInputException("step budget must be positive, got " + steps);
        if (!algorithm.argsType().isInstance(args)) {
            throw new IllegalArgumentException(algorithm.id() + " takes " + algorithm.argsType().getName() + ", not " + args.getClass().getName());
        }
    }

    /**
     * Resolves ids and overrides against the registries; {@code steps == null} takes the algorithm's default
     * budget. Every problem (unknown id or setting, malformed or out-of-range value, an action space the algorithm
     * does not handle) is a {@link BadInputException}, raised before anything is written.
     */
    public static RunConfig resolve(String envId, String algoId, Map<String, String> overrides, long seed, Long steps) {
        EnvSpec env = EnvRegistry.spec(envId);
        AlgorithmSpec<?> algo = AlgorithmRegistry.spec(algoId);
        Space actions = requireSupported(env, algo);
        return new RunConfig(env, algo, resolveArgs(algo, actions, overrides), seed, steps == null ? algo.defaultSteps() : steps);
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
