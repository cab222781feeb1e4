package io.gauntlet.algorithms;

import io.gauntlet.core.BadInputException;
import io.gauntlet.core.distributions.Distribution;
import io.gauntlet.core.env.Box;
import io.gauntlet.core.env.Discrete;
import io.gauntlet.core.env.Env;
import io.gauntlet.core.env.Space;
import io.gauntlet.core.env.Step;
import io.gauntlet.core.experiment.Algorithm;
import io.gauntlet.core.experiment.AlgorithmSpec;
import io.gauntlet.core.experiment.Hyperparameters;
import io.gauntlet.core.experiment.Param;
import io.gauntlet.core.experiment.Run;
import io.gauntlet.core.experiment.TrainingState;
import io.gauntlet.core.nn.Adam;
import io.gauntlet.core.nn.Init;
import io.gauntlet.core.nn.Mlp;
import io.gauntlet.core.policy.CategoricalMlpPolicy;
import io.gauntlet.core.policy.GaussianMlpPolicy;
import io.gauntlet.core.policy.StochasticPolicy;
import io.gauntlet.core.random.Rng;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * REINFORCE (Williams 1992) as rllab's VPG: the "vanilla policy gradient" baseline of Duan et al. (2016).
 *
 * <pre>
 * for each iteration:
 *     collect whole episodes with the current policy until the batch holds ≥ batch_size steps
 *     R_t  = Σ_k γ^k r_{t+k}                          (discounted return to go, within the episode)
 *     A_t  = R_t − b(s_t)                              (b: linear feature baseline fitted last iteration)
 *     refit b on this batch's (s_t, R_t)
 *     A    ← (A − mean A) / (std A + 1e-8)             (centre and scale per batch)
 *     L(θ) = −(1/N) Σ_t log π_θ(a_t|s_t) · A_t
 *     θ    ← Adam(θ, ∇L)                               (one step on the whole batch)
 * </pre>
 *
 * Discrete action spaces get a categorical MLP policy, boxes a Gaussian MLP policy with a state-independent
 * learned log-std (rllab's). A Gaussian sample is clipped to the box only on its way to the environment; the
 * unclipped sample is what the loss uses. Episodes end where the task's time limit cuts them (their return is
 * not bootstrapped, as in rllab).
 *
 * <p><b>Defaults.</b> rllab's VPG takes one Adam step per iteration on the whole batch, learning rate 0.01. We keep
 * that rule and rllab's basic-task settings untuned: batch 5,000 steps, γ 0.99, hidden layers 32-32 tanh (its
 * locomotion network is {@code --set hidden_sizes=100,50,25}), Xavier-uniform weights and zero biases (Lasagne's
 * default), initial std 1, advantages centred and scaled. On CartPole-v1 they first reach an iteration average of
 * 475 after 61k-108k steps (seeds 1-8) and every one of those seeds averages ≥ 475 in its last iteration at
 * 250k steps, hence {@link #DEFAULT_STEPS}: about twice the slowest seed's need, without a long plateau in
 * which REINFORCE's occasional dips would show.
 *
 * <p>Reproducible: the policy samples from stream "policy", every episode is seeded from stream "env", the
 * network is initialised from stream "init"; a checkpoint holds the policy ("policy"), Adam's state ("adam.m",
 * "adam.v", "adam.t"), the baseline ("baseline") and both live streams ("rng.policy", "rng.env"), and every
 * iteration starts with fresh episodes, so a resumed run continues bit-identically.
 */
public final class Reinforce implements Algorithm {
    /** The step budget when the user names none: enough for CartPole-v1 to reach 475 with the defaults. */
    public static final long DEFAULT_STEPS = 250_000;

    public static final List<Param> PARAMS = List.of(
            new Param("batch_size", 5000, "environment steps per iteration (whole episodes: the last one runs to its end)"),
            new Param("discount", 0.99, "discount factor γ of the returns"),
            new Param("learning_rate", 0.01, "Adam learning rate (one step per iteration on the whole batch)"),
            new Param("hidden_sizes", new int[] {32, 32}, "hidden layer sizes of the policy MLP (rllab locomotion: 100,50,25)"),
            new Param("activation", "tanh", "hidden activation: tanh or relu"),
            new Param("init_std", 1.0, "initial standard deviation of a Gaussian policy (Box action spaces)"),
            new Param("center_advantages", true, "centre and scale the advantages per batch"));

