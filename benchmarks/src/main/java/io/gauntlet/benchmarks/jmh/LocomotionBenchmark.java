package io.gauntlet.benchmarks.jmh;

import io.gauntlet.core.env.Env;
import io.gauntlet.core.env.Step;
import io.gauntlet.core.env.VectorEnv;
import io.gauntlet.core.random.Rng;
import io.gauntlet.envs.locomotion.Ant;
import io.gauntlet.envs.locomotion.HalfCheetah;
import io.gauntlet.envs.locomotion.Hopper;
import io.gauntlet.envs.locomotion.Humanoid;
import io.gauntlet.envs.locomotion.InvertedDoublePendulum;
import io.gauntlet.envs.locomotion.InvertedPendulum;
import io.gauntlet.envs.locomotion.SimpleHumanoid;
import io.gauntlet.envs.locomotion.Swimmer;
import io.gauntlet.envs.locomotion.Walker2d;
import io.gauntlet.core.wrappers.TimeLimit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * Env steps per second of the locomotion tasks, under MuJoCo's reference protocol (environments.md): uniform random
 * actions in the action box, 1000-step episodes, no reset on falling for the planar walkers; Ant and Humanoid end
 * when unhealthy, as Gymnasium's (and tools/mujoco_reference.c's speed mode) do. {@code step} is one env
 * (frame skip included); {@code vectorStep} is {@link #COPIES} copies through core's VectorEnv, reported per env
 * step. Run: {@code java -cp ... org.openjdk.jmh.Main LocomotionBenchmark -wi 2 -i 3 -f 1} (add {@code -prof gc}
 * to check that stepping allocates nothing).
 */
public class LocomotionBenchmark extends StepsPerSecond {
    static final int COPIES = 8;
    static final int ACTIONS = 1024;

    @Param({"HalfCheetah", "Hopper", "Walker2d", "Swimmer", "InvertedPendulum", "InvertedDoublePendulum", "Ant", "Humanoid", "SimpleHumanoid"})
    public String task;

    private Env env;
    private Step step;
    private double[][] actions;
    private VectorEnv vector;
    private double[][] vectorActions;
    private int next;

    static Env make(String task) {
        Env e = switch (task) {
            case "HalfCheetah" -> new HalfCheetah();
            case "Hopper" -> new Hopper(false);
            case "Walker2d" -> new Walker2d(false);
            case "Swimmer" -> new Swimmer();
            case "InvertedPendulum" -> new InvertedPendulum();
            case "InvertedDoublePendulum" -> new InvertedDoublePendulum();
            case "Ant" -> new Ant();
            case "Humanoid" -> new Humanoid();
            case "SimpleHumanoid" -> new SimpleHumanoid();
            default -> throw new IllegalArgumentException("unknown task " + task);
        };
        return new TimeLimit(e, 1000);
    }

    @Setup
    public void setup() {
        env = make(task);
        step = Step.of(env);
        env.reset(1, step);
        Rng rng = new Rng(2);
        int dim = env.actionSpace().flatDim();
        actions = new double[ACTIONS][dim];
        for (double[] a : actions) env.actionSpace().sample(rng, a);
        Env[] copies = new Env[COPIES];
        for (int i = 0; i < COPIES; i++) copies[i] = make(task);
        vector = new VectorEnv(copies);
        vector.reset(3);
        vectorActions = new double[ACTIONS][COPIES * dim];
        for (double[] a : vectorActions) vector.sampleActions(rng, a);
    }

    @Benchmark
    public double step() {
        env.step(actions[next++ & (ACTIONS - 1)], step);
        if (step.done()) env.reset(step);
        return step.reward;
    }

    @Benchmark
    @OperationsPerInvocation(COPIES)
    public double vectorStep() {
        vector.step(vectorActions[next++ & (ACTIONS - 1)]);
        return vector.rewards[0];
    }
}
