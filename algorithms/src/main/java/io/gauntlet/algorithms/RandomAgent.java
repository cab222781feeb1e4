package io.gauntlet.algorithms;

import io.gauntlet.core.args.Arg;
import io.gauntlet.core.env.Box;
import io.gauntlet.core.env.Env;
import io.gauntlet.core.env.Space;
import io.gauntlet.core.env.Step;
import io.gauntlet.core.experiment.Algorithm;
import io.gauntlet.core.experiment.AlgorithmSpec;
import io.gauntlet.core.experiment.Run;
import io.gauntlet.core.experiment.TrainedRun;
import io.gauntlet.core.experiment.TrainingState;
import io.gauntlet.core.policy.Policy;
import io.gauntlet.core.random.Rng;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The baseline every learner must beat: uniformly random actions. It learns nothing but runs the harness like
 * any algorithm, in iterations of {@code batch_size} environment steps. Every iteration starts fresh episodes
 * (the last, unfinished one is cut, as rllab's batch sampler does).
 */
public record RandomAgent(Args args) implements Algorithm {
    public record Args(
            @Arg(value = "2000", doc = "environment steps per iteration", range = "[1, 1e9]") int batchSize) {}

    public static final AlgorithmSpec<Args> SPEC = new AlgorithmSpec<>("random",
            "uniformly random actions: the floor every algorithm must beat", Args.class, 20_000, space -> true, RandomAgent::new);

    @Override
    public void train(Run run) throws IOException {
        Env env = run.makeEnv();
        Step step = Step.of(env);
        run.track(TrainedRun.ENV, env, step);
        Space actions = env.actionSpace();
        double[] action = new double[actions.flatDim()];
        Rng policy = run.rng("policy");

        while (!run.budgetExhausted()) {
            // Each iteration reseeds the task from its own stream, so no episode spans a checkpoint.
            env.reset(run.seedFor("env/0/iteration-" + run.iteration()), step);
            long steps = Math.min(args.batchSize(), run.stepBudget() - run.totalEnvSteps());
            int unfinished = 0;
            for (long t = 0; t < steps; t++) {
                actions.sample(policy, action);
                env.step(action, step);
                unfinished++;
                if (step.done()) {
                    unfinished = 0;
                    env.reset(step);
                }
            }
            run.addEnvSteps(steps);
            Map<String, Double> diagnostics = new LinkedHashMap<>();
            diagnostics.put("UnfinishedEpisodeSteps", (double) unfinished);
            run.endIteration(diagnostics);
        }
    }

    /** The uniform random policy; its deterministic action is the middle of the space (action 0 when discrete). */
    @Override
    public Policy policy(Env env, TrainingState checkpoint) {
        Space actions = env.actionSpace();
        int obsDim = env.observationSpace().flatDim();
        return new Policy() {
            private final double[] none = new double[0];
            @Override public int observationDim() { return obsDim; }
            @Override public int actionDim() { return actions.flatDim(); }
            @Override public void act(double[] observation, Rng rng, double[] action) { actions.sample(rng, action); }
            @Override public void actDeterministic(double[] observation, double[] action) {
                for (int j = 0; j < action.length; j++) action[j] = actions instanceof Box b ? (b.low(j) + b.high(j)) / 2 : 0;
            }
            @Override public void actBatch(double[] observations, int n, Rng rng, double[] out) {
                double[] a = new double[actions.flatDim()];
                for (int i = 0; i < n; i++) {
                    actions.sample(rng, a);
                    System.arraycopy(a, 0, out, i * a.length, a.length);
                }
            }
            @Override public double[] params() { return none; }
            @Override public double[] gradients() { return none; }
        };
    }
}
