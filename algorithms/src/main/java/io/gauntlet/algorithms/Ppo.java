package io.gauntlet.algorithms;

import io.gauntlet.core.policy.Policy;
import io.gauntlet.core.env.Box;
import io.gauntlet.core.env.Discrete;
import io.gauntlet.core.env.Env;
import io.gauntlet.core.env.Space;
import io.gauntlet.core.env.VectorEnv;
import io.gauntlet.core.experiment.Algorithm;
import io.gauntlet.core.experiment.AlgorithmSpec;
import io.gauntlet.core.experiment.Hyperparameters;
import io.gauntlet.core.experiment.Param;
import io.gauntlet.core.experiment.Run;
import io.gauntlet.core.experiment.TrainingState;
import io.gauntlet.core.nn.Adam;
import io.gauntlet.core.nn.Gradients;
import io.gauntlet.core.nn.Init;
import io.gauntlet.core.nn.Mlp;
import io.gauntlet.core.policy.StochasticPolicy;
import io.gauntlet.core.distributions.Distribution;
import io.gauntlet.core.random.Rng;
import java.io.IOException;
import java.util.concurrent.Callable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Proximal Policy Optimisation with the clipped surrogate (Schulman et al. 2017), step for step as CleanRL's
 * {@code ppo.py} (discrete actions) and {@code ppo_continuous_action.py} (continuous actions).
 *
 * <p>Separate actor and critic MLPs (64-64 tanh, orthogonal init: gain √2, policy head 0.01, value head 1) share
 * one flat parameter vector and one Adam (ε 1e-5). Every update: roll out {@code num_steps} steps in each of
 * {@code num_envs} copies, compute GAE(λ), then {@code update_epochs} passes over shuffled minibatches minimising
 * clipped policy loss − entropy bonus + vf·clipped value loss, with global gradient-norm clipping; the learning
 * rate is annealed linearly to 0 over the run's step budget.
 *
 * <p>Parameters left at −1 take CleanRL's value for the task's action space (discrete / continuous). Continuous
 * actions: a Gaussian with state-independent log-std (init 0); the sampled action is stored and scored unclipped
 * and <em>clipped</em> to the action box only when stepping the env (CleanRL's ClipAction wrapper). For continuous
 * tasks observations are normalised by running statistics and clipped to ±10, and rewards divided by the running
 * std of the discounted return and clipped to ±10 (CleanRL's wrappers); both statistics are checkpointed.
 * So are the env copies mid-episode ({@link VectorEnv#snapshot()}), the current normalised observations and
 * discounted returns: a resumed run writes exactly the rows of an uninterrupted one.
 *
 * <p><b>Speed (issue 5).</b> Peers (peers-measured.md): CleanRL ppo.py CartPole-v1 500k steps 59.4 s;
 * ppo_continuous_action.py Pendulum-v1 204,800 steps 97 s. Here, {@code ./gauntlet train --env CartPole-v1
 * --algo ppo --seed 1} takes 4.8-5.1 s wall (4.4-4.6 s of training; 12× faster), return 500; {@code --env
 * Pendulum-v1 --steps 204800} 4.8-5.0 s wall (20×); 2026-11-29, quiet 2-core machine. What got it there, in
 * order of effect: {@link Mlp}'s row-array kernels (C2 vectorises them; 2.3× on the minibatch), a tanh without
 * {@code Math.exp} (vectorised too), checkpoints at most every 5 s instead of every iteration (1 ms each),
 * phase methods instead of one long loop body (see {@link Learner}), a spinning hand-off to the critic's thread
 * (an executor's park/unpark costs about 40 µs per round trip on this VM), and the critic's values and Adam step
 * moved to that thread. Profile now (JFR, CartPole, threads=2): main thread 74% MLP kernels and copies, 13% tanh,
 * 4% Adam and clipping, 3% loss terms, 1% environment; the critic's thread 83% kernels, 13% tanh. The main
 * thread carries the rollout, the critic's thread idles then. Results are bit-identical for threads=1 and 2.
 *
 * <p>One deliberate difference from CleanRL: a time-limit truncation bootstraps from V(last observation) instead
 * of being treated as a termination (CleanRL ORs the two flags), which is the correct target.
 */
public final class Ppo implements Algorithm {
    public static final List<Param> PARAMS = List.of(
            new Param("num_envs", -1, "parallel env copies (CleanRL: 4 discrete, 1 continuous)"),
            new Param("num_steps", -1, "steps per env copy per update (CleanRL: 128 discrete, 2048 continuous)"),
            new Param("learning_rate", -1.0, "Adam learning rate, annealed linearly to 0 (CleanRL: 2.5e-4 discrete, 3e-4 continuous)"),
            new Param("anneal_lr", true, "anneal the learning rate linearly to 0 over the step budget"),
            new Param("gamma", 0.99, "discount factor"),
            new Param("gae_lambda", 0.95, "GAE λ"),
            new Param("num_minibatches", -1, "minibatches per epoch (CleanRL: 4 discrete, 32 continuous)"),
            new Param("update_epochs", -1, "passes over each batch (CleanRL: 4 discrete, 10 continuous)"),
            new Param("norm_adv", true, "normalise advantages per minibatch"),
            new Param("clip_coef", 0.2, "surrogate clipping ε (also the value-clipping range)"),
            new Param("clip_vloss", true, "clip the value loss around the old values"),
            new Param("ent_coef", -1.0, "entropy bonus coefficient (CleanRL: 0.01 discrete, 0 continuous)"),
            new Param("vf_coef", 0.5, "value-loss coefficient"),
            new Param("max_grad_norm", 0.5, "global gradient-norm clip"),
            new Param("hidden_sizes", new int[] {64, 64}, "hidden layer sizes of actor and critic (tanh)"),
            new Param("normalize", -1, "normalise observations and scale rewards: 1 yes, 0 no (CleanRL: continuous only)"),
            Param.resource("threads", 2, "1: everything on one thread; 2: the critic's values, loss, gradient and Adam step run on a second thread beside the actor's (results are identical either way, so a run resumes under another value)"));

    public static final AlgorithmSpec SPEC = new AlgorithmSpec("ppo",
            "PPO-clip with GAE, CleanRL's ppo.py / ppo_continuous_action.py", PARAMS, 500_000L,
            space -> space instanceof Discrete || space instanceof Box, Ppo::new);

    private static final double CLIP_OBS = 10;
    private static final double CLIP_REWARD = 10;
    private static final double NORM_EPS = 1e-8;

    private final Hyperparameters hp;

    public Ppo(Hyperparameters hp) {
        this.hp = hp;
    }

    private static int pick(int v, boolean discrete, int d, int c) {
        return v >= 0 ? v : discrete ? d : c;
    }

    private static double pick(double v, boolean discrete, double d, double c) {
        return v >= 0 ? v : discrete ? d : c;
    }

    @Override
    public void train(Run run) throws IOException {
        Learner agent = new Learner(run);
        try {
            for (int update = agent.startUpdate; update < agent.numUpdates && !run.budgetExhausted(); update++) {
                double lr = hp.getBoolean("anneal_lr") ? (1.0 - (double) update / agent.numUpdates) * agent.lr0 : agent.lr0;
                agent.collectRollout(run);
                agent.computeAdvantages();
                Map<String, Double> diag = agent.optimise(lr);
                run.endIteration(diag, agent.state(update + 1));
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
     * loop body, for the JIT as much as for the reader: C2 compiled the single-method version on-stack five times
     * at 1-1.6 s each (150 kB of code with every kernel inlined), a second core's worth of work for most of a
     * CartPole run; per-phase methods compile once, in well under a second.
     */
    private final class Learner implements AutoCloseable {
        final boolean discrete;
        final int numEnvs, numSteps, epochs, batch, mbSize, numUpdates, obsDim, actWidth, pDim;
        final double lr0, entCoef, gamma, lambda, clip, vfCoef, maxGradNorm;
        final boolean normalize, clipVloss, normAdv;
        final Box actionBox;
        final VectorEnv envs;
        final StochasticPolicy policy;
        final Distribution dist;
        final Mlp critic;
        final Adam policyAdam, criticAdam;
        final Rng actRng, shuffleRng;
        final RunningMeanStd obsRms;
        final RunningMeanStd retRms = new RunningMeanStd(1);
        final double[] discountedReturn;
        final int startUpdate;
        final SideThread<Double> criticThread;
        // Hand-over between the two threads within a minibatch (ordered by SideThread's submit and join).
        private double criticGradSq;
        private double pendingCriticCoef = Double.NaN;

        // Rollout storage, time-major (row t = step t of every copy).
        final double[] obs, actions, logProbs, rewards, values, nextValues, advantages, returns;
        final boolean[] terminated, done;
        final double[] stepActions, normObs, finalObs;
        // Minibatch buffers.
        final int[] order;
        final double[] mbObs, mbActions, mbOldLogProbs, mbAdv, mbReturns, mbOldValues, dDist, dValue;

        Learner(Run run) {
            Env probe = run.makeEnv();
            Space actionSpace = probe.actionSpace();
            discrete = actionSpace instanceof Discrete;
            actionBox = discrete ? null : (Box) actionSpace;
            numEnvs = pick(hp.getInt("num_envs"), discrete, 4, 1);
            numSteps = pick(hp.getInt("num_steps"), discrete, 128, 2048);
            lr0 = pick(hp.getDouble("learning_rate"), discrete, 2.5e-4, 3e-4);
            int numMinibatches = pick(hp.getInt("num_minibatches"), discrete, 4, 32);
            epochs = pick(hp.getInt("update_epochs"), discrete, 4, 10);
            entCoef = pick(hp.getDouble("ent_coef"), discrete, 0.01, 0.0);
            normalize = pick(hp.getInt("normalize"), discrete, 0, 1) == 1;
            gamma = hp.getDouble("gamma");
            lambda = hp.getDouble("gae_lambda");
            clip = hp.getDouble("clip_coef");
            clipVloss = hp.getBoolean("clip_vloss");
            normAdv = hp.getBoolean("norm_adv");
            vfCoef = hp.getDouble("vf_coef");
            maxGradNorm = hp.getDouble("max_grad_norm");
            batch = numEnvs * numSteps;
            if (batch % numMinibatches != 0) {
                throw new io.gauntlet.core.BadInputException("ppo: num_envs × num_steps (" + batch
                        + ") must be divisible by num_minibatches (" + numMinibatches + ")");
            }
            mbSize = batch / numMinibatches;
            numUpdates = (int) Math.max(1, run.stepBudget() / batch);

            Env[] copies = new Env[numEnvs];
            copies[0] = probe;
            for (int i = 1; i < numEnvs; i++) copies[i] = run.makeEnv();
            envs = new VectorEnv(copies);
            obsDim = envs.observationDim();
            actWidth = envs.actionDim(); // doubles per action (1 for discrete)

            // Agent: a stochastic policy (actor) and a value MLP (critic). Adam is per coordinate, so one Adam per
            // array with a joint gradient-norm clip is exactly CleanRL's single Adam over the Agent's parameters.
            int[] hidden = hp.getInts("hidden_sizes");
            policy = Policies.stochastic("ppo", obsDim, actionSpace, hidden, Mlp.Activation.TANH, 1.0);
            dist = policy.distribution();
            critic = new Mlp(Mlp.sizes(obsDim, hidden, 1), Mlp.Activation.TANH);
            Rng initRng = run.rng("init");
            Init.orthogonal(Policies.mlp(policy), initRng, Math.sqrt(2), 0.01);
            Init.orthogonal(critic, initRng, Math.sqrt(2), 1.0);
            policyAdam = new Adam(policy.numParams(), lr0, 0.9, 0.999, 1e-5);
            criticAdam = new Adam(critic.numParams(), lr0, 0.9, 0.999, 1e-5);

            actRng = run.rng("policy");
            shuffleRng = run.rng("minibatch");
            obsRms = new RunningMeanStd(obsDim);
            discountedReturn = new double[numEnvs];
            int start = 0;
            if (run.resumeState().isPresent()) {
                TrainingState s = run.resumeState().get();
                policy.setParams(s.doubles("policy"));
                critic.setParams(s.doubles("critic"));
                policyAdam.setState(s.doubles("policyAdam.m"), s.doubles("policyAdam.v"), s.getLong("adam.t"));
                criticAdam.setState(s.doubles("criticAdam.m"), s.doubles("criticAdam.v"), s.getLong("adam.t"));
                actRng.setState(s.longs("rng.policy"));
                shuffleRng.setState(s.longs("rng.minibatch"));
                obsRms.setState(s.doubles("obsRms"));
                retRms.setState(s.doubles("retRms"));
                start = (int) s.getLong("update");
            }
            startUpdate = start;

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
            normObs = new double[numEnvs * obsDim];
            finalObs = new double[obsDim];

            TrainingState resume = run.resumeState().orElse(null);
            if (resume != null && resume.doubleNames().contains(TrainingState.VECTOR_ENV)) {
                // Episodes go on exactly where the checkpoint left them, mid-episode included.
                envs.restore(resume.doubles(TrainingState.VECTOR_ENV));
                System.arraycopy(resume.doubles("normObs"), 0, normObs, 0, normObs.length);
                System.arraycopy(resume.doubles("discountedReturn"), 0, discountedReturn, 0, numEnvs);
            } else {
                // A fresh run (or a checkpoint from before env snapshots: its episodes restart, seeded per update).
                envs.reset(run.seedFor("envs/" + startUpdate));
                observe(envs.observations, normObs, numEnvs, obsDim, normalize, obsRms);
            }

            order = new int[batch];
            mbObs = new double[mbSize * obsDim];
            mbActions = new double[mbSize * actWidth];
            mbOldLogProbs = new double[mbSize];
            mbAdv = new double[mbSize];
            mbReturns = new double[mbSize];
            mbOldValues = new double[mbSize];
            dDist = new double[mbSize * pDim];
            dValue = new double[mbSize];
            criticThread = new SideThread<>("ppo-critic", hp.getInt("threads") > 1);
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
                System.arraycopy(normObs, 0, obs, row * obsDim, numEnvs * obsDim);
                double[] p = policy.distributionParams(normObs, numEnvs);
                for (int i = 0; i < numEnvs; i++) {
                    int k = row + i;
                    dist.sample(p, i * pDim, actRng, actions, k * actWidth);
                    logProbs[k] = dist.logProb(p, i * pDim, actions, k * actWidth);
                }
                System.arraycopy(actions, row * actWidth, stepActions, 0, numEnvs * actWidth);
                if (!discrete) clipToBox(actionBox, stepActions, numEnvs); // CleanRL's ClipAction
                envs.step(stepActions);
                run.addEnvSteps(numEnvs);
                for (int i = 0; i < numEnvs; i++) {
                    int k = row + i;
                    double r = envs.rewards[i];
                    if (normalize) {
                        // Gymnasium's NormalizeReward: divide by the running std of the discounted return.
                        discountedReturn[i] = discountedReturn[i] * gamma + r;
                        retRms.update(discountedReturn, i);
                        r = Math.max(-CLIP_REWARD, Math.min(CLIP_REWARD, r / Math.sqrt(retRms.var(0) + NORM_EPS)));
                        if (envs.terminated[i] || envs.truncated[i]) discountedReturn[i] = 0;
                    }
                    rewards[k] = r;
                    terminated[k] = envs.terminated[i];
                    done[k] = envs.terminated[i] || envs.truncated[i];
                    if (done[k]) run.recordEpisode(envs.episodeReturns[i], envs.episodeLengths[i]);
                    if (envs.truncated[i] && !envs.terminated[i]) {
                        // Bootstrap the cut episode from V(its last observation).
                        System.arraycopy(envs.finalObservations, i * obsDim, finalObs, 0, obsDim);
                        if (normalize) obsRms.normalize(finalObs, 0, NORM_EPS, CLIP_OBS);
                        // (The one-observation path shares no buffers with the chunk on the critic thread.)
                        nextValues[k] = critic.forward(finalObs)[0];
                    }
                }
                observe(envs.observations, normObs, numEnvs, obsDim, normalize, obsRms);
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
            double[] lastV = critic.forwardBatch(normObs, numEnvs);
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
                    if (normAdv) normalize(mbAdv, mbSize);

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
            diag.put("ExplainedVariance", explainedVariance(values, returns, batch));
            diag.put("LearningRate", lr);
            return diag;
        }

        /** The critic's Adam step on its gradients scaled by the joint clip coefficient. */
        private void criticStep(double coef) {
            Gradients.scale(critic.gradients(), coef);
            criticAdam.step(critic.params(), critic.gradients());
        }

        /** Everything carried into the next update, as the checkpoint after {@code updatesDone} updates. */
        TrainingState state(int updatesDone) {
            return new TrainingState()
                    .putDoubles("policy", policy.params())
                    .putDoubles("critic", critic.params())
                    .putDoubles("policyAdam.m", policyAdam.m())
                    .putDoubles("policyAdam.v", policyAdam.v())
                    .putDoubles("criticAdam.m", criticAdam.m())
                    .putDoubles("criticAdam.v", criticAdam.v())
                    .putLong("adam.t", policyAdam.stepCount())
                    .putLongs("rng.policy", actRng.state())
                    .putLongs("rng.minibatch", shuffleRng.state())
                    .putDoubles("obsRms", obsRms.state())
                    .putDoubles("retRms", retRms.state())
                    .putDoubles(TrainingState.VECTOR_ENV, envs.snapshot())
                    .putDoubles("normObs", normObs)
                    .putDoubles("discountedReturn", discountedReturn)
                    .putLong("update", updatesDone);
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

    /** (x − mean) / (std + 1e-8) in place, with torch's unbiased std as CleanRL. */
    static void normalize(double[] x, int n) {
        double mean = 0;
        for (int i = 0; i < n; i++) mean += x[i];
        mean /= n;
        double var = 0;
        for (int i = 0; i < n; i++) var += (x[i] - mean) * (x[i] - mean);
        double std = Math.sqrt(var / Math.max(1, n - 1));
        for (int i = 0; i < n; i++) x[i] = (x[i] - mean) / (std + 1e-8);
    }

    static void clipToBox(Box box, double[] actions, int n) {
        int d = box.dim();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                int k = i * d + j;
                actions[k] = Math.min(box.high(j), Math.max(box.low(j), actions[k]));
            }
        }
    }

    /** Copies the vector env's observations into {@code dst}, updating and applying the normaliser if enabled. */
    private static void observe(double[] src, double[] dst, int n, int obsDim, boolean normalize, RunningMeanStd rms) {
        System.arraycopy(src, 0, dst, 0, n * obsDim);
        if (!normalize) return;
        rms.updateBatch(dst, n);
        for (int i = 0; i < n; i++) rms.normalize(dst, i * obsDim, NORM_EPS, CLIP_OBS);
    }

    static void shuffle(int[] a, Rng rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** 1 − Var(returns − values) / Var(returns): how much of the return the critic explains (NaN if Var = 0). */
    static double explainedVariance(double[] values, double[] returns, int n) {
        double mr = 0, md = 0;
        for (int i = 0; i < n; i++) {
            mr += returns[i];
            md += returns[i] - values[i];
        }
        mr /= n;
        md /= n;
        double vr = 0, vd = 0;
        for (int i = 0; i < n; i++) {
            double a = returns[i] - mr;
            double b = returns[i] - values[i] - md;
            vr += a * a;
            vd += b * b;
        }
        return vr == 0 ? Double.NaN : 1 - vd / vr;
    }

    /** The actor, behind the checkpointed observation normaliser when training normalised (continuous defaults). */
    @Override
    public Policy policy(Env env, TrainingState checkpoint) {
        int obsDim = env.observationSpace().flatDim();
        boolean discrete = env.actionSpace() instanceof Discrete;
        StochasticPolicy actor = Policies.stochastic("ppo", obsDim, env.actionSpace(), hp.getInts("hidden_sizes"), Mlp.Activation.TANH, 1.0);
        actor.setParams(checkpoint.doubles("policy"));
        if (pick(hp.getInt("normalize"), discrete, 0, 1) != 1) return actor;
        RunningMeanStd rms = new RunningMeanStd(obsDim);
        rms.setState(checkpoint.doubles("obsRms"));
        return new NormalizedPolicy(actor, rms, NORM_EPS, CLIP_OBS);
    }
}
