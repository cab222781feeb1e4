package io.gauntlet.algorithms;

import io.gauntlet.core.SideThread;
import io.gauntlet.core.args.Arg;
import io.gauntlet.core.args.Preset;
import io.gauntlet.core.env.Box;
import io.gauntlet.core.env.Env;
import io.gauntlet.core.experiment.Algorithm;
import io.gauntlet.core.experiment.AlgorithmSpec;
import io.gauntlet.core.experiment.Run;
import io.gauntlet.core.experiment.TrainingState;
import io.gauntlet.core.nn.Adam;
import io.gauntlet.core.nn.Gemm;
import io.gauntlet.core.nn.Init;
import io.gauntlet.core.nn.Mlp;
import io.gauntlet.core.policy.SquashedGaussianMlpPolicy;
import io.gauntlet.core.random.Rng;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Soft Actor-Critic with automatic entropy tuning (Haarnoja et al. 2018, "Soft Actor-Critic Algorithms and
 * Applications"), step for step as CleanRL's {@code sac_continuous_action.py}.
 *
 * <pre>
 * for each env step t:
 *     a = uniform in the box while t &lt; learning_starts, else a ~ π(·|s)
 *     step; store (s, a, r, s', terminated)
 *     once t &gt; learning_starts, per step:
 *         sample a minibatch
 *         a' ~ π(·|s');  y = r + γ (1 − terminated) (min(Q1'(s', a'), Q2'(s', a')) − α log π(a'|s'))   soft target
 *         critics: minimise mean (Q1(s, a) − y)² + mean (Q2(s, a) − y)²          (Adam, q_learning_rate)
 *         every policy_frequency steps, policy_frequency times:                    (delayed, then caught up)
 *             ã ~ π(·|s) reparameterised;  actor: minimise mean (α log π(ã|s) − min(Q1, Q2)(s, ã))  (Adam, policy_lr)
 *             if autotune: a fresh ã ~ π(·|s);  log α: minimise mean −α (log π(ã|s) + H̄), H̄ = −dim(A)  (Adam, q_lr)
 *         every target_network_frequency steps: θ'_i ← τ θ_i + (1 − τ) θ'_i          (both critics)
 * every epoch_length steps: one progress row
 * </pre>
 *
 * The policy is a {@link SquashedGaussianMlpPolicy} (mean and log-std heads, tanh-squashed into the box), the critics
 * {@link QNetwork}s on [s, a], all 256-256 ReLU with PyTorch's default initialisation; with autotuning α starts at
 * exp(0) = 1, as CleanRL's. Defaults are CleanRL's; tasks with a tuned preset ({@link #PRESETS}) start from it. The
 * networks run on the fused kernels, their large products shared with a second thread ({@code threads}, results
 * identical). Everything carried between steps is tracked (networks, targets, Adam states, log α, the filled replay
 * buffer, the random streams, the env mid-episode), so a resumed run writes exactly the rows of an uninterrupted one.
 */
public record Sac(Args args) implements Algorithm {
    /** CleanRL's {@code Args} (sac_continuous_action.py). */
    public record Args(
            @Arg(value = "256", doc = "minibatch size", range = "[1, 1e6]") int batchSize,
            @Arg(value = "0.99", doc = "discount factor γ", range = "[0, 1]") double gamma,
            @Arg(value = "1000000", doc = "replay buffer capacity in transitions", range = "[1, 1e9]") int bufferSize,
            @Arg(value = "5000", doc = "steps of uniformly random actions before learning starts", range = "[1, 1e9]") int learningStarts,
            @Arg(value = "3e-4", doc = "policy's Adam learning rate", range = "(0, 10]") double policyLr,
            @Arg(value = "1e-3", doc = "critics' (and log α's) Adam learning rate", range = "(0, 10]") double qLr,
            @Arg(value = "0.005", doc = "target-network mixing rate τ", range = "(0, 1]") double tau,
            @Arg(value = "2", doc = "steps between policy updates, each then repeated this often", range = "[1, 1000]") int policyFrequency,
            @Arg(value = "1", doc = "steps between target-network updates", range = "[1, 1000]") int targetNetworkFrequency,
            @Arg(value = "0.2", doc = "entropy coefficient α when not tuned", range = "[0, 1e3]") double alpha,
            @Arg(value = "true", doc = "tune α toward the target entropy −dim(A)") boolean autotune,
            @Arg(value = "256,256", doc = "hidden layers of policy and critics (ReLU)", range = "[1, 65536]") int[] hiddenSizes,
            @Arg(value = "1000", doc = "environment steps per progress row", range = "[1, 1e9]") int epochLength,
            @Arg(value = "2", doc = "1: one thread; 2: the networks' large products are shared with a second thread (results are identical either way)",
                    range = "[1, 2]", resource = true)
            int threads) {}

    /**
     * Pendulum within 20k steps: rl-baselines3-zoo's SAC settings for Pendulum (learning rate 1e-3) with 64-64 networks
     * and learning from step 1,000 (the zoo: 256-256 and SB3's 100); one thread, since 64-wide products are too small
     * to share.
     */
    static final Map<String, String> PENDULUM = Map.of("policy_lr", "1e-3", "q_lr", "1e-3", "learning_starts", "1000", "hidden_sizes", "64,64",
            "threads", "1");

    public static final List<Preset> PRESETS = List.of(
            new Preset("pendulum", "rl-baselines3-zoo's Pendulum settings (learning rates 1e-3), 64-64, learning from step 1,000",
                    List.of("Pendulum-v1"), 20_000, PENDULUM));

    public static final AlgorithmSpec<Args> SPEC = new AlgorithmSpec<>("sac",
            "SAC: squashed Gaussian policy, twin soft Q critics, automatic entropy tuning (Haarnoja et al. 2018; CleanRL's sac_continuous_action.py)",
            Args.class, 1_000_000L, s -> s instanceof Box b && Ddpg.isBounded(b), Sac::new, PRESETS);

    @Override
    public void train(Run run) throws IOException {
        Collector task = new Collector(run, args.bufferSize(), args.gamma(), args.learningStarts());
        task.train(run, new Learner(task.obsDim, task.box, args, run.rng("init")), "sac", args.threads(), args.epochLength(), false);
    }

    /** SAC's networks, targets, optimisers and temperature, and one gradient step: what {@link #train} does once learning. */
    public static final class Learner implements Collector.Learner {
        final Args args;
        final SquashedGaussianMlpPolicy actor;
        final TwinCritics critics;
        final Adam actorAdam, alphaAdam;
        final double[] logAlpha = new double[1]; // log α = 0: α starts at 1 when tuned
        private final double[] logAlphaGrad = new double[1];
        private final double targetEntropy;
        private final Minibatch mb;
        private final ActorUpdate actorUpdate;
        private final double[] y;
        private double actorLossSum, entropySum;
        private int actors;
        /** The streams of a run's updates (taken by {@link #track}). */
        private Rng sampleRng, policyRng;

        /** Networks initialised as PyTorch's defaults from {@code init}, targets copied from them. */
        public Learner(int obsDim, Box box, Args args, Rng init) {
            this.args = args;
            int actDim = box.dim(), batch = args.batchSize();
            int[] hidden = args.hiddenSizes();
            targetEntropy = -actDim;
            actor = new SquashedGaussianMlpPolicy(obsDim, box, hidden, Mlp.Activation.RELU, Gemm.Summation.FUSED);
            Init.pytorchDefault(actor.mlp(), init);
            critics = new TwinCritics(obsDim, actDim, hidden, args.qLr(), batch, init);
            actorAdam = new Adam(actor.numParams(), args.policyLr());
            alphaAdam = new Adam(1, args.qLr());
            mb = new Minibatch(batch, obsDim, actDim);
            actorUpdate = new ActorUpdate(batch, actDim);
            y = new double[batch];
        }

        @Override
        public void track(Run run) {
            run.track("actor", actor);
            critics.track(run);
            run.track("actorAdam", actorAdam);
            run.track("logAlpha", logAlpha);
            run.track("alphaAdam", alphaAdam);
            policyRng = run.rng("policy");
            sampleRng = run.rng("replay");
        }

        @Override
        public void explore(double[] obs, Rng rng, double[] action) {
            actor.act(obs, rng, action);
        }

        /** None: soft values have no plain check. */
        @Override
        public double startValue(double[] obs) {
            return Double.NaN;
        }

        /** Every step: the critics; every policy_frequency steps the policy, every target_network_frequency the targets. */
        @Override
        public void learn(ReplayBuffer replay, long t) {
            update(replay, sampleRng, policyRng, t % args.policyFrequency() == 0, t % args.targetNetworkFrequency() == 0);
        }

        @Override
        public void splitWith(SideThread<Void> side) {
            actor.mlp().splitWith(side);
            for (Mlp net : critics.networks()) net.splitWith(side);
        }

        double alpha() {
            return args.autotune() ? Math.exp(logAlpha[0]) : args.alpha();
        }

        /**
         * One step: both critics on a minibatch from {@code rb}; when {@code policySteps}, policy_frequency steps of
         * the policy (and of the temperature); when {@code targetStep}, the critics' targets.
         */
        public void update(ReplayBuffer rb, Rng sampleRng, Rng policyRng, boolean policySteps, boolean targetStep) {
            int batch = mb.size;
            double alpha = alpha();
            mb.sample(rb, sampleRng);
            softTargets(actor, critics.qf1Target, critics.qf2Target, mb, args.gamma(), alpha, policyRng, y);
            critics.step(mb, y);
            if (policySteps) {
                for (int i = 0; i < args.policyFrequency(); i++) {
                    actorLossSum += actorUpdate.gradient(actor, critics.qf1, critics.qf2, mb.obs, alpha, policyRng);
                    actorAdam.step(actor.params(), actor.gradients());
                    actors++;
                    if (args.autotune()) {
                        double[] logProbs = actor.sample(mb.obs, batch, policyRng);
                        logAlphaGrad[0] = temperatureGradient(alpha, logProbs, batch, targetEntropy);
                        alphaAdam.step(logAlpha, logAlphaGrad);
                        alpha = Math.exp(logAlpha[0]);
                        for (int b = 0; b < batch; b++) entropySum -= logProbs[b] / batch;
                    }
                }
            }
            if (targetStep) critics.softUpdateTargets(args.tau());
        }

        /** The means since the last call: critic loss, actor loss, Q1 on the minibatches, α, the policy's entropy. */
        @Override
        public Map<String, Double> diagnostics() {
            Map<String, Double> diag = critics.lossRow(actorLossSum, actors);
            diag.put("Alpha", alpha());
            diag.put("Entropy", actors == 0 || !args.autotune() ? Double.NaN : entropySum / actors);
            actorLossSum = entropySum = 0;
            actors = 0;
            return diag;
        }
    }

    /** y_b = r_b + γ (1 − terminated_b) (min(Q1', Q2')(s'_b, a'_b) − α log π(a'_b|s'_b)), a' ~ π(·|s'): the soft target. */
    static void softTargets(SquashedGaussianMlpPolicy actor, QNetwork qf1Target, QNetwork qf2Target, Minibatch mb, double gamma,
                            double alpha, Rng rng, double[] y) {
        int n = mb.size;
        double[] nextActions = actor.sample(mb.nextObs, n, rng);
        double[] logProbs = actor.logProbs();
        double[] q1 = qf1Target.values(mb.nextObs, nextActions, n);
        double[] q2 = qf2Target.values(mb.nextObs, nextActions, n);
        for (int b = 0; b < n; b++) {
            y[b] = mb.rewards[b] + gamma * mb.notTerminated[b] * (Math.min(q1[b], q2[b]) - alpha * logProbs[b]);
        }
    }

    /** d/d log α of mean_b −α (log π_b + H̄), with α = exp(log α): the temperature's gradient. */
    static double temperatureGradient(double alpha, double[] logProbs, int n, double targetEntropy) {
        double g = 0;
        for (int b = 0; b < n; b++) g -= alpha * (logProbs[b] + targetEntropy) / n;
        return g;
    }

    /** The policy's update, its buffers reused: the gradient of mean_b (α log π(ã_b|s_b) − min(Q1, Q2)(s_b, ã_b)). */
    static final class ActorUpdate {
        private final double[] dQ1, dQ2, dA1, dA2, dActions, dLogProbs;

        ActorUpdate(int n, int actDim) {
            dQ1 = new double[n];
            dQ2 = new double[n];
            dA1 = new double[n * actDim];
            dA2 = new double[n * actDim];
            dActions = new double[n * actDim];
            dLogProbs = new double[n];
        }

        /**
         * Sets the policy's gradients to those of the loss for a fresh reparameterised sample and returns the loss;
         * the critics' gradients are left alone. Each row's min takes Q1's gradient where Q1 ≤ Q2, Q2's elsewhere.
         */
        double gradient(SquashedGaussianMlpPolicy actor, QNetwork qf1, QNetwork qf2, double[] obs, double alpha, Rng rng) {
            int n = dQ1.length, actDim = dActions.length / n;
            double[] a = actor.sample(obs, n, rng);
            double[] logProbs = actor.logProbs();
            double[] q1 = qf1.values(obs, a, n);
            double[] q2 = qf2.values(obs, a, n);
            double loss = 0;
            for (int b = 0; b < n; b++) {
                boolean first = q1[b] <= q2[b];
                loss += (alpha * logProbs[b] - (first ? q1[b] : q2[b])) / n;
                dQ1[b] = first ? -1.0 / n : 0;
                dQ2[b] = first ? 0 : -1.0 / n;
                dLogProbs[b] = alpha / n;
            }
            qf1.actionGradient(dQ1, n, dA1);
            qf2.actionGradient(dQ2, n, dA2);
            for (int k = 0; k < n * actDim; k++) dActions[k] = dA1[k] + dA2[k];
            actor.zeroGradients();
            actor.backward(dActions, dLogProbs, n);
            return loss;
        }
    }

    /** The policy; it samples, and {@code actDeterministic} gives the squashed mean. */
    @Override
    public SquashedGaussianMlpPolicy policy(Env env, TrainingState checkpoint) {
        SquashedGaussianMlpPolicy actor = new SquashedGaussianMlpPolicy(env.observationSpace().flatDim(), Ddpg.actionBox(env, "sac"),
                args.hiddenSizes(), Mlp.Activation.RELU, Gemm.Summation.FUSED);
        return checkpoint.restore("actor", actor);
    }
}
