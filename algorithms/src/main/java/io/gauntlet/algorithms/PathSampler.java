package io.gauntlet.algorithms;

import io.gauntlet.core.env.Box;
import io.gauntlet.core.env.Env;
import io.gauntlet.core.env.Step;
import io.gauntlet.core.experiment.Run;
import io.gauntlet.core.experiment.TrainedRun;
import io.gauntlet.core.policy.Policy;
import io.gauntlet.core.random.Rng;
import java.util.Arrays;

/**
 * rllab's batch sampler, the one every whole-episode algorithm samples through (REINFORCE, TNPG, TRPO, RWR, REPS,
 * CEM, CMA-ES): whole episodes ("paths") with the current policy until the batch holds at least {@code minSteps}
 * steps, in flat arrays. It owns the run's env (tracked as {@link TrainedRun#ENV}) and the streams "policy" (the
 * policy's samples) and "env" (one seed per episode). A Box action is clipped to the box on its way to the
 * environment while the unclipped sample is stored (it is what the log-likelihood ratio uses). Episodes end where the task ends them (termination or time limit); as in rllab, the end of a path is
 * treated as terminal by the return computations. Stepping allocates nothing once the arrays have grown.
 */
final class PathSampler {
    final Env env;
    private final Run run;
    private final Rng policyRng;
    private final Rng envSeeds;
    private final Box box;
    private final Step step;
    private final double[] obsRow;
    private final double[] action;
    private final double[] clipped;
    final int obsDim;
    final int actDim;

    // The batch: step i of the batch is row i of every array; episode e spans [episodeStart[e], episodeStart[e+1]).
    int size;
    int episodes;
    double[] obs = new double[0];
    double[] actions = new double[0];
    double[] rewards = new double[0];
    int[] t = new int[0];
    int[] episodeStart = new int[16];
    double[] episodeReturns = new double[16];

    PathSampler(Run run) {
        this.run = run;
        this.env = run.track(TrainedRun.ENV, run.makeEnv());
        this.policyRng = run.rng("policy");
        this.envSeeds = run.rng("env");
        this.box = env.actionSpace() instanceof Box b ? b : null;
        this.step = Step.of(env);
        this.obsDim = env.observationSpace().flatDim();
        this.actDim = env.actionSpace().flatDim();
        this.obsRow = new double[obsDim];
        this.action = new double[actDim];
        this.clipped = new double[actDim];
    }

    /** Clears the batch and fills it with whole episodes totalling at least {@code minSteps} steps, counted in the run. */
    void sample(Policy policy, int minSteps) {
        size = 0;
        episodes = 0;
        while (size < minSteps) runEpisode(policy);
        run.addEnvSteps(size);
    }

    /** The mean undiscounted return of {@code n} new episodes (a batch of its own, counted in the run): a search method's score. */
    double meanReturn(Policy policy, int n) {
        size = 0;
        episodes = 0;
        double total = 0;
        for (int e = 0; e < n; e++) total += runEpisode(policy);
        run.addEnvSteps(size);
        return total / n;
    }

    /** Runs one episode into the batch; returns its undiscounted return. */
    private double runEpisode(Policy policy) {
        env.reset(envSeeds.nextLong(), step);
        if (policy instanceof GruPolicy gru) gru.resetState();
        if (episodes + 2 > episodeStart.length) {
            episodeStart = Arrays.copyOf(episodeStart, 2 * episodeStart.length);
            episodeReturns = Arrays.copyOf(episodeReturns, 2 * episodeReturns.length);
        }
        episodeStart[episodes] = size;
        double total = 0;
        int k = 0;
        do {
            System.arraycopy(step.observation, 0, obsRow, 0, obsDim);
            policy.act(obsRow, policyRng, action);
            double[] sent = action;
            if (box != null) {
                System.arraycopy(action, 0, clipped, 0, actDim);
                box.clip(clipped);
                sent = clipped;
            }
            env.step(sent, step);
            add(obsRow, action, step.reward, k++);
            total += step.reward;
        } while (!step.done());
        episodeReturns[episodes] = total;
        episodes++;
        episodeStart[episodes] = size;
        if (policy instanceof GruPolicy gru) gru.setEpisodeStarts(episodeStart, episodes, size);
        return total;
    }

    private void add(double[] o, double[] a, double r, int stepIndex) {
        if (size == rewards.length) {
            int cap = Math.max(1024, 2 * size);
            obs = Arrays.copyOf(obs, cap * obsDim);
            actions = Arrays.copyOf(actions, cap * actDim);
            rewards = Arrays.copyOf(rewards, cap);
            t = Arrays.copyOf(t, cap);
        }
        System.arraycopy(o, 0, obs, size * obsDim, obsDim);
        System.arraycopy(a, 0, actions, size * actDim, actDim);
        rewards[size] = r;
        t[size] = stepIndex;
        size++;
    }

    /** Discounted return to go of every step within its episode. */
    void discountedReturns(double gamma, double[] out) {
        for (int e = 0; e < episodes; e++) {
            double g = 0;
            for (int i = episodeStart[e + 1] - 1; i >= episodeStart[e]; i--) {
                g = rewards[i] + gamma * g;
                out[i] = g;
            }
        }
    }

    /** GAE(λ) advantages of every step from per-step {@code values} ({@link Gae#ofPaths}: 0 after a path's end). */
    void advantages(double gamma, double lambda, double[] values, double[] out) {
        Gae.ofPaths(rewards, values, episodeStart, episodes, gamma, lambda, out);
    }

    /** Mean over episodes of the discounted return from their first step ({@code returns} from {@link #discountedReturns}). */
    double averageDiscountedReturn(double[] returns) {
        double s = 0;
        for (int e = 0; e < episodes; e++) s += returns[episodeStart[e]];
        return s / episodes;
    }
}