    public static final AlgorithmSpec SPEC = new AlgorithmSpec(
            "reinforce",
            "REINFORCE / vanilla policy gradient with a linear feature baseline (rllab's VPG)",
            PARAMS,
            DEFAULT_STEPS,
            space -> space instanceof Discrete || space instanceof Box,
            Reinforce::new);

    private final int batchSize;
    private final double discount;
    private final double learningRate;
    private final int[] hidden;
    private final Mlp.Activation activation;
    private final double initStd;
    private final boolean centerAdvantages;

    public Reinforce(Hyperparameters hp) {
        batchSize = hp.getInt("batch_size");
        discount = hp.getDouble("discount");
        learningRate = hp.getDouble("learning_rate");
        hidden = hp.getInts("hidden_sizes");
        initStd = hp.getDouble("init_std");
        centerAdvantages = hp.getBoolean("center_advantages");
        activation = switch (hp.getString("activation").toLowerCase(java.util.Locale.ROOT)) {
            case "tanh" -> Mlp.Activation.TANH;
            case "relu" -> Mlp.Activation.RELU;
            default -> throw new BadInputException("parameter 'activation' must be tanh or relu, got '" + hp.getString("activation") + "'");
        };
        if (batchSize <= 0) throw new BadInputException("parameter 'batch_size' must be positive, got " + batchSize);
        if (!(discount >= 0 && discount <= 1)) throw new BadInputException("parameter 'discount' must be in [0, 1], got " + discount);
        if (!(learningRate > 0)) throw new BadInputException("parameter 'learning_rate' must be positive, got " + learningRate);
        if (!(initStd > 0)) throw new BadInputException("parameter 'init_std' must be positive, got " + initStd);
    }

    @Override
    public void train(Run run) throws IOException {
        Env env = run.makeEnv();
        EnvCheckpoint.restore(run, env);
        Space actionSpace = env.actionSpace();
        int obsDim = env.observationSpace().flatDim();
        StochasticPolicy policy = makePolicy(obsDim, actionSpace, run.rng("init"));
        Distribution dist = policy.distribution();
        Adam adam = new Adam(policy.numParams(), learningRate);
        LinearFeatureBaseline baseline = new LinearFeatureBaseline(obsDim);
        Rng policyRng = run.rng("policy");
        Rng envSeeds = run.rng("env");
        run.resumeState().ifPresent(s -> {
            policy.setParams(s.doubles("policy"));
            adam.setState(s.doubles("adam.m"), s.doubles("adam.v"), s.getLong("adam.t"));
            baseline.setCoefficients(s.doubles("baseline"));
            policyRng.setState(s.longs("rng.policy"));
            envSeeds.setState(s.longs("rng.env"));
        });
        Batch batch = new Batch(obsDim, actionSpace.flatDim(), batchSize + Math.max(run.env().maxEpisodeSteps(), 1));
        Sampler sampler = new Sampler(env, policy, actionSpace, policyRng, envSeeds);
        run.log("reinforce: " + (actionSpace instanceof Discrete ? "categorical" : "Gaussian") + " MLP policy "
                + Arrays.toString(hidden) + " " + activation.name().toLowerCase(java.util.Locale.ROOT) + ", "
                + policy.numParams() + " parameters");

        while (!run.budgetExhausted()) {
            // 1. Collect whole episodes until the batch holds batch_size steps.
            batch.clear();
            while (batch.size < batchSize) {
                sampler.runEpisode(batch, run);
            }
            int n = batch.size;
            run.addEnvSteps(n);

            // 2. Discounted returns to go, baseline (last iteration's fit), advantages; then refit the baseline.
            batch.computeReturns(discount);
            for (int i = 0; i < n; i++) batch.baseline[i] = baseline.predict(batch.obs, i * obsDim, batch.t[i]);
            double explainedVariance = explainedVariance(batch.baseline, batch.returns, n);
            for (int i = 0; i < n; i++) batch.adv[i] = batch.returns[i] - batch.baseline[i];
            baseline.fit(batch.obs, batch.t, batch.returns, n);
            if (centerAdvantages) centreAndScale(batch.adv, n);

            // 3. One Adam step on L(θ) = −mean(log π(a|s) · A).
            int pd = dist.paramDim();
            int ad = dist.actionDim();
            double[] oldParams = Arrays.copyOf(policy.distributionParams(batch.obs, n), n * pd);
            double lossBefore = 0;
            double entropy = 0;
            double[] dLoss = new double[n * pd];
            for (int i = 0; i < n; i++) {
                lossBefore -= dist.logProb(oldParams, i * pd, batch.act, i * ad) * batch.adv[i];
                entropy += dist.entropy(oldParams, i * pd);
                dist.gradLogProb(oldParams, i * pd, batch.act, i * ad, -batch.adv[i] / n, dLoss, i * pd);
            }
            lossBefore /= n;
            entropy /= n;
            policy.zeroGradients();
            policy.backward(dLoss, n);
            adam.step(policy.params(), policy.gradients());

            // 4. Diagnostics: the loss after the step and how far the policy moved.
            double[] newParams = policy.distributionParams(batch.obs, n);
            double lossAfter = 0;
            double meanKl = 0;
            double maxKl = 0;
            for (int i = 0; i < n; i++) {
                lossAfter -= dist.logProb(newParams, i * pd, batch.act, i * ad) * batch.adv[i];
                double kl = dist.kl(oldParams, i * pd, newParams, i * pd);
                meanKl += kl;
                maxKl = Math.max(maxKl, kl);
            }
            lossAfter /= n;
            meanKl /= n;

            Map<String, Double> diagnostics = new LinkedHashMap<>();
            diagnostics.put("AverageDiscountedReturn", batch.averageDiscountedReturn());
            diagnostics.put("ExplainedVariance", explainedVariance);
            diagnostics.put("Entropy", entropy);
            diagnostics.put("Perplexity", Math.exp(entropy));
            diagnostics.put("LossBefore", lossBefore);
            diagnostics.put("LossAfter", lossAfter);
            diagnostics.put("dLoss", lossBefore - lossAfter);
            diagnostics.put("MeanKL", meanKl);
            diagnostics.put("MaxKL", maxKl);
            if (policy instanceof GaussianMlpPolicy g) {
                double s = 0;
                for (int j = 0; j < g.actionDim(); j++) s += Math.exp(g.params()[g.logStdOffset() + j]);
                diagnostics.put("AveragePolicyStd", s / g.actionDim());
            }
            TrainingState state = new TrainingState()
                    .putDoubles("policy", policy.params())
                    .putDoubles("adam.m", adam.m())
                    .putDoubles("adam.v", adam.v())
                    .putLong("adam.t", adam.stepCount())
                    .putDoubles("baseline", baseline.coefficients())
                    .putLongs("rng.policy", policyRng.state())
                    .putLongs("rng.env", envSeeds.state());
            run.endIteration(diagnostics, EnvCheckpoint.save(state, env));
        }
    }

