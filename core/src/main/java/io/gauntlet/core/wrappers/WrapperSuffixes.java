package io.gauntlet.core.wrappers;

import io.gauntlet.core.BadInputException;
import io.gauntlet.core.env.Env;
import io.gauntlet.core.env.EnvProvider;
import io.gauntlet.core.env.EnvRegistry;
import io.gauntlet.core.env.EnvSpec;
import io.gauntlet.core.env.WrapperSpec;
import io.gauntlet.core.stats.RunningMeanStd;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The wrappers any task id accepts as suffixes ({@link EnvRegistry}): {@code ID:name} or {@code ID:name=value},
 * applied left to right. Examples: {@code Pendulum-v1:normalize-obs:rescale-action},
 * {@code CartPole-v1:limited-sensors}, {@code MountainCarContinuous-v0:noisy-delayed},
 * {@code CartPoleBalancing-rllab:system-id=0.3}, {@code Acrobot-v1:time-limit=1000}.
 */
public final class WrapperSuffixes implements EnvProvider {
    /** No tasks: this provider contributes the standard wrapper suffixes to every task of every module. */
    @Override
    public List<EnvSpec> envs() {
        return List.of();
    }

    @Override
    public List<WrapperSpec> wrappers() {
        return all();
    }

    public static List<WrapperSpec> all() {
        return List.of(
                new WrapperSpec("time-limit", "time-limit=N: episodes are truncated after N steps instead of the task's standard limit (must be the first suffix)",
                        WrapperSuffixes::timeLimit),
                simple("normalize-obs", "normalize-obs[=gymnasium|welford]: observations become (obs - running mean) / running std, statistics kept across episodes (Gymnasium's rule: a prior of count 1e-4, variance 1; welford: exact moments from the first observation)",
                        (env, arg) -> new NormalizeObservation(env, rule("normalize-obs", arg))),
                simple("normalize-reward", "normalize-reward[=gamma]: Gymnasium's reward normalisation, rewards divided by the running std of the discounted return (gamma 0.99)",
                        (env, arg) -> new NormalizeReward(env, number("normalize-reward", arg, 0.99))),
                simple("scale-reward", "scale-reward=c: every reward multiplied by c",
                        (env, arg) -> new ScaleReward(env, number("scale-reward", required("scale-reward", arg), 1))),
                simple("rescale-action", "continuous actions taken in [-1,1] and mapped affinely onto the task's action box",
                        (env, arg) -> {
                            noArgument("rescale-action", arg);
                            return new RescaleAction(env);
                        }),
                simple("limited-sensors", "rllab's limited sensors: only positions/angles are observed, velocities removed",
                        (env, arg) -> {
                            noArgument("limited-sensors", arg);
                            return new LimitedSensors(env);
                        }),
                simple("noisy-obs", "noisy-obs[=sigma]: Gaussian noise (sigma 0.1) added to every observation component",
                        (env, arg) -> new NoisyObservation(env, number("noisy-obs", arg, 0.1))),
                simple("delay-actions", "delay-actions[=k]: each action is applied k steps later (k 3), a neutral action first",
                        (env, arg) -> new DelayedAction(env, integer("delay-actions", arg, 3))),
                simple("noisy-delayed", "rllab's noisy observations + delayed actions: Gaussian obs noise sigma 0.1, actions applied 3 steps late",
                        (env, arg) -> {
                            noArgument("noisy-delayed", arg);
                            return new NoisyObservation(new DelayedAction(env, 3), 0.1);
                        }),
                simple("system-id", "system-id[=f]: rllab's system identification, physical parameters resampled each episode, x U(1-f, 1+f) (f 0.5)",
                        (env, arg) -> new SystemIdentification(env, number("system-id", arg, 0.5))));
    }

    /** A wrapper that keeps the episode limit; construction is tried once so a bad argument fails at once. */
    private static WrapperSpec simple(String name, String description, BiFunction<Env, String, Env> wrap) {
        return new WrapperSpec(name, description, (base, arg) -> {
            Env probe = base.make();
            try {
                wrap.apply(probe, arg);
            } catch (IllegalArgumentException e) {
                throw new BadInputException(base.id() + ":" + name + ": " + e.getMessage(), e);
            }
            return new EnvSpec(base.id(), base.description() + "; " + description, base.maxEpisodeSteps(),
                    () -> wrap.apply(base.make(), arg));
        });
    }

    /** Replaces the task's own time limit (the outermost TimeLimit its factory applies). */
    private static EnvSpec timeLimit(EnvSpec base, String arg) {
        if (base.id().indexOf(EnvRegistry.SUFFIX_SEPARATOR) >= 0) {
            throw new BadInputException("time-limit must be the first suffix of an env id, in '" + base.id() + ":time-limit...'");
        }
        int n = integer("time-limit", required("time-limit", arg), 0);
        return new EnvSpec(base.id(), base.description() + "; truncated after " + n + " steps", n, () -> {
            Env env = base.make();
            Env task = env instanceof TimeLimit t ? t.inner() : env;
            return new TimeLimit(task, n);
        });
    }

    private static String required(String name, String arg) {
        if (arg == null || arg.isEmpty()) throw new BadInputException(name + " needs a value: " + name + "=VALUE");
        return arg;
    }

    private static void noArgument(String name, String arg) {
        if (arg != null) throw new BadInputException(name + " takes no value, got '" + arg + "'");
    }

    private static RunningMeanStd.Rule rule(String name, String arg) {
        if (arg == null) return RunningMeanStd.Rule.GYMNASIUM;
        for (RunningMeanStd.Rule r : RunningMeanStd.Rule.values()) {
            if (r.name().equalsIgnoreCase(arg)) return r;
        }
        throw new BadInputException(name + " takes gymnasium or welford, got '" + arg + "'");
    }

    private static double number(String name, String arg, double dflt) {
        if (arg == null) return dflt;
        try {
            double v = Double.parseDouble(arg);
            if (!Double.isFinite(v)) throw new NumberFormatException();
            return v;
        } catch (NumberFormatException e) {
            throw new BadInputException(name + " needs a finite number, got '" + arg + "'");
        }
    }

    private static int integer(String name, String arg, int dflt) {
        if (arg == null) return dflt;
        try {
            int v = Integer.parseInt(arg);
            if (v <= 0) throw new NumberFormatException();
            return v;
        } catch (NumberFormatException e) {
            throw new BadInputException(name + " needs a positive integer, got '" + arg + "'");
        }
    }
}
