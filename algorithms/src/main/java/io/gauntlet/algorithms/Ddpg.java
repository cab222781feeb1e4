package io.gauntlet.algorithms;

import io.gauntlet.core.BadInputException;
import io.gauntlet.core.args.Arg;
import io.gauntlet.core.env.Box;
import io.gauntlet.core.env.Env;
import io.gauntlet.core.env.Step;
import io.gauntlet.core.experiment.Algorithm;
import io.gauntlet.core.experiment.AlgorithmSpec;
import io.gauntlet.core.experiment.Run;
import io.gauntlet.core.experiment.TrainedRun;
import io.gauntlet.core.experiment.TrainingState;
import io.gauntlet.core.nn.Adam;
import io.gauntlet.core.nn.Mlp;
import io.gauntlet.core.policy.DeterministicMlpPolicy;
import io.gauntlet.core.random.Rng;
import java.io.IOException;
import java.util.LinkedHashMap;
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
 * The actor is a tanh-squashed MLP scaled to the action box (its actions are always in the box; exploration
 * noise is added and the sum clipped to the box). The critic is an MLP on the concatenation [s, a] (Lillicrap
 * merge the action at the second layer; the input merge is the common simplification). Initialisation as
 * Lillicrap et al.: hidden layers U(±1/√fan_in), output layers U(±3e-3). Defaults are rllab's / the paper's:
 * 400-300 ReLU, Adam 1e-4 / 1e-3, τ 1e-3, batch 32, buffer 1e6, OU θ 0.15 σ 0.3, rewards × 0.1, critic L2 1e-2,
 * γ 0.99, 10,000 transitions before training. The tracked state (networks, targets, Adam states, the filled part
 * of the replay buffer, the OU state, the random streams and the env mid-episode) makes a resumed run write exactly
 * the rows of an uninterrupted one.
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
            @Arg(value = "relu", doc = "hidden activation") Mlp.Activation activation) {}

    public static final AlgorithmSpec<Args> SPEC = new AlgorithmSpec<>("ddpg",
            "DDPG: deterministic actor, Q critic, replay, target networks, OU exploration (rllab / Lillicrap et al.)",
            Args.class, 50_000L, s -> s instanceof Box b && isBounded(b), Ddpg::new);

    static boolean isBounded(Box b) {
        for (int i = 0; i < b.dim(); i++) if (!Double.isFinite(b.low(i)) || !Double.isFinite(b.high(i))) return false;
        return true;
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
        DeterministicMlpPolicy actor = new DeterministicMlpPolicy(obsDim, box, hidden, act);
        Mlp critic = new Mlp(Mlp.sizes(obsDim + actDim, hidden, 1), act);
        lillicrapInit(actor.mlp(), init);
        lillicrapInit(critic, init);
        DeterministicMlpPolicy targetActor = new DeterministicMlpPolicy(obsDim, box, hidden, act);
        Mlp targetCritic = new Mlp(Mlp.sizes(obsDim + actDim, hidden, 1), act);
        targetActor.setParams(actor.params());
        targetCritic.setParams(critic.params());
        run.track("actor", actor);
        run.track("critic", critic);
        run.track("targetActor", targetActor);
        run.track("targetCritic", targetCritic);
        Adam actorAdam = run.track("actorAdam", new Adam(actor.numParams(), args.policyLearningRate()));
        Adam criticAdam = run.track("criticAdam", new Adam(critic.numParams(), args.qfLearningRate()));
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
        double[] sa = new double[batch * (obsDim + actDim)];
        double[] dQ = new double[batch];
        double[] dSa = new double[batch * (obsDim + actDim)];
        double[] dAction = new double[batch * actDim];

        // A resumed run goes on with the episode the checkpoint left (the OU state came back with it).
        run.track(TrainedRun.ENV, env, step);
        if (!run.resumed()) {
            env.reset(envSeeds.nextLong(), step);
            noise.reset();
        }
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
                if (step.done()) {
                    env.reset(envSeeds.nextLong(), step);
                    noise.reset();
                }

                if (pool.size() < args.minPoolSize()) continue;
                for (int u = 0; u < args.updatesPerStep(); u++) {
                    pool.sample(sampleRng, batch, o, a, r, o2, notTerminated);

                    // Critic: regress Q(s, a) on y = r + γ (1 − terminated) Q'(s', μ'(s')).
                    criticTargets(targetActor, targetCritic, o2, r, notTerminated, gamma, batch, sa, y);
                    concat(o, a, batch, obsDim, actDim, sa);
                    critic.zeroGradients();
                    double[] q = critic.forwardBatch(sa, batch);
                    double qLoss = 0;
                    for (int b = 0; b < batch; b++) {
                        double err = q[b] - y[b];
                        qLoss += err * err / batch;
                        dQ[b] = 2 * err / batch;
                        qSum += q[b];
                        ySum += y[b];
                    }
                    critic.backwardBatch(dQ, batch, null);
                    addWeightDecay(critic, args.qfWeightDecay());
                    criticAdam.step(critic.params(), critic.gradients());

                    // Actor: ascend Q(s, μ(s)) through the critic's input gradient.
                    surrogateSum += actorGradient(actor, critic, o, batch, obsDim, actDim, sa, dQ, dSa, dAction);
                    actorAdam.step(actor.params(), actor.gradients());

                    softUpdate(targetActor.params(), actor.params(), tau);
                    softUpdate(targetCritic.params(), critic.params(), tau);
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
            run.endIteration(diag);
        }
    }

    /** y_b = r_b + γ · notTerminated_b · Q'(s'_b, μ'(s'_b)): a truncated transition still bootstraps ({@code sa}: scratch). */
    static void criticTargets(DeterministicMlpPolicy targetActor, Mlp targetCritic, double[] nextObs, double[] rewards,
                              double[] notTerminated, double gamma, int n, double[] sa, double[] y) {
        int obsDim = targetActor.observationDim();
        int actDim = targetActor.actionDim();
        double[] nextActions = targetActor.forwardBatch(nextObs, n);
        concat(nextObs, nextActions, n, obsDim, actDim, sa);
        double[] qNext = targetCritic.forwardBatch(sa, n);
        for (int b = 0; b < n; b++) y[b] = rewards[b] + gamma * notTerminated[b] * qNext[b];
    }

    /**
     * Adds to the actor's gradients the gradient of −mean_b Q(s_b, μ(s_b)) and returns that loss. The critic's
     * parameter gradients are disturbed (zeroed then written); the caller has already stepped the critic.
     */
    static double actorGradient(DeterministicMlpPolicy actor, Mlp critic, double[] obs, int n, int obsDim, int actDim,
                                double[] sa, double[] dQ, double[] dSa, double[] dAction) {
        double[] mu = actor.forwardBatch(obs, n);
        concat(obs, mu, n, obsDim, actDim, sa);
        double[] q = critic.forwardBatch(sa, n);
        double loss = 0;
        for (int b = 0; b < n; b++) {
            loss -= q[b] / n;
            dQ[b] = -1.0 / n;
        }
        critic.zeroGradients();
        critic.backwardBatch(dQ, n, dSa);
        for (int b = 0; b < n; b++) System.arraycopy(dSa, b * (obsDim + actDim) + obsDim, dAction, b * actDim, actDim);
        actor.zeroGradients();
        actor.backward(dAction, n);
        return loss;
    }

    /** θ' ← τ θ + (1 − τ) θ'. */
    static void softUpdate(double[] target, double[] source, double tau) {
        for (int i = 0; i < target.length; i++) target[i] = tau * source[i] + (1 - tau) * target[i];
    }

    static void concat(double[] obs, double[] act, int n, int obsDim, int actDim, double[] out) {
        int w = obsDim + actDim;
        for (int b = 0; b < n; b++) {
            System.arraycopy(obs, b * obsDim, out, b * w, obsDim);
            System.arraycopy(act, b * actDim, out, b * w + obsDim, actDim);
        }
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
        if (!(env.actionSpace() instanceof Box box)) throw new BadInputException("ddpg needs a Box action space, got " + env.actionSpace().describe());
        DeterministicMlpPolicy actor = new DeterministicMlpPolicy(env.observationSpace().flatDim(), box, args.hiddenSizes(), args.activation());
        return checkpoint.restore("actor", actor);
    }
}