    @Override
    public StochasticPolicy policy(Env env, TrainingState checkpoint) {
        StochasticPolicy p = makePolicy(env.observationSpace().flatDim(), env.actionSpace(), new Rng(0));
        p.setParams(checkpoint.doubles("policy"));
        return p;
    }

    private StochasticPolicy makePolicy(int obsDim, Space actionSpace, Rng init) {
        if (actionSpace instanceof Discrete d) {
            CategoricalMlpPolicy p = new CategoricalMlpPolicy(obsDim, d.n(), hidden, activation);
            Init.xavierUniform(p.mlp(), init, 1.0);
            return p;
        }
        if (actionSpace instanceof Box b) {
            GaussianMlpPolicy p = new GaussianMlpPolicy(obsDim, b.dim(), hidden, activation, initStd);
            Init.xavierUniform(p.mlp(), init, 1.0);
            return p;
        }
        throw new BadInputException("reinforce supports Discrete and Box action spaces, not " + actionSpace.describe());
    }

    /** rllab's explained_variance_1d: 1 − Var(y − ŷ) / Var(y). */
    static double explainedVariance(double[] predicted, double[] actual, int n) {
        double varY = variance(actual, null, n);
        if (varY < 1e-8) return variance(predicted, null, n) > 0 ? 0 : 1;
        return 1 - variance(actual, predicted, n) / (varY + 1e-8);
    }

    /** Population variance of a (or of a − b when b is not null). */
    private static double variance(double[] a, double[] b, int n) {
        double mean = 0;
        for (int i = 0; i < n; i++) mean += a[i] - (b == null ? 0 : b[i]);
        mean /= n;
        double s = 0;
        for (int i = 0; i < n; i++) {
            double d = a[i] - (b == null ? 0 : b[i]) - mean;
            s += d * d;
        }
        return s / n;
    }

