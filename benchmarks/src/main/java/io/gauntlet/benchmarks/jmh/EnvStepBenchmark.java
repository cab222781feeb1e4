package io.gauntlet.benchmarks.jmh;

import io.gauntlet.core.env.Env;
import io.gauntlet.core.env.EnvRegistry;
import io.gauntlet.core.env.EnvSpec;
import io.gauntlet.core.env.Step;
import io.gauntlet.core.env.VectorEnv;
import io.gauntlet.core.random.Rng;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Raw stepping throughput of every classic-control task as registered (time limit included), under a uniformly
 * random policy with resets when episodes end: {@link #single} steps one env (must allocate nothing per step:
 * check with {@code -prof gc}), {@link #vector} steps a {@link VectorEnv} of {@value #VECTOR_SIZE} copies and
 * counts each copy's step as one operation. Scores are env steps per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EnvStepBenchmark extends ShortRuns {
    public static final int VECTOR_SIZE = 64;

    @Param({"CartPole-v1", "MountainCar-v0", "MountainCarContinuous-v0", "Pendulum-v1", "Acrobot-v1",
            "CartPoleBalancing-rllab", "CartPoleSwingUp-rllab", "MountainCar-rllab", "AcrobotSwingUp-rllab"})
    public String envId;

    private Env env;
    private Step step;
    private double[] action;
    private Rng rng;
    private VectorEnv vectorEnv;
    private double[] actions;

    @Setup(Level.Trial)
    public void setUp() {
        EnvSpec spec = EnvRegistry.spec(envId);
        env = spec.make();
        step = Step.of(env);
        action = new double[env.actionSpace().flatDim()];
        rng = new Rng(42);
        env.reset(42, step);
        vectorEnv = VectorEnv.of(spec, VECTOR_SIZE);
        vectorEnv.reset(42);
        actions = new double[VECTOR_SIZE * vectorEnv.actionDim()];
    }

    @Benchmark
    public double single() {
        env.actionSpace().sample(rng, action);
        env.step(action, step);
        if (step.terminated || step.truncated) env.reset(step);
        return step.reward;
    }

    @Benchmark
    @OperationsPerInvocation(VECTOR_SIZE)
    public double vector() {
        vectorEnv.sampleActions(rng, actions);
        vectorEnv.step(actions);
        return vectorEnv.rewards[0];
    }
}
