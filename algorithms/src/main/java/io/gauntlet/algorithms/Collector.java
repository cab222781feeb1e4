package io.gauntlet.algorithms;

import io.gauntlet.core.env.Box;
import io.gauntlet.core.env.Env;
import io.gauntlet.core.env.Step;
import io.gauntlet.core.experiment.Run;
import io.gauntlet.core.experiment.TrainedRun;
import io.gauntlet.core.random.Rng;

/**
 * TD3's and SAC's side of the task, as CleanRL's off-policy scripts run it: one env (its episode tracked mid-way),
 * the replay buffer, and per step an action (uniformly random in the box before {@code learning_starts}, the
 * algorithm's exploring policy after), the step, the stored transition (s, a, r, s', terminated) and a reset at an
 * episode's end. The streams are {@code exploration} (actions) and {@code env} (reset seeds). Its {@link ValueCheck}
 * pairs each episode's first-state value with the discounted return realised.
 */
final class Collector {
    /** How the algorithm explores once learning: an action for {@code obs} into {@code action}, drawing from {@code rng}. */
    interface Explorer {
        void act(double[] obs, Rng rng, double[] action);
    }

    final Box box;
    final int obsDim;
    final ReplayBuffer replay;
    /** Fujimoto et al.'s check of the critic's bias, over the episodes that start once learning has. */
    final ValueCheck valueCheck;
    private final Env env;
    private final Step step;
    private final double[] obs;
    private final double[] action;
    private final Rng actRng;
    private final Rng envSeeds;

    Collector(Run run, int bufferSize, double gamma) {
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
     * One environment step of the run: act, step, store, reset when the episode is done; {@code startValue} gives the
     * critic's value of a new episode's first state for the {@link #valueCheck}.
     */
    void step(Run run, long learningStarts, Explorer explorer, java.util.function.ToDoubleFunction<double[]> startValue) {
        System.arraycopy(step.observation, 0, obs, 0, obsDim);
        if (run.totalEnvSteps() < learningStarts) {
            for (int j = 0; j < action.length; j++) action[j] = actRng.uniform(box.low(j), box.high(j));
        } else {
            explorer.act(obs, actRng, action);
        }
        env.step(action, step);
        run.addEnvSteps(1);
        replay.add(obs, action, step.reward, step.observation, step.terminated);
        valueCheck.reward(step.reward, step.done());
        if (step.done()) {
            env.reset(envSeeds.nextLong(), step);
            valueCheck.start(run.totalEnvSteps() > learningStarts ? startValue.applyAsDouble(step.observation) : Double.NaN);
        }
    }
}
