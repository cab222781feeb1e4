package io.gauntlet.benchmarks.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gauntlet.core.BadInputException;
import io.gauntlet.core.env.Env;
import io.gauntlet.core.env.EnvRegistry;
import io.gauntlet.core.env.EnvSpec;
import io.gauntlet.core.env.Step;
import io.gauntlet.core.env.VectorEnv;
import io.gauntlet.core.random.Rng;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gauntlet speed}: raw environment throughput under a uniformly random policy, episodes reset as they
 * end. One env is stepped directly; several go through {@link VectorEnv} on one thread. A warm-up as long as the
 * measurement runs first so the JIT has compiled the step; both last {@code --seconds} (or {@code --steps} steps).
 * A quick figure; for careful numbers use the JMH benchmark {@code EnvStepBenchmark}.
 */
@Command(name = "speed", mixinStandardHelpOptions = true, description = "Measure raw env steps per second on this machine under a random policy.")
public final class SpeedCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--env", required = true, paramLabel = "ID", description = "Task id, wrapper suffixes allowed.")
    String envId;

    @Option(names = "--num-envs", defaultValue = "1", paramLabel = "N", description = "Copies stepped in lock-step (VectorEnv). Default ${DEFAULT-VALUE}.")
    int numEnvs;

    @Option(names = "--seconds", defaultValue = "3", paramLabel = "S", description = "How long to measure, after as long a warm-up. Default ${DEFAULT-VALUE}.")
    double measureSeconds;

    @Option(names = "--steps", paramLabel = "N", description = "Time exactly N env steps (over all copies, at most 1e9) instead of --seconds; the warm-up still lasts at most --seconds.")
    Long steps;

    @Option(names = "--seed", converter = SeedConverter.class, defaultValue = "0", description = "Seed for the envs and the random policy. Default ${DEFAULT-VALUE}.")
    long seed;

    @Mixin
    JsonOutput output;

    /** Keeps the JIT from discarding the stepping as dead code. */
    private double sink;

    @Override
    public Integer call() throws Exception {
        if (numEnvs < 1 || numEnvs > MAX_ENVS) throw new BadInputException("--num-envs must be in [1, " + MAX_ENVS + "], got " + numEnvs);
        if (steps != null && (steps < 1 || steps > MAX_STEPS)) throw new BadInputException("--steps must be in [1, 1e9], got " + steps);
        if (!(measureSeconds > 0 && measureSeconds <= 3600)) {
            throw new BadInputException("--seconds must be in (0, 3600], got " + measureSeconds);
        }
        EnvSpec envSpec = EnvRegistry.spec(envId);
        // Rounds of numEnvs steps: exactly enough for --steps, or as many as fit in --seconds.
        long rounds = steps == null ? Long.MAX_VALUE : Math.max(1, steps / numEnvs);
        long budgetNanos = steps == null ? (long) (measureSeconds * 1e9) : Long.MAX_VALUE;
        Env env = numEnvs == 1 ? envSpec.make() : null;
        VectorEnv venv = numEnvs == 1 ? null : VectorEnv.of(envSpec, numEnvs);
        run(env, venv, rounds, (long) (measureSeconds * 1e9)); // warm-up, so the JIT has compiled the step
        long t0 = System.nanoTime();
        long done = run(env, venv, rounds, budgetNanos);
        double seconds = (System.nanoTime() - t0) * 1e-9;
        long measured = done * numEnvs;
        double perSecond = measured / seconds;

        PrintWriter out = spec.commandLine().getOut();
        if (output.enabled) {
            ObjectMapper mapper = new ObjectMapper();
            ObjectNode o = mapper.createObjectNode();
            o.put("env", envSpec.id());
            o.put("num_envs", numEnvs);
            o.put("steps", measured);
            o.put("seconds", seconds);
            o.put("steps_per_second", perSecond);
            o.put("threads", 1);
            out.println(mapper.writeValueAsString(o));
        } else {
            out.println(String.format(Locale.ROOT, "%s: %,.0f env steps/s (%d env%s, %,d steps in %.3f s, 1 thread, random policy)",
                    envSpec.id(), perSecond, numEnvs, numEnvs == 1 ? "" : "s", measured, seconds));
        }
        out.flush();
        return 0;
    }

    /** Copies of a task beyond this are a typo, not a measurement (each copy holds its own state). */
    static final int MAX_ENVS = 4096;
    /** Hours of stepping for the slowest tasks: anything beyond is a typo. */
    static final long MAX_STEPS = 1_000_000_000L;

    /** Steps one env (or the vector env) for {@code rounds} rounds or until the time is up; returns the rounds done. */
    private long run(Env env, VectorEnv venv, long rounds, long budgetNanos) {
        Rng rng = new Rng(seed);
        long deadline = budgetNanos == Long.MAX_VALUE ? Long.MAX_VALUE : System.nanoTime() + budgetNanos;
        Step step = env == null ? null : Step.of(env);
        double[] action = env == null ? new double[venv.size() * venv.actionDim()] : new double[env.actionSpace().flatDim()];
        if (env != null) env.reset(seed, step);
        else venv.reset(seed);
        double acc = 0;
        long done = 0;
        while (done < rounds) {
            for (int k = 0; k < 256 && done < rounds; k++, done++) {
                if (env != null) {
                    env.actionSpace().sample(rng, action);
                    env.step(action, step);
                    acc += step.reward;
                    if (step.terminated || step.truncated) env.reset(step);
                } else {
                    venv.sampleActions(rng, action);
                    venv.step(action);
                    acc += venv.rewards[0];
                }
            }
            if (System.nanoTime() > deadline) break;
        }
        sink += acc;
        return done;
    }
}