    private static void centreAndScale(double[] x, int n) {
        double mean = 0;
        for (int i = 0; i < n; i++) mean += x[i];
        mean /= n;
        double var = 0;
        for (int i = 0; i < n; i++) var += (x[i] - mean) * (x[i] - mean);
        double std = Math.sqrt(var / n);
        for (int i = 0; i < n; i++) x[i] = (x[i] - mean) / (std + 1e-8);
    }

    /** Runs the policy in the environment, one whole episode at a time, allocation-free per step. */
    private static final class Sampler {
        private final Env env;
        private final StochasticPolicy policy;
        private final Box box;
        private final Rng policyRng;
        private final Rng envSeeds;
        private final Step step;
        private final double[] obs;
        private final double[] action;
        private final double[] clipped;

        Sampler(Env env, StochasticPolicy policy, Space actionSpace, Rng policyRng, Rng envSeeds) {
            this.env = env;
            this.policy = policy;
            this.box = actionSpace instanceof Box b ? b : null;
            this.policyRng = policyRng;
            this.envSeeds = envSeeds;
            this.step = Step.of(env);
            this.obs = new double[env.observationSpace().flatDim()];
            this.action = new double[actionSpace.flatDim()];
            this.clipped = new double[actionSpace.flatDim()];
        }

        void runEpisode(Batch batch, Run run) {
            env.reset(envSeeds.nextLong(), step);
            double undiscounted = 0;
            int t = 0;
            batch.startEpisode();
            do {
                System.arraycopy(step.observation, 0, obs, 0, obs.length);
                policy.act(obs, policyRng, action);
                double[] sent = action;
                if (box != null) {
                    System.arraycopy(action, 0, clipped, 0, action.length);
                    box.clip(clipped);
                    sent = clipped;
                }
                env.step(sent, step);
                batch.add(obs, action, step.reward, t);
                undiscounted += step.reward;
                t++;
            } while (!step.done());
            batch.endEpisode();
            run.recordEpisode(undiscounted, t);
        }
    }

    /** One iteration's samples in flat arrays, grown (rarely) when an episode overshoots the capacity. */
    private static final class Batch {
        final int obsDim;
        final int actDim;
        int size;
        int episodes;
        double[] obs;
        double[] act;
        double[] rew;
        double[] returns;
        double[] baseline;
        double[] adv;
        int[] t;
        int[] episodeStart = new int[16];

        Batch(int obsDim, int actDim, int capacity) {
            this.obsDim = obsDim;
            this.actDim = actDim;
            allocate(capacity);
        }

        private void allocate(int capacity) {
            obs = obs == null ? new double[capacity * obsDim] : Arrays.copyOf(obs, capacity * obsDim);
            act = act == null ? new double[capacity * actDim] : Arrays.copyOf(act, capacity * actDim);
            rew = rew == null ? new double[capacity] : Arrays.copyOf(rew, capacity);
            t = t == null ? new int[capacity] : Arrays.copyOf(t, capacity);
            returns = new double[capacity];
            baseline = new double[capacity];
            adv = new double[capacity];
        }

        void clear() {
            size = 0;
            episodes = 0;
        }

        void startEpisode() {
            if (episodes + 1 >= episodeStart.length) episodeStart = Arrays.copyOf(episodeStart, 2 * episodeStart.length);
            episodeStart[episodes] = size;
        }

        void endEpisode() {
            episodes++;
            episodeStart[episodes] = size;
        }

        void add(double[] o, double[] a, double r, int step) {
            if (size == rew.length) allocate(2 * rew.length);
            System.arraycopy(o, 0, obs, size * obsDim, obsDim);
            System.arraycopy(a, 0, act, size * actDim, actDim);
            rew[size] = r;
            t[size] = step;
            size++;
        }

        void computeReturns(double gamma) {
            for (int e = 0; e < episodes; e++) {
                double g = 0;
                for (int i = episodeStart[e + 1] - 1; i >= episodeStart[e]; i--) {
                    g = rew[i] + gamma * g;
                    returns[i] = g;
                }
            }
        }

        /** Mean over episodes of the discounted return from the first step. */
        double averageDiscountedReturn() {
            double s = 0;
            for (int e = 0; e < episodes; e++) s += returns[episodeStart[e]];
            return s / episodes;
        }
    }
}
