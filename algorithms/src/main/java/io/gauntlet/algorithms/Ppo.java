package io.gauntlet.algorithms;

import io.gauntlet.core.SideThread;
import io.gauntlet.core.args.Arg;
import io.gauntlet.core.distributions.Distribution;
import io.gauntlet.core.env.Box;
import io.gauntlet.core.env.Env;
import io.gauntlet.core.env.VectorEnv;
import io.gauntlet.core.experiment.Algorithm;
import io.gauntlet.core.experiment.AlgorithmSpec;
import io.gauntlet.core.experiment.Run;
import io.gauntlet.core.experiment.TrainedRun;
import io.gauntlet.core.experiment.TrainingState;
import io.gauntlet.core.nn.Adam;
import io.gauntlet.core.nn.Gradients;
import io.gauntlet.core.nn.Init;
import io.gauntlet.core.nn.Mlp;
import io.gauntlet.core.policy.StochasticPolicy;
import io.gauntlet.core.random.Rng;
import io.gauntlet.core.wrappers.ClipAction;
import io.gauntlet.core.wrappers.ClipObservation;
import io.gauntlet.core.wrappers.ClipReward;
import io.gauntlet.core.wrappers.EnvWrapper;
import io.gauntlet.core.wrappers.NormalizeObservation;
import io.gauntlet.core.wrappers.NormalizeReward;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Proximal Policy Optimisation with the clipped surrogate (Schulman et al. 2017), step for step as CleanRL's
 * {@code ppo.py} (discrete actions) and {@code ppo_continuous_action.py} (continuous actions).
 *
 * <pre>
 * envs = num_envs copies of make_env(task)       (continuous: ClipAction, NormalizeObservation, clip ±10,
 *                                                  NormalizeReward(γ), clip ±10: CleanRL's wrappers, see wrap)
 * for update = 1 .. budget / (num_envs · num_steps):
 *     lr ← learning_rate · (1 − (update − 1) / updates)                      (if anneal_lr)
 *     roll out num_steps steps in every copy: a ~ π(·|s), logπ(a|s), V(s), r, done
 *     A = GAE(γ, λ) with V(last observation) bootstrapping time-limit truncations
 *     for update_epochs passes, for each of num_minibatches shuffled minibatches:
 *         ρ = π(a|s) / π_old(a|s);  A normalised per minibatch (norm_adv)
 *         L = mean max(−A·ρ, −A·clip(ρ, 1 ± ε)) − ent_coef·H + vf_coef · ½ max((V − R)², (V_clipped − R)²)
 *         one Adam step (ε 1e-5) on actor and critic, gradients clipped jointly to max_grad_norm
 * </pre>
 *
 * Separate actor and critic MLPs (64-64 tanh, orthogonal init: gain √2, policy head 0.01, value head 1). PPO runs
 * whole updates, so a budget that is not a multiple of num_envs × num_steps is rounded up to one.
 * Continuous actions: a Gaussian with state-independent log-std (init 0); the sampled action is stored and scored
 * unclipped, and clipped to the action box by the env stack. The copies, their wrappers' statistics and the
 * episodes in progress are checkpointed with the networks, so a resumed run writes exactly the rows of an
 * uninterrupted one.
 *
 * <p>One deliberate difference from CleanRL: a time-limit truncation bootstraps from V(last observation) instead
 * of being treated as a termination (CleanRL ORs the two flags), which is the correct target.
 */
public record Ppo(Args args) implements Algorithm {
    /** CleanRL's {@code Args}: the first default is ppo.py's (discrete), {@code continuous} ppo_continuous_action.py's. */
    public record Args(
            @Arg(value = "4", continuous = "1", doc = "parallel env copies", range = "[1, 4096]") int numEnvs,
            @Arg(value = "128", continuous = "2048", doc = "steps per env copy per update", range = "[1, 1e7]") int numSteps,
            @Arg(value = "2.5e-4", continuous = "3e-4", doc = "Adam learning rate", range = "(0, 10]") double learningRate,
            @Arg(value = "true", doc = "anneal the learning rate linearly to 0 over the step budget") boolean annealLr,
            @Arg(value = "0.99", doc = "discount factor γ", range = "[0, 1]") double gamma,
            @Arg(value = "0.95", doc = "GAE λ", range = "[0, 1]") double gaeLambda,
            @Arg(value = "4", continuous = "32", doc = "minibatches per epoch", range = "[1, 1e7]") int numMinibatches,
            @Arg(value = "4", continuous = "10", doc = "passes over each batch", range = "[1, 1000]") int updateEpochs,
            @Arg(value = "true", doc = "normalise advantages per minibatch") boolean normAdv,
            @Arg(value = "0.2", doc = "surrogate clipping ε (also the value-clipping range)", range = "(0, 10]") double clipCoef,
            @Arg(value = "true", doc = "clip the value loss around the old values") boolean clipVloss,
            @Arg(value = "0.01", continuous = "0.0", doc = "entropy bonus coefficient", range = "[0, 100]") double entCoef,
            @Arg(value = "0.5", doc = "value-loss coefficient", range = "[0, 100]") double vfCoef,
            @Arg(value = "0.5", doc = "global gradient-norm clip", range = "(0, 1e6]") double maxGradNorm,
            @Arg(value = "64,64", doc = "hidden layer sizes of actor and critic (tanh)", range = "[1, 65536]") int[] hiddenSizes,
            @Arg(value = "false", continuous = "true", doc = "CleanRL's observation normalisation and reward scaling wrappers (each left out when the task's id already applies it)")
            boolean normalize,
            @Arg(value = "2", doc = "1: everything on one thread; 2: the critic's values, loss, gradient and Adam step run on a second thread beside the actor's (results are identical either way)",
                    range = "[1, 2]", resource = true)
            int threads) {
        public Args {
            if (((long) numEnvs * numSteps) % numMinibatches != 0) {
                throw new io.gauntlet.core.BadInputException("num_envs × num_steps (" + (long) numEnvs * numSteps
                        + ") must be divisible by num_minibatches (" + numMinibatches + ")");
            }
        }
    }

    public static final AlgorithmSpec<Args> SPEC = new AlgorithmSpec<>("ppo",
            "PPO-clip with GAE, CleanRL's ppo.py / ppo_continuous_action.py", Args.class, 500_000L,
            AlgorithmSpec::discreteOrBox, Ppo::new);

    /** CleanRL clips normalised observations and rewards to ±10. */
    static final double CLIP_OBS = 10;
    static final double CLIP_REWARD = 10;

    /** CleanRL's make_env around the run's task: ClipAction for a box, then its normalisers if {@code normalize}. */
    @Override
    public Env wrap(Env task) {
        Env env = task;
        if (env.actionSpace() instanceof Box) env = new ClipAction(env);
        if (!args.normalize()) return env;
        if (EnvWrapper.find(task, NormalizeObservation.class).isEmpty()) {
            env = new ClipObservation(new NormalizeObservation(env), CLIP_OBS);
        }
        if (EnvWrapper.find(task, NormalizeReward.class).isEmpty()) {
            env = new ClipReward(new NormalizeReward(env, args.gamma()), CLIP_REWARD);
        }
        return env;
    }

    @Override
    public void train(Run run) throws IOException {
        Learner agent = new Learner(run);
        try {
            for (int update = run.iteration(); update < agent.numUpdates && !run.budgetExhausted(); update++) {
                double lr = args.annealLr() ? (1.0 - (double) update / agent.numUpdates) * args.learningRate() : args.learningRate();
                agent.collectRollout(run);
                agent.computeAdvantages();
                run.endIteration(agent.optimise(lr));
            }
        } catch (Exception e) {
            if (e instanceof IOException io) throw io;
            if (e instanceof RuntimeException re) throw re;
            throw new IllegalStateException(e);
        } finally {
            agent.close();
        }
    }

    /**
     * One run's agent, environments and storage. The phases of an update are separate methods, not one long
     * loop body, for the JIT as much as for the reader: C2 compiles one long loop body with every kernel inlined
     * on-stack again and again, a second core's worth of work; per-phase methods compile once.
     */
    private final class Learner implements AutoCloseable {
        final int numEnvs = args.numEnvs(), numSteps = args.numSteps(), epochs = args.updateEpochs();
        final int batch = numEnvs * numSteps, mbSize = batch / args.numMinibatches();
        final int numUpdates, obsDim, actWidth, pDim;
        final double entCoef = args.entCoef(), gamma = args.gamma(), lambda = args.gaeLambda(), clip = args.clipCoef();
        final double vfCoef = args.vfCoef(), maxGradNorm = args.maxGradNorm();
        final boolean clipVloss = args.clipVloss(), normAdv = args.normAdv();
        final VectorEnv envs;
        final StochasticPolicy policy;
        final Distribution dist;
        final Mlp critic;
        final Adam policyAdam, criticAdam;
        final Rng actRng, shuffleRng;
        final SideThread<Double> criticThread;
        // Hand-over between the two threads within a minibatch (ordered by SideThread's submit and join).
        private double criticGradSq;
        private double pendingCriticCoef = Double.NaN;

        // Rollout storage, time-major (row t = step t of every copy).
        final double[] obs, actions, logProbs, rewards, values, nextValues, advantages, returns;
        final boolean[] terminated, done;
        final double[] stepActions, finalObs;
        // Minibatch buffers.
        final int[] order;
        final double[] mbObs, mbActions, mbOldLogProbs, mbAdv, mbReturns, mbOldValues, dDist, dValue;

        Learner(Run run) {
            Env[] copies = new Env[numEnvs];
            for (int i = 0; i < numEnvs; i++) copies[i] = wrap(run.makeEnv());
            envs = run.track(TrainedRun.VECTOR_ENV, new VectorEnv(copies));
            if (!run.resumed()) envs.reset(run.seedFor("envs/0"));
            numUpdates = (int) ((run.stepBudget() + batch - 1) / batch); // whole updates: the budget rounded up
            obsDim = envs.observationDim();
            actWidth = envs.actionDim(); // doubles per action (1 for discrete)

            // Agent: a stochastic policy (actor) and a value MLP (critic). Adam is per coordinate, so one Adam per
            // array with a joint gradient-norm clip is exactly CleanRL's single Adam over the Agent's parameters.
            int[] hidden = args.hiddenSizes();
            policy = Policies.stochastic(obsDim, envs.actionSpace(), hidden, Mlp.Activation.TANH, 1.0);
            dist = policy.distribution();
            critic = new Mlp(Mlp.sizes(obsDim, hidden, 1), Mlp.Activation.TANH);
            Rng initRng = run.rng("init");
            Init.orthogonal(Policies.mlp(policy), initRng, Math.sqrt(2), 0.01);
            Init.orthogonal(critic, initRng, Math.sqrt(2), 1.0);
            run.track("policy", policy);
            run.track("critic", critic);
            policyAdam = run.track("policyAdam", new Adam(policy.numParams(), args.learningRate(), 0.9, 0.999, 1e-5));
            criticAdam = run.track("criticAdam", new Adam(critic.numParams(), args.learningRate(), 0.9, 0.999, 1e-5));
            actRng = run.rng("policy");
            shuffleRng = run.rng("minibatch");

            pDim = dist.paramDim();
            obs = new double[batch * obsDim];
            actions = new double[batch * actWidth];
            logProbs = new double[batch];
            rewards = new double[batch];
            values = new double[batch];
            nextValues = new double[batch];
            terminated = new boolean[batch];
            done = new boolean[batch];
            advantages = new double[batch];
            returns = new double[batch];
            stepActions = new double[numEnvs * actWidth];
            finalObs = new double[obsDim];
            order = new int[batch];
            mbObs = new double[mbSize * obsDim];
            mbActions = new double[mbSize * actWidth];
            mbOldLogProbs = new double[mbSize];
            mbAdv = new double[mbSize];
            mbReturns = new double[mbSize];
            mbOldValues = new double[mbSize];
            dDist = new double[mbSize * pDim];
            dValue = new double[mbSize];
            criticThread = new SideThread<>("ppo-critic", args.threads() > 1);
        }

        /**
         * numSteps vector steps with the current policy, into the rollout storage; V(s) of every row, in chunks of
         * a quarter rollout on the critic's thread while the rollout goes on (a row's value does not depend on
         * the batch it is computed in, so this equals evaluating step by step).
         */
        void collectRollout(Run run) throws Exception {
            int chunk = Math.max(1, numSteps / 4);
            int valuedSteps = 0;
            for (int t = 0; t < numSteps; t++) {
                int row = t * numEnvs;
                System.arraycopy(envs.observations, 0, obs, row * obsDim, numEnvs * obsDim);
                double[] p = policy.distributionParams(envs.observations, numEnvs);
                for (int i = 0; i < numEnvs; i++) {
                    int k = row + i;
                    dist.sample(p, i * pDim, actRng, actions, k * actWidth);
                    logProbs[k] = dist.logProb(p, i * pDim, actions, k * actWidth);
                }
                System.arraycopy(actions, row * actWidth, stepActions, 0, numEnvs * actWidth);
                envs.step(stepActions);
                run.addEnvSteps(numEnvs);
                for (int i = 0; i < numEnvs; i++) {
                    int k = row + i;
                    rewards[k] = envs.rewards[i];
                    terminated[k] = envs.terminated[i];
                    done[k] = envs.terminated[i] || envs.truncated[i];
                    if (envs.truncated[i] && !envs.terminated[i]) {
                        // Bootstrap the cut episode from V(its last observation).
                        // (The one-observation path shares no buffers with the chunk on the critic thread.)
                        System.arraycopy(envs.finalObservations, i * obsDim, finalObs, 0, obsDim);
                        nextValues[k] = critic.forward(finalObs)[0];
                    }
                }
                if (t + 1 - valuedSteps == chunk || t + 1 == numSteps) {
                    int from = valuedSteps * numEnvs, rows = (t + 1 - valuedSteps) * numEnvs;
                    Callable<Double> valueChunk = () -> {
                        System.arraycopy(critic.forwardBatch(obs, from * obsDim, rows), 0, values, from, rows);
                        return 0.0;
                    };
                    if (valuedSteps > 0) criticThread.join();
                    criticThread.submit(valueChunk);
                    valuedSteps = t + 1;
                }
            }
            criticThread.join();
        }

        /** V(s_{t+1}) where the episode goes on (the next row's value, or after the last step the current one), then GAE. */
        void computeAdvantages() {
            double[] lastV = critic.forwardBatch(envs.observations, numEnvs);
            for (int t = 0; t < numSteps; t++) {
                for (int i = 0; i < numEnvs; i++) {
                    int k = t * numEnvs + i;
                    if (!done[k]) nextValues[k] = t + 1 < numSteps ? values[k + numEnvs] : lastV[i];
                }
            }
            Gae.compute(numSteps, numEnvs, gamma, lambda, rewards, values, nextValues, terminated, done, advantages, returns);
        }

        /** update_epochs passes over shuffled minibatches of the clipped surrogate and value loss; returns the diagnostics. */
        Map<String, Double> optimise(double lr) throws Exception {
            policyAdam.setLearningRate(lr);
            criticAdam.setLearningRate(lr);
            double pgLossSum = 0, vLossSum = 0, entSum = 0, approxKlSum = 0, clipFracSum = 0;
            int mbCount = 0;
            for (int i = 0; i < batch; i++) order[i] = i;
            for (int epoch = 0; epoch < epochs; epoch++) {
                shuffle(order, shuffleRng);
                for (int start = 0; start < batch; start += mbSize) {
                    for (int b = 0; b < mbSize; b++) {
                        int k = order[start + b];
                        System.arraycopy(obs, k * obsDim, mbObs, b * obsDim, obsDim);
                        System.arraycopy(actions, k * actWidth, mbActions, b * actWidth, actWidth);
                        mbOldLogProbs[b] = logProbs[k];
                        mbAdv[b] = advantages[k];
                        mbReturns[b] = returns[k];
                        mbOldValues[b] = values[k];
                    }
                    if (normAdv) Advantages.normalizeMinibatch(mbAdv, mbSize);

                    // The actor's and the critic's losses are independent until the joint gradient clip, so the
                    // critic's may run on a second thread, which also applies the critic's clipped Adam step of
                    // the previous minibatch first; each keeps its own summation order (same results).
                    double coef = pendingCriticCoef;
                    Callable<Double> criticWork = () -> {
                        if (!Double.isNaN(coef)) criticStep(coef);
                        critic.zeroGradients();
                        double loss = valueLoss(critic, mbObs, mbReturns, mbOldValues, mbSize, clip, clipVloss, vfCoef, dValue);
                        criticGradSq = Gradients.sumOfSquares(critic.gradients());
                        return loss;
                    };
                    criticThread.submit(criticWork);
                    policy.zeroGradients();
                    LossStats pl = policyLoss(policy, mbObs, mbActions, mbOldLogProbs, mbAdv, mbSize, clip, entCoef, dDist);
                    double actorGradSq = Gradients.sumOfSquares(policy.gradients());
                    double vLoss = criticThread.join();
                    // Joint clip of the global gradient norm (CleanRL's clip_grad_norm_ over the whole agent).
                    pendingCriticCoef = Gradients.clipCoefficient(maxGradNorm, actorGradSq + criticGradSq);
                    Gradients.scale(policy.gradients(), pendingCriticCoef);
                    policyAdam.step(policy.params(), policy.gradients());

                    pgLossSum += pl.clippedSurrogate();
                    vLossSum += vLoss;
                    entSum += pl.entropy();
                    approxKlSum += pl.approxKl();
                    clipFracSum += pl.clipFrac();
                    mbCount++;
                }
            }
            criticStep(pendingCriticCoef);
            pendingCriticCoef = Double.NaN;
            Map<String, Double> diag = new LinkedHashMap<>();
            diag.put("PolicyLoss", pgLossSum / mbCount);
            diag.put("ValueLoss", vLossSum / mbCount);
            diag.put("Entropy", entSum / mbCount);
            diag.put("ApproxKL", approxKlSum / mbCount);
            diag.put("ClipFrac", clipFracSum / mbCount);
            diag.put("ExplainedVariance", ExplainedVariance.cleanRl(values, returns, batch));
            diag.put("LearningRate", lr);
            return diag;
        }

        /** The critic's Adam step on its gradients scaled by the joint clip coefficient. */
        private void criticStep(double coef) {
            Gradients.scale(critic.gradients(), coef);
            criticAdam.step(critic.params(), critic.gradients());
        }

        @Override
        public void close() {
            criticThread.close();
        }
    }

    /** Minibatch statistics of the policy loss (means over the minibatch). */
    public record LossStats(double clippedSurrogate, double entropy, double approxKl, double clipFrac) {
        /** The loss minimised: clipped surrogate − entCoef · entropy. */
        public double total(double entCoef) {
            return clippedSurrogate - entCoef * entropy;
        }
    }

    /**
     * PPO's policy loss on a minibatch, mean(max(−A·ρ, −A·clip(ρ, 1−ε, 1+ε))) − entCoef · mean(H), with
     * ρ = π(a|s) / π_old(a|s); adds its gradient into {@code policy.gradients()} ({@code dDist} is scratch of
     * n × paramDim). Where the clipped branch is the max, ρ lies outside [1−ε, 1+ε] on the side that would
     * overshoot, and the gradient is zero: that is the whole point of the clip.
     */
    public static LossStats policyLoss(StochasticPolicy policy, double[] obs, double[] actions, double[] oldLogProbs,
                                double[] adv, int n, double clip, double entCoef, double[] dDist) {
        Distribution dist = policy.distribution();
        int pd = dist.paramDim();
        int ad = dist.actionDim();
        java.util.Arrays.fill(dDist, 0, n * pd, 0.0);
        double[] p = policy.distributionParams(obs, n);
        double pgLoss = 0, ent = 0, approxKl = 0, clipFrac = 0;
        for (int b = 0; b < n; b++) {
            double logRatio = dist.logProb(p, b * pd, actions, b * ad) - oldLogProbs[b];
            double ratio = Math.exp(logRatio);
            approxKl += (ratio - 1) - logRatio;
            if (Math.abs(ratio - 1) > clip) clipFrac++;
            double pg1 = -adv[b] * ratio;
            double pg2 = -adv[b] * Math.max(1 - clip, Math.min(1 + clip, ratio));
            pgLoss += Math.max(pg1, pg2);
            if (pg1 >= pg2) dist.gradLogProb(p, b * pd, actions, b * ad, -adv[b] * ratio / n, dDist, b * pd);
            if (entCoef != 0) dist.gradEntropy(p, b * pd, -entCoef / n, dDist, b * pd);
            ent += dist.entropy(p, b * pd);
        }
        policy.backward(dDist, n);
        return new LossStats(pgLoss / n, ent / n, approxKl / n, clipFrac / n);
    }

    /**
     * PPO's value loss times vfCoef: vfCoef · 0.5 · mean(max((V − R)², (V_old + clip(V − V_old, −ε, ε) − R)²))
     * (or the plain squared error without clipping); adds its gradient into {@code critic.gradients()}.
     * Returns the loss without the vfCoef factor (CleanRL's logged v_loss).
     */
    public static double valueLoss(Mlp critic, double[] obs, double[] returns, double[] oldValues, int n, double clip,
                            boolean clipVloss, double vfCoef, double[] dValue) {
        double[] newV = critic.forwardBatch(obs, n);
        double vLoss = 0;
        for (int b = 0; b < n; b++) {
            double v = newV[b];
            double err = v - returns[b];
            if (clipVloss) {
                double clippedErr = oldValues[b] + Math.max(-clip, Math.min(clip, v - oldValues[b])) - returns[b];
                boolean unclippedIsMax = err * err >= clippedErr * clippedErr;
                vLoss += 0.5 * Math.max(err * err, clippedErr * clippedErr);
                double g = unclippedIsMax ? err : Math.abs(v - oldValues[b]) < clip ? clippedErr : 0;
                dValue[b] = vfCoef * g / n;
            } else {
                vLoss += 0.5 * err * err;
                dValue[b] = vfCoef * err / n;
            }
        }
        critic.backwardBatch(dValue, n, null);
        return vLoss / n;
    }

    static void shuffle(int[] a, Rng rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** The actor (the env given is the training stack, its normalisers restored from the checkpoint). */
    @Override
    public StochasticPolicy policy(Env env, TrainingState checkpoint) {
        return Policies.fromCheckpoint(env, checkpoint, "policy", args.hiddenSizes(), Mlp.Activation.TANH, 1.0);
    }
}
