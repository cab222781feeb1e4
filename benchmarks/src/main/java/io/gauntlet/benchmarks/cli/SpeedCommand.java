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
 * end. One env is stepped directly; several go through {@link VectorEnv} on one thread. A warm-up of the same
 * length as the measurement runs first so the JIT has compiled the step. A quick figure; for careful numbers use
 * the JMH benchmark {@code EnvStepBenchmark}.
 */
@Command(name = "speed", mixinStandardHelpOptions = true, description = "Measure raw env steps per second on this machine under a random policy.")
public final class SpeedCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--env", required = true, paramLabel = "ID", description = "Task id, wrapper suffixes allowed.")
    String envId;

    @Option(names = "--num-envs", defaultValue = "1", paramLabel = "N", description = "Copies stepped in lock-step (VectorEnv). Default ${DEFAULT-VALUE}.")
    int numEnvs;

    @Option(names = "--steps", defaultValue = "1000000", paramLabel = "N", description = "Env steps to time (over all copies). Default ${DEFAULT-VALUE}.")
    long steps;

    @Option(names = "--seed", defaultValue = "0", description = "Seed for the envs and the random policy. Default ${DEFAULT-VALUE}.")
    long seed;

    @Mixin
    JsonOutput output;

    /** Keeps the JIT from discarding the stepping as dead code. */
    private double sink;

    @Override
    public Integer call() throws Exception {
        if (numEnvs < 1) throw new BadInputException("--num-envs must be at least 1, got " + numEnvs);
        if (steps < 1) throw new BadInputException("--steps must be at least 1, got " + steps);
        EnvSpec envSpec = EnvRegistry.spec(envId);
        long rounds = Math.max(1, steps / numEnvs);
        long measured = rounds * numEnvs;

        double seconds;
        if (numEnvs == 1) {
            Env env = envSpec.make();
            runSingle(env, rounds); // warm-up
            long t0 = System.nanoTime();
            runSingle(env, rounds);
            seconds = (System.nanoTime() - t0) * 1e-9;
        } else {
            VectorEnv venv = VectorEnv.of(envSpec, numEnvs);
            runVector(venv, rounds);
            long t0 = System.nanoTime();
            runVector(venv, rounds);
            seconds = (System.nanoTime() - t0) * 1e-9;
        }
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

    private void runSingle(Env env, long n) {
        Rng rng = new Rng(seed);
        Step step = Step.of(env);
        double[] action = new double[env.actionSpace().flatDim()];
        env.reset(seed, step);
        double acc = 0;
        for (long i = 0; i < n; i++) {
            env.actionSpace().sample(rng, action);
            env.step(action, step);
            acc += step.reward;
            if (step.terminated || step.truncated) env.reset(step);
        }
        sink += acc;
    }

    private void runVector(VectorEnv venv, long rounds) {
        Rng rng = new Rng(seed);
        double[] actions = new double[venv.size() * venv.actionDim()];
        venv.reset(seed);
        double acc = 0;
        for (long i = 0; i < rounds; i++) {
            venv.sampleActions(rng, actions);
            venv.step(actions);
            acc += venv.rewards[0];
        }
        sink += acc;
    }
}
