package io.gauntlet.algorithms;

import io.gauntlet.core.SideThread;
import io.gauntlet.core.env.Box;
import io.gauntlet.core.env.Env;
import io.gauntlet.core.env.Step;
import io.gauntlet.core.experiment.Run;
import io.gauntlet.core.experiment.TrainedRun;
import io.gauntlet.core.random.Rng;
import java.io.IOException;
import java.util.Map;

/**
 * TD3's and SAC's side of the task, as CleanRL's off-policy scripts run it: one env (its episode tracked mid-way),
 * the replay buffer, and per step an action (uniformly random in the box before {@code learning_starts}, the
 * algorithm's exploring policy after), the step, the stored transition (s, a, r, s', terminated) and a reset at an
 * episode's end. The streams are {@code exploration} (actions) and {@code env} (reset seeds). Its {@link ValueCheck}
 * pairs each episode's first-state value with the discounted return realised.
 */
final class Collector {
    /** TD3's or SAC's learner, as the loop drives it. */
    interface Learner {
        /** Registers every part with the run (restored there on a resume), then takes the streams its updates draw from. */
        void track(Run run);

        /** Shares the networks' large products with {@code side}'s thread. */
        void splitWith(SideThread<Void> side);

        /** How it explores once learning: an action for {@code obs} into {@code action}, drawing from {@code rng}. */
        void explore(double[] obs, Rng rng, double[] action);

        /** The critic's value of a new episode's first state, for the {@link #valueCheck} (NaN: none). */
        double startValue(double[] obs);

        /** Its update after env step {@code t}, once past learning_starts. */
        void learn(ReplayBuffer replay, long t);

        /** The progress row's diagnostics: the means since the last call. */
        Map<String, Double> diagnostics();
    }

    final Box box;
    final int obsDim;
    final ReplayBuffer replay;
    /** Fujimoto et al.'s check of the critic's bias, over the episodes that start once learning has. */
    final ValueCheck valueCheck;
    private final long learningStarts;
    private final Env env;
    private final Step step;
    private final double[] obs;
    private final double[] action;
    private final Rng actRng;
    private final Rng envSeeds;

    Collector(Run run, int bufferSize, double gamma, long learningStarts) {
        this.learningStarts = learningStarts;
        env = run.makeEnv();
        box = (Box) env.actionSpace();
        obsDim = env.observationSpace().flatDim();
        replay = run.track("replay", new ReplayBuffer(bufferSize, obsDim, box.dim()));
        actRng = run.rng("exploration");
        envSeeds = run.rng("env");
        step = Step.of(env);
        obs = new double[obsDim];
        action = new double[box.dim()];
        valueCheck = run.track("valueCheck", new ValueCheck(gamma));
        run.track(TrainedRun.ENV, env, step);
        if (!run.resumed()) env.reset(envSeeds.nextLong(), step);
    }

    /**
     * The whole training, as CleanRL's off-policy scripts run it: registers the learner, shares its products with a
     * second thread ({@code name}-kernels) when {@code threads} > 1, then until the budget is spent
     * {@code epochLength} env steps per progress row, each a {@link #step} and, once past learning_starts, the
     * learner's update; the row holds the learner's diagnostics, the replay size and, with {@code valueCheckColumns},
     * the {@link #valueCheck}'s.
     */
    void train(Run run, Learner learner, String name, int threads, int epochLength, boolean valueCheckColumns) throws IOException {
        learner.track(run);
        try (SideThread<Void> side = new SideThread<>(name + "-kernels", threads > 1)) {
            learner.splitWith(side);
            while (!run.budgetExhausted()) {
                for (int k = 0; k < epochLength && !run.budgetExhausted(); k++) {
                    long t = run.totalEnvSteps();
                    step(run, learner);
                    if (t > learningStarts) learner.learn(replay, t);
                }
                Map<String, Double> diag = learner.diagnostics();
                diag.put("ReplaySize", (double) replay.size());
                if (valueCheckColumns) valueCheck.report(diag);
                run.endIteration(diag);
            }
        }
    }

    /**
     * One environment step of the run: act (uniformly in the box before learning_starts, as the learner explores
     * after), step, store, reset when the episode is done, giving the learner's value of a new episode's first
     * state to the {@link #valueCheck}.
     */
    private void step(Run run, Learner learner) {
        System.arraycopy(step.observation, 0, obs, 0, obsDim);
        if (run.totalEnvSteps() < learningStarts) {
            for (int j = 0; j < action.length; j++) action[j] = actRng.uniform(box.low(j), box.high(j));
        } else {
            learner.explore(obs, actRng, action);
        }
        env.step(action, step);
        run.addEnvSteps(1);
        replay.add(obs, action, step.reward, step.observation, step.terminated);
        valueCheck.reward(step.reward, step.done());
        if (step.done()) {
            env.reset(envSeeds.nextLong(), step);
            valueCheck.start(run.totalEnvSteps() > learningStarts ? learner.startValue(step.observation) : Double.NaN);
        }
    }
}
