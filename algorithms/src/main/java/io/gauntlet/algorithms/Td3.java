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
import io.gauntlet.core.policy.DeterministicMlpPolicy;
import io.gauntlet.core.random.Rng;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Twin Delayed DDPG (Fujimoto et al. 2018), step for step as CleanRL's {@code td3_continuous_action.py}.
 *
 * <pre>
 * for each env step t:
 *     a = uniform in the box                                  while t &lt; learning_starts
 *       = clip(μ(s) + N(0, (exploration_noise · scale)²), box)  after
 *     step; store (s, a, r, s', terminated)
 *     once t &gt; learning_starts, per step:
 *         sample a minibatch
 *         ã = clip(μ'(s') + clip(N(0, policy_noise²), ±noise_clip) · scale, box)      target policy smoothing
 *         y = r + γ (1 − terminated) min(Q1'(s', ã), Q2'(s', ã))                    clipped double-Q learning
 *         critics: minimise mean (Q1(s, a) − y)² + mean (Q2(s, a) − y)²        (Adam, q_learning_rate)
 *         every policy_frequency steps:                                          delayed policy updates
 *             actor: minimise −mean Q1(s, μ(s))                                  (Adam, policy_learning_rate)
 *             θ' ← τ θ + (1 − τ) θ'                                              (actor and both critics)
 * every epoch_length steps: one progress row (with Fujimoto et al.'s bias check, {@link ValueCheck}, on Q1)
 * </pre>
 *
 * The actor is a tanh-squashed MLP scaled to the box ({@code scale} = half the box's width), the critics
 * {@link QNetwork}s on [s, a], all 256-256 ReLU with PyTorch's default initialisation, as CleanRL's. Defaults are
 * CleanRL's; tasks with a tuned preset ({@link #PRESETS}) start from it. The networks run on the fused kernels, their
 * large products shared with a second thread ({@code threads}, results identical). Everything carried between steps
 * (networks, targets, Adam states, the filled replay buffer, the random streams, the env mid-episode) is tracked, so a
 * resumed run writes exactly the rows of an uninterrupted one.
 */
public record Td3(Args args) implements Algorithm {
    /** CleanRL's {@code Args} (td3_continuous_action.py). */
    public record Args(
            @Arg(value = "256", doc = "minibatch size", range = "[1, 1e6]") int batchSize,
            @Arg(value = "0.99", doc = "discount factor γ", range = "[0, 1]") double gamma,
            @Arg(value = "1000000", doc = "replay buffer capacity in transitions", range = "[1, 1e9]") int bufferSize,
            @Arg(value = "25000", doc = "steps of uniformly random actions before learning starts", range = "[1, 1e9]") int learningStarts,
            @Arg(value = "3e-4", doc = "critics' Adam learning rate", range = "(0, 10]") double qLearningRate,
            @Arg(value = "3e-4", doc = "actor's Adam learning rate", range = "(0, 10]") double policyLearningRate,
            @Arg(value = "0.005", doc = "target-network mixing rate τ", range = "(0, 1]") double tau,
            @Arg(value = "0.1", doc = "exploration noise std, in units of the box's half-width", range = "[0, 1e3]") double explorationNoise,
            @Arg(value = "0.2", doc = "target policy smoothing noise std, in units of the box's half-width", range = "[0, 1e3]") double policyNoise,
            @Arg(value = "0.5", doc = "clip of the smoothing noise (before scaling)", range = "[0, 1e3]") double noiseClip,
            @Arg(value = "2", doc = "critic steps per actor and target update (delayed policy updates)", range = "[1, 1000]") int policyFrequency,
            @Arg(value = "256,256", doc = "hidden layers of actor and critics (ReLU)", range = "[1, 65536]") int[] hiddenSizes,
            @Arg(value = "1000", doc = "environment steps per progress row", range = "[1, 1e9]") int epochLength,
            @Arg(value = "2", doc = "1: one thread; 2: the networks' large products are shared with a second thread (results are identical either way)",
                    range = "[1, 2]", resource = true)
            int threads) {}

    /**
     * Pendulum within 20k steps: rl-baselines3-zoo's TD3 settings for Pendulum (γ 0.98, learning rates 1e-3, buffer
     * 200k, exploration σ 0.1) with 64-64 networks and learning from step 1,000 (the zoo: 400-300 and 10,000), ten
     * times cheaper and as reliable on this task; one thread, since 64-wide products are too small to share.
     */
    static final Map<String, String> PENDULUM = Map.of("gamma", "0.98", "q_learning_rate", "1e-3", "policy_learning_rate", "1e-3",
            "buffer_size", "200000", "learning_starts", "1000", "hidden_sizes", "64,64", "threads", "1");

    public static final List<Preset> PRESETS = List.of(
            new Preset("pendulum", "rl-baselines3-zoo's Pendulum settings, 64-64, learning from step 1,000", List.of("Pendulum-v1"), 20_000, PENDULUM));

    public static final AlgorithmSpec<Args> SPEC = new AlgorithmSpec<>("td3",
            "TD3: clipped double-Q, target policy smoothing, delayed actor updates (Fujimoto et al. 2018; CleanRL's td3_continuous_action.py)",
            Args.class, 1_000_000L, s -> s instanceof Box b && Ddpg.isBounded(b), Td3::new, PRESETS);

    @Override
    public void train(Run run) throws IOException {
        Collector task = new Collector(run, args.bufferSize(), args.gamma(), args.learningStarts());
        task.train(run, new Learner(task.obsDim, task.box, args, run.rng("init")), "td3", args.threads(), args.epochLength(), true);
    }

    /** TD3's networks, their targets and optimisers, and one gradient step: what {@link #train} does once learning. */
    public static final class Learner implements Collector.Learner {
        final Args args;
        final Box box;
        final double[] scale;
        final DeterministicMlpPolicy actor, targetActor;
        final TwinCritics critics;
        final Adam actorAdam;
        private final Minibatch mb;
        private final double[] y, nextActions, dQ, dAction, startAction;
        private double actorLossSum;
        private int actors;
        /** The streams of a run's updates (taken by {@link #track}). */
        private Rng targetNoiseRng, sampleRng;

        /** Networks initialised as PyTorch's defaults from {@code init}, targets copied from them. */
        public Learner(int obsDim, Box box, Args args, Rng init) {
            this.args = args;
            this.box = box;
            int actDim = box.dim(), batch = args.batchSize();
            int[] hidden = args.hiddenSizes();
            scale = new double[actDim];
            for (int j = 0; j < actDim; j++) scale[j] = (box.high(j) - box.low(j)) / 2;
            actor = new DeterministicMlpPolicy(obsDim, box, hidden, Mlp.Activation.RELU, Gemm.Summation.FUSED);
            Init.pytorchDefault(actor.mlp(), init);
            critics = new TwinCritics(obsDim, actDim, hidden, args.qLearningRate(), batch, init);
            targetActor = new DeterministicMlpPolicy(obsDim, box, hidden, Mlp.Activation.RELU, Gemm.Summation.FUSED);
            targetActor.setParams(actor.params());
            actorAdam = new Adam(actor.numParams(), args.policyLearningRate());
            mb = new Minibatch(batch, obsDim, actDim);
            y = new double[batch];
            nextActions = new double[batch * actDim];
            dQ = new double[batch];
            dAction = new double[batch * actDim];
            startAction = new double[actDim];
        }

        @Override
        public void track(Run run) {
            run.track("actor", actor);
            critics.track(run);
            run.track("targetActor", targetActor);
            run.track("actorAdam", actorAdam);
            targetNoiseRng = run.rng("target-noise");
            sampleRng = run.rng("replay");
        }

        /** a = clip(μ(s) + N(0, (exploration_noise · scale)²), box). */
        @Override
        public void explore(double[] obs, Rng rng, double[] action) {
            actor.actDeterministic(obs, action);
            for (int j = 0; j < action.length; j++) action[j] += rng.nextGaussian() * scale[j] * args.explorationNoise();
            box.clip(action);
        }

        /** Q1(s, μ(s)): the critic's value of the policy's action. */
        @Override
        public double startValue(double[] obs) {
            actor.actDeterministic(obs, startAction);
            return critics.qf1.value(obs, startAction);
        }

        /** Every step: the critics; every policy_frequency steps the actor and the targets. */
        @Override
        public void learn(ReplayBuffer replay, long t) {
            update(replay, sampleRng, targetNoiseRng, t % args.policyFrequency() == 0);
        }

        @Override
        public void splitWith(SideThread<Void> side) {
            actor.mlp().splitWith(side);
            targetActor.mlp().splitWith(side);
            for (Mlp net : critics.networks()) net.splitWith(side);
        }

        /** One step: both critics on a minibatch from {@code rb}, and when {@code delayed} the actor and the targets. */
        public void update(ReplayBuffer rb, Rng sampleRng, Rng targetNoiseRng, boolean delayed) {
            mb.sample(rb, sampleRng);
            targets(targetActor, critics.qf1Target, critics.qf2Target, mb, args.gamma(), args.policyNoise(), args.noiseClip(), scale,
                    box, targetNoiseRng, nextActions, y);
            critics.step(mb, y);
            if (!delayed) return;
            actorLossSum += Ddpg.actorGradient(actor, critics.qf1, mb.obs, mb.size, dQ, dAction);
            actorAdam.step(actor.params(), actor.gradients());
            QNetwork.softUpdate(targetActor.params(), actor.params(), args.tau());
            critics.softUpdateTargets(args.tau());
            actors++;
        }

        /** The means since the last call: critic loss, actor loss, Q1 on the minibatches. */
        @Override
        public Map<String, Double> diagnostics() {
            Map<String, Double> diag = critics.lossRow(actorLossSum, actors);
            actorLossSum = 0;
            actors = 0;
            return diag;
        }
    }

    /**
     * y_b = r_b + γ (1 − terminated_b) min(Q1', Q2')(s'_b, ã_b), ã = clip(μ'(s') + clip(ε, ±noise_clip)·scale, box),
     * ε ~ N(0, policy_noise²): clipped double-Q with target policy smoothing.
     */
    static void targets(DeterministicMlpPolicy targetActor, QNetwork qf1Target, QNetwork qf2Target, Minibatch mb, double gamma,
                        double policyNoise, double noiseClip, double[] scale, Box box, Rng rng, double[] nextActions, double[] y) {
        int n = mb.size, actDim = scale.length;
        System.arraycopy(targetActor.forwardBatch(mb.nextObs, n), 0, nextActions, 0, n * actDim);
        for (int b = 0; b < n; b++) {
            for (int j = 0; j < actDim; j++) {
                double eps = Math.max(-noiseClip, Math.min(noiseClip, rng.nextGaussian() * policyNoise));
                int k = b * actDim + j;
                nextActions[k] = Math.max(box.low(j), Math.min(box.high(j), nextActions[k] + eps * scale[j]));
            }
        }
        double[] q1 = qf1Target.values(mb.nextObs, nextActions, n);
        double[] q2 = qf2Target.values(mb.nextObs, nextActions, n);
        for (int b = 0; b < n; b++) y[b] = mb.rewards[b] + gamma * mb.notTerminated[b] * Math.min(q1[b], q2[b]);
    }

    /** The actor: the deterministic policy (exploration noise is training only). */
    @Override
    public DeterministicMlpPolicy policy(Env env, TrainingState checkpoint) {
        DeterministicMlpPolicy actor = new DeterministicMlpPolicy(env.observationSpace().flatDim(), Ddpg.actionBox(env, "td3"),
                args.hiddenSizes(), Mlp.Activation.RELU, Gemm.Summation.FUSED);
        return checkpoint.restore("actor", actor);
    }
}
