package io.gauntlet.algorithms;

import io.gauntlet.core.BadInputException;
import io.gauntlet.core.env.Box;
import io.gauntlet.core.env.Env;
import io.gauntlet.core.env.Step;
import io.gauntlet.core.experiment.Algorithm;
import io.gauntlet.core.experiment.AlgorithmSpec;
import io.gauntlet.core.experiment.Hyperparameters;
import io.gauntlet.core.experiment.Param;
import io.gauntlet.core.experiment.Run;
import io.gauntlet.core.experiment.TrainingState;
import io.gauntlet.core.nn.Adam;
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
 * The actor is a tanh-squashed MLP scaled to the action box (its actions are always in the box; exploration
 * noise is added and the sum clipped to the box). The critic is an MLP on the concatenation [s, a] (Lillicrap
 * merge the action at the second layer; the input merge is the common simplification). Initialisation as
 * Lillicrap et al.: hidden layers U(±1/√fan_in), output layers U(±3e-3). Defaults are rllab's / the paper's:
 * 400-300 ReLU, Adam 1e-4 / 1e-3, τ 1e-3, batch 32, buffer 1e6, OU θ 0.15 σ 0.3, rewards × 0.1, critic L2 1e-2,
 * γ 0.99, 10,000 transitions before training. The checkpoint (every {@code checkpoint_every} epochs) holds
 * networks, targets, Adam states, the filled part of the replay buffer, the OU state, the random streams and the
 * current episode (the env's {@link Env#snapshot()}, its return and length so far), so a resumed run writes exactly
 * the rows of an uninterrupted one.
 */
public final class Ddpg implements Algorithm {
    public static final List<Param> PARAMS = List.of(
            new Param("batch_size", 32, "minibatch size (rllab 32; later work uses 64-256)"),
            new Param("discount", 0.99, "discount factor γ"),
            new Param("replay_pool_size", 1_000_000, "replay buffer capacity in transitions"),
            new Param("min_pool_size", 10_000, "transitions collected before training starts"),
            new Param("epoch_length", 1000, "environment steps per progress row"),
            new Param("checkpoint_every", 10, "epochs between checkpoints (each holds the filled replay buffer, so they are not cheap)"),
            new Param("updates_per_step", 1, "gradient steps per environment step once training"),
            new Param("qf_learning_rate", 1e-3, "critic Adam learning rate"),
            new Param("policy_learning_rate", 1e-4, "actor Adam learning rate"),
            new Param("qf_weight_decay", 1e-2, "L2 penalty on the critic's weights (Lillicrap et al.)"),
            new Param("soft_target_tau", 1e-3, "target-network mixing rate τ"),
            new Param("reward_scale", 0.1, "rewards are multiplied by this before storage"),
            new Param("ou_theta", 0.15, "Ornstein-Uhlenbeck mean reversion θ"),
            new Param("ou_sigma", 0.3, "Ornstein-Uhlenbeck noise scale σ"),
            new Param("hidden_sizes", new int[] {400, 300}, "hidden layers of actor and critic"),
            new Param("activation", "relu", "hidden activation: relu or tanh"));

    public static final AlgorithmSpec SPEC = new AlgorithmSpec("ddpg",
            "DDPG: deterministic actor, Q critic, replay, target networks, OU exploration (rllab / Lillicrap et al.)",
            PARAMS, 50_000L, s -> s instanceof Box b && isBounded(b), Ddpg::new);

    private final Hyperparameters hp;

    public Ddpg(Hyperparameters hp) {
        this.hp = hp;
        if (hp.getInt("batch_size") <= 0) throw new BadInputException("parameter 'batch_size' must be positive");
        if (hp.getInt("replay_pool_size") <= 0) throw new BadInputException("parameter 'replay_pool_size' must be positive");
        if (hp.getInt("checkpoint_every") <= 0) throw new BadInputException("parameter 'checkpoint_every' must be positive");
        double tau = hp.getDouble("soft_target_tau");
        if (!(tau > 0 && tau <= 1)) throw new BadInputException("parameter 'soft_target_tau' must be in (0, 1], got " + tau);
    }

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
        int[] hidden = hp.getInts("hidden_sizes");
        Mlp.Activation act = Policies.activation(hp.getString("activation"));
        int batch = hp.getInt("batch_size");
        double gamma = hp.getDouble("discount");
        double tau = hp.getDouble("soft_target_tau");
        double rewardScale = hp.getDouble("reward_scale");
        double weightDecay = hp.getDouble("qf_weight_decay");

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
        Adam actorAdam = new Adam(actor.numParams(), hp.getDouble("policy_learning_rate"));
        Adam criticAdam = new Adam(critic.numParams(), hp.getDouble("qf_learning_rate"));
        ReplayBuffer pool = new ReplayBuffer(hp.getInt("replay_pool_size"), obsDim, actDim);
        OrnsteinUhlenbeckNoise noise = new OrnsteinUhlenbeckNoise(actDim, 0, hp.getDouble("ou_theta"), hp.getDouble("ou_sigma"), 1.0);
        Rng noiseRng = run.rng("exploration");
        Rng sampleRng = run.rng("replay");
        Rng envSeeds = run.rng("env");
        run.resumeState().ifPresent(s -> {
            actor.setParams(s.doubles("actor"));
            critic.setParams(s.doubles("critic"));
            targetActor.setParams(s.doubles("targetActor"));
            targetCritic.setParams(s.doubles("targetCritic"));
            actorAdam.setState(s.doubles("actorAdam.m"), s.doubles("actorAdam.v"), s.getLong("actorAdam.t"));
            criticAdam.setState(s.doubles("criticAdam.m"), s.doubles("criticAdam.v"), s.getLong("criticAdam.t"));
            pool.setState(s.doubles("pool"), s.longs("pool.index"));
            noise.setState(s.doubles("ou"));
            noiseRng.setState(s.longs("rng.exploration"));
            sampleRng.setState(s.longs("rng.replay"));
            envSeeds.setState(s.longs("rng.env"));
        });

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

        double episodeReturn = 0;
        int episodeLength = 0;
        if (EnvCheckpoint.restore(run, env, step)) {
            // The episode goes on where the checkpoint left it (the OU state was restored above).
            TrainingState resume = run.resumeState().orElseThrow();
            episodeReturn = resume.doubles("episodeReturn")[0];
            episodeLength = (int) resume.getLong("episodeLength");
        } else {
            env.reset(envSeeds.nextLong(), step);
            noise.reset();
        }
        int epochLength = hp.getInt("epoch_length");
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
                episodeReturn += step.reward;
                episodeLength++;
                pool.add(obs, action, rewardScale * step.reward, step.observation, step.terminated);
                if (step.done()) {
                    run.recordEpisode(episodeReturn, episodeLength);
                    episodeReturn = 0;
                    episodeLength = 0;
                    env.reset(envSeeds.nextLong(), step);
                    noise.reset();
                }

                if (pool.size() < hp.getInt("min_pool_size")) continue;
                for (int u = 0; u < hp.getInt("updates_per_step"); u++) {
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
                    addWeightDecay(critic, weightDecay);
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
            boolean checkpoint = (run.iteration() + 1) % hp.getInt("checkpoint_every") == 0 || run.budgetExhausted();
            run.endIteration(diag, !checkpoint ? null : EnvCheckpoint.save(new TrainingState()
                    .putDoubles("actor", actor.params())
                    .putDoubles("critic", critic.params())
                    .putDoubles("targetActor", targetActor.params())
                    .putDoubles("targetCritic", targetCritic.params())
                    .putDoubles("actorAdam.m", actorAdam.m())
                    .putDoubles("actorAdam.v", actorAdam.v())
                    .putLong("actorAdam.t", actorAdam.stepCount())
                    .putDoubles("criticAdam.m", criticAdam.m())
                    .putDoubles("criticAdam.v", criticAdam.v())
                    .putLong("criticAdam.t", criticAdam.stepCount())
                    .putDoubles("pool", pool.stateArray())
                    .putLongs("pool.index", pool.stateIndex())
                    .putDoubles("ou", noise.state())
                    .putLongs("rng.exploration", noiseRng.state())
                    .putLongs("rng.replay", sampleRng.state())
                    .putLongs("rng.env", envSeeds.state())
                    .putDoubles("episodeReturn", new double[] {episodeReturn})
                    .putLong("episodeLength", episodeLength), env));
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
        DeterministicMlpPolicy actor = new DeterministicMlpPolicy(env.observationSpace().flatDim(), box, hp.getInts("hidden_sizes"),
                Policies.activation(hp.getString("activation")));
        actor.setParams(checkpoint.doubles("actor"));
        return actor;
    }
}
