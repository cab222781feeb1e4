package io.gauntlet.algorithms;

import io.gauntlet.core.BadInputException;
import io.gauntlet.core.SideThread;
import io.gauntlet.core.args.Arg;
import io.gauntlet.core.args.Preset;
import io.gauntlet.core.env.Box;
import io.gauntlet.core.env.Env;
import io.gauntlet.core.env.Step;
import io.gauntlet.core.experiment.Algorithm;
import io.gauntlet.core.experiment.AlgorithmSpec;
import io.gauntlet.core.experiment.Run;
import io.gauntlet.core.experiment.TrainedRun;
import io.gauntlet.core.experiment.TrainingState;
import io.gauntlet.core.nn.Adam;
import io.gauntlet.core.nn.Gemm;
import io.gauntlet.core.nn.Mlp;
import io.gauntlet.core.policy.DeterministicMlpPolicy;
import io.gauntlet.core.random.Rng;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deep Deterministic Policy Gradient (Lillicrap et al. 2016) as rllab's DDPG.
 *
 * <pre>
 * for each env step:
 *     a = clip(μ(s) + OU noise, box); step; store (s, a, reward_scale·r, s', terminated)
 *     once the buffer holds min_pool_size transitions, per step:
 *         sample a minibatch
 *         y = r + γ (1 − terminated) Q'(s', μ'(s'))                 (target networks; truncation bootstraps)
 *         critic: minimise mean (Q(s, a) − y)² + qf_weight_decay/2 · |W|²     (Adam, qf_learning_rate)
 *         actor:  minimise −mean Q(s, μ(s))                       (Adam, policy_learning_rate)
 *         θ' ← τ θ + (1 − τ) θ'                                   (both target networks)
 * every epoch_length steps: one progress row
 * </pre>
 *
 * Each row also reports Fujimoto et al.'s check of the critic's bias ({@link ValueCheck}: InitialQ, the critic's
 * value of the episodes' first states, against InitialReturn, the discounted returns they realised). The actor is a
 * tanh-squashed MLP scaled to the action box (its actions are always in the box; exploration
 * noise is added and the sum clipped to the box). The critic is a {@link QNetwork} on [s, a]. Initialisation as
 * Lillicrap et al.: hidden layers U(±1/√fan_in), output layers U(±3e-3). Defaults are rllab's / the paper's:
 * 400-300 ReLU, Adam 1e-4 / 1e-3, τ 1e-3, batch 32, buffer 1e6, OU θ 0.15 σ 0.3, rewards × 0.1, critic L2 1e-2,
 * γ 0.99, 10,000 transitions before training (also the preset {@code rllab}, pinned). Tasks with a tuned preset
 * ({@link #PRESETS}) start from it instead. The networks run on the fused kernels, their large products shared with a
 * second thread ({@code threads}). The tracked state (networks, targets, Adam states, the filled part of the replay
 * buffer, the OU state, the random streams and the env mid-episode) makes a resumed run write exactly the rows of
 * an uninterrupted one.
 */
public record Ddpg(Args args) implements Algorithm {
    public record Args(
            @Arg(value = "32", doc = "minibatch size (rllab 32; later work uses 64-256)", range = "[1, 1e6]") int batchSize,
            @Arg(value = "0.99", doc = "discount factor γ", range = "[0, 1]") double discount,
            @Arg(value = "1000000", doc = "replay buffer capacity in transitions", range = "[1, 1e9]") int replayPoolSize,
            @Arg(value = "10000", doc = "transitions collected before training starts", range = "[1, 1e9]") int minPoolSize,
            @Arg(value = "1000", doc = "environment steps per progress row", range = "[1, 1e9]") int epochLength,
            @Arg(value = "1", doc = "gradient steps per environment step once training", range = "[1, 1000]") int updatesPerStep,
            @Arg(value = "1e-3", doc = "critic Adam learning rate", range = "(0, 10]") double qfLearningRate,
            @Arg(value = "1e-4", doc = "actor Adam learning rate", range = "(0, 10]") double policyLearningRate,
            @Arg(value = "1e-2", doc = "L2 penalty on the critic's weights (Lillicrap et al.)", range = "[0, 1e3]") double qfWeightDecay,
            @Arg(value = "1e-3", doc = "target-network mixing rate τ", range = "(0, 1]") double softTargetTau,
            @Arg(value = "0.1", doc = "rewards are multiplied by this before storage", range = "(0, 1e6]") double rewardScale,
            @Arg(value = "0.15", doc = "Ornstein-Uhlenbeck mean reversion θ", range = "[0, 1e3]") double ouTheta,
            @Arg(value = "0.3", doc = "Ornstein-Uhlenbeck noise scale σ", range = "[0, 1e3]") double ouSigma,
            @Arg(value = "400,300", doc = "hidden layers of actor and critic", range = "[1, 65536]") int[] hiddenSizes,
            @Arg(value = "relu", doc = "hidden activation") Mlp.Activation activation,
            @Arg(value = "2", doc = "1: one thread; 2: the networks' large products are shared with a second thread (results are identical either way)",
                    range = "[1, 2]", resource = true)
            int threads) {}

    /** The planar locomotion tasks (ids as the envs module registers them). */
    static final List<String> LOCOMOTION_TASKS = List.of("HalfCheetah-planar-v0", "Hopper-planar-v0", "Walker2d-planar-v0", "Swimmer-planar-v0");

    /** rllab's settings (Duan et al. 2016; Lillicrap et al.'s), written out: the defaults, pinned for the rllab-faithful suites. */
    static final Map<String, String> RLLAB = Map.ofEntries(Map.entry("batch_size", "32"), Map.entry("discount", "0.99"),
            Map.entry("replay_pool_size", "1000000"), Map.entry("min_pool_size", "10000"), Map.entry("qf_learning_rate", "1e-3"),
            Map.entry("policy_learning_rate", "1e-4"), Map.entry("qf_weight_decay", "1e-2"), Map.entry("soft_target_tau", "1e-3"),
            Map.entry("reward_scale", "0.1"), Map.entry("ou_theta", "0.15"), Map.entry("ou_sigma", "0.3"),
            Map.entry("hidden_sizes", "400,300"), Map.entry("activation", "relu"));

    /**
     * Pendulum within 20k steps: rl-baselines3-zoo's Pendulum settings for DDPG (γ 0.98, both learning rates 1e-3,
     * noise σ 0.1, no L2 penalty, τ 0.005, rewards unscaled, batch 256) with 64-64 networks and learning from step 1,000
     * (the zoo: 400-300 and 10,000), ten times cheaper and as reliable on this task; one thread, since 64-wide products
     * are too small to share ({@link io.gauntlet.core.nn.Gemm}).
     */
    static final Map<String, String> PENDULUM = Preset.with(RLLAB, "hidden_sizes", "64,64", "batch_size", "256",
            "discount", "0.98", "qf_learning_rate", "1e-3", "policy_learning_rate", "1e-3", "qf_weight_decay", "0",
            "soft_target_tau", "0.005", "reward_scale", "1", "ou_sigma", "0.1", "min_pool_size", "1000", "replay_pool_size", "200000",
            "threads", "1");

    /**
     * The locomotion tasks at 1M steps, as later work tuned DDPG (Fujimoto et al. 2018's "our DDPG"): no L2 penalty on
     * the critic, noise σ 0.1, both learning rates 1e-3, τ 0.005, rewards unscaled, a 5k warm-up; 64-64 networks and
     * batch 64 on one thread, since rllab's 400-300 make a 1M-step run take hours. With rllab's settings (critic L2 1e-2, σ 0.3, actor
     * 1e-4) returns collapsed late: at 1M steps, seed 1, final / best 10-episode mean HalfCheetah 875 / 919 (at 706k),
     * Hopper 155 / 820, Swimmer 39 / 65.
     */
    static final Map<String, String> LOCOMOTION = Preset.with(RLLAB, "hidden_sizes", "64,64", "batch_size", "64",
            "soft_target_tau", "0.005", "min_pool_size", "5000", "reward_scale", "1", "qf_weight_decay", "0", "ou_sigma", "0.1",
            "policy_learning_rate", "1e-3", "threads", "1");

    /** DDPG's presets: rllab's settings, and the tuned ones that are the default on their tasks. */
    public static final List<Preset> PRESETS = List.of(
            new Preset("rllab", "rllab's settings (the defaults, pinned): 400-300, batch 32, τ 1e-3, critic L2 1e-2, rewards × 0.1", RLLAB),
            new Preset("pendulum", "rl-baselines3-zoo's Pendulum settings, 64-64, learning from step 1,000", List.of("Pendulum-v1"), 20_000, PENDULUM),
            new Preset("locomotion", "Fujimoto et al.'s tuned DDPG at 64-64: no critic L2, σ 0.1, learning rates 1e-3, τ 0.005",
                    LOCOMOTION_TASKS, 1_000_000, LOCOMOTION));

    public static final AlgorithmSpec<Args> SPEC = new AlgorithmSpec<>("ddpg",
            "DDPG: deterministic actor, Q critic, replay, target networks, OU exploration (rllab / Lillicrap et al.)",
            Args.class, 50_000L, s -> s instanceof Box b && isBounded(b), Ddpg::new, PRESETS);

    static boolean isBounded(Box b) {
        for (int i = 0; i < b.dim(); i++) if (!Double.isFinite(b.low(i)) || !Double.isFinite(b.high(i))) return false;
        return true;
    }

    /** The action box of {@code env}, which DDPG, TD3 and SAC act in; another space is refused naming {@code algorithm}. */
    static Box actionBox(Env env, String algorithm) {
        if (!(env.actionSpace() instanceof Box box)) {
            throw new BadInputException(algorithm + " needs a Box action space, got " + env.actionSpace().describe());
        }
        return box;
    }

    @Override
    public void train(Run run) throws IOException {
        Env env = run.makeEnv();
        Box box = (Box) env.actionSpace();
        int obsDim = env.observationSpace().flatDim();
        int actDim = box.dim();
        int[] hidden = args.hiddenSizes();
        Mlp.Activation act = args.activation();
        int batch = args.batchSize();
        double gamma = args.discount();
        double tau = args.softTargetTau();

        // Networks and their targets (copies).
        Rng init = run.rng("init");
        DeterministicMlpPolicy actor = new DeterministicMlpPolicy(obsDim, box, hidden, act, Gemm.Summation.FUSED);
        QNetwork critic = new QNetwork(obsDim, actDim, hidden, act);
        lillicrapInit(actor.mlp(), init);
        lillicrapInit(critic.mlp, init);
        DeterministicMlpPolicy targetActor = new DeterministicMlpPolicy(obsDim, box, hidden, act, Gemm.Summation.FUSED);
        targetActor.setParams(actor.params());
        QNetwork targetCritic = critic.copy();
        run.track("actor", actor);
        run.track("critic", critic);
        run.track("targetActor", targetActor);
        run.track("targetCritic", targetCritic);
        Adam actorAdam = run.track("actorAdam", new Adam(actor.numParams(), args.policyLearningRate()));
        Adam criticAdam = run.track("criticAdam", new Adam(critic.params().length, args.qfLearningRate()));
        ReplayBuffer pool = run.track("pool", new ReplayBuffer(args.replayPoolSize(), obsDim, actDim));
        OrnsteinUhlenbeckNoise noise = run.track("ou", new OrnsteinUhlenbeckNoise(actDim, 0, args.ouTheta(), args.ouSigma(), 1.0));
        Rng noiseRng = run.rng("exploration");
        Rng sampleRng = run.rng("replay");
        Rng envSeeds = run.rng("env");

        Step step = Step.of(env);
        double[] obs = new double[obsDim];
        double[] action = new double[actDim];
        double[] noiseRow = new double[actDim];
        double[] o = new double[batch * obsDim];
        double[] a = new double[batch * actDim];
        double[] r = new double[batch];
        double[] o2 = new double[batch * obsDim];
        double[] notTerminated = new double[batch];
        double[] y = new double[batch];
        double[] dQ = new double[batch];
        double[] dAction = new double[batch * actDim];
        double[] startAction = new double[actDim];
        ValueCheck valueCheck = run.track("valueCheck", new ValueCheck(gamma));

        // A resumed run goes on with the episode the checkpoint left (the OU state came back with it).
        run.track(TrainedRun.ENV, env, step);
        if (!run.resumed()) {
            env.reset(envSeeds.nextLong(), step);
            noise.reset();
            valueCheck.start(Double.NaN);
        }
        try (SideThread<Void> side = new SideThread<>("ddpg-kernels", args.threads() > 1)) {
            for (Mlp net : List.of(actor.mlp(), critic.mlp, targetActor.mlp(), targetCritic.mlp)) net.splitWith(side);
            int epochLength = args.epochLength();
            while (!run.budgetExhausted()) {
                double qLossSum = 0, surrogateSum = 0, qSum = 0, ySum = 0;
                int updates = 0;
                for (int k = 0; k < epochLength && !run.budgetExhausted(); k++) {
                    // Act: μ(s) + OU noise, clipped to the box.
                    System.arraycopy(step.observation, 0, obs, 0, obsDim);
                    actor.actDeterministic(obs, action);
                    noise.sample(noiseRng, noiseRow, 0);
                    for (int j = 0; j < actDim; j++) action[j] += noiseRow[j];
                    box.clip(action);
                    env.step(action, step);
                    run.addEnvSteps(1);
                    pool.add(obs, action, args.rewardScale() * step.reward, step.observation, step.terminated);
                    valueCheck.reward(args.rewardScale() * step.reward, step.done());
                    if (step.done()) {
                        env.reset(envSeeds.nextLong(), step);
                        noise.reset();
                        // Fujimoto et al.'s bias check, once the critic trains: Q(s₀, μ(s₀)) against the return to come.
                        boolean training = pool.size() >= args.minPoolSize();
                        if (training) actor.actDeterministic(step.observation, startAction);
                        valueCheck.start(training ? critic.value(step.observation, startAction) : Double.NaN);
                    }

                    if (pool.size() < args.minPoolSize()) continue;
                    for (int u = 0; u < args.updatesPerStep(); u++) {
                        pool.sample(sampleRng, batch, o, a, r, o2, notTerminated);

                        // Critic: regress Q(s, a) on y = r + γ (1 − terminated) Q'(s', μ'(s')).
                        criticTargets(targetActor, targetCritic, o2, r, notTerminated, gamma, batch, y);
                        critic.zeroGradients();
                        double[] q = critic.values(o, a, batch);
                        double qLoss = 0;
                        for (int b = 0; b < batch; b++) {
                            double err = q[b] - y[b];
                            qLoss += err * err / batch;
                            dQ[b] = 2 * err / batch;
                            qSum += q[b];
                            ySum += y[b];
                        }
                        critic.backward(dQ, batch);
                        addWeightDecay(critic.mlp, args.qfWeightDecay());
                        criticAdam.step(critic.params(), critic.gradients());

                        // Actor: ascend Q(s, μ(s)) through the critic's action gradient.
                        surrogateSum += actorGradient(actor, critic, o, batch, dQ, dAction);
                        actorAdam.step(actor.params(), actor.gradients());

                        QNetwork.softUpdate(targetActor.params(), actor.params(), tau);
                        QNetwork.softUpdate(targetCritic.params(), critic.params(), tau);
                        qLossSum += qLoss;
                        updates++;
                    }
                }
                Map<String, Double> diag = new LinkedHashMap<>();
                diag.put("QLoss", updates == 0 ? Double.NaN : qLossSum / updates);
                diag.put("PolicySurrogate", updates == 0 ? Double.NaN : surrogateSum / updates);
                diag.put("AverageQ", updates == 0 ? Double.NaN : qSum / (updates * (double) batch));
                diag.put("AverageY", updates == 0 ? Double.NaN : ySum / (updates * (double) batch));
                diag.put("ReplayPoolSize", (double) pool.size());
                valueCheck.report(diag);
                run.endIteration(diag);
            }
        }
    }

    /** y_b = r_b + γ · notTerminated_b · Q'(s'_b, μ'(s'_b)): a truncated transition still bootstraps. */
    static void criticTargets(DeterministicMlpPolicy targetActor, QNetwork targetCritic, double[] nextObs, double[] rewards,
                              double[] notTerminated, double gamma, int n, double[] y) {
        double[] qNext = targetCritic.values(nextObs, targetActor.forwardBatch(nextObs, n), n);
        for (int b = 0; b < n; b++) y[b] = rewards[b] + gamma * notTerminated[b] * qNext[b];
    }

    /**
     * Sets the actor's gradients to the gradient of −mean_b Q(s_b, μ(s_b)) and returns that loss; the critic's
     * gradients are left alone ({@code dQ}, {@code dAction}: scratch).
     */
    static double actorGradient(DeterministicMlpPolicy actor, QNetwork critic, double[] obs, int n, double[] dQ, double[] dAction) {
        double[] q = critic.values(obs, actor.forwardBatch(obs, n), n);
        double loss = 0;
        for (int b = 0; b < n; b++) {
            loss -= q[b] / n;
            dQ[b] = -1.0 / n;
        }
        critic.actionGradient(dQ, n, dAction);
        actor.zeroGradients();
        actor.backward(dAction, n);
        return loss;
    }

    /** Gradient of decay/2 · Σ W² over the weight matrices (not the biases). */
    private static void addWeightDecay(Mlp net, double decay) {
        if (decay == 0) return;
        int[] sizes = net.sizes();
        double[] p = net.params(), g = net.gradients();
        for (int l = 0; l < net.numLayers(); l++) {
            int w = net.weightOffset(l);
            for (int i = w; i < w + sizes[l] * sizes[l + 1]; i++) g[i] += decay * p[i];
        }
    }

    /** Lillicrap et al.: hidden layers U(±1/√fan_in) (weights and biases), the output layer U(±3e-3). */
    static void lillicrapInit(Mlp net, Rng rng) {
        int[] sizes = net.sizes();
        double[] p = net.params();
        for (int l = 0; l < net.numLayers(); l++) {
            double limit = l == net.numLayers() - 1 ? 3e-3 : 1 / Math.sqrt(sizes[l]);
            int from = net.weightOffset(l), to = net.biasOffset(l) + sizes[l + 1];
            for (int i = from; i < to; i++) p[i] = rng.uniform(-limit, limit);
        }
    }

    /** The actor: DDPG's deterministic policy (the exploration noise is training only). */
    @Override
    public DeterministicMlpPolicy policy(Env env, TrainingState checkpoint) {
        DeterministicMlpPolicy actor = new DeterministicMlpPolicy(env.observationSpace().flatDim(), actionBox(env, "ddpg"),
                args.hiddenSizes(), args.activation(), Gemm.Summation.FUSED);
        return checkpoint.restore("actor", actor);
    }
}
