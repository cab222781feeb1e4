package io.gauntlet.algorithms;

import io.gauntlet.core.BadInputException;
import io.gauntlet.core.args.Arg;
import io.gauntlet.core.distributions.Distribution;
import io.gauntlet.core.env.Discrete;
import io.gauntlet.core.env.Env;
import io.gauntlet.core.experiment.Algorithm;
import io.gauntlet.core.experiment.AlgorithmSpec;
import io.gauntlet.core.experiment.Run;
import io.gauntlet.core.experiment.TrainingState;
import io.gauntlet.core.nn.Mlp;
import io.gauntlet.core.policy.FisherVectorProduct;
import io.gauntlet.core.policy.GaussianMlpPolicy;
import io.gauntlet.core.policy.StochasticPolicy;
import io.gauntlet.core.random.Rng;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Trust Region Policy Optimisation (Schulman et al. 2015) as rllab's TRPO, and with {@code line_search=false}
 * Truncated Natural Policy Gradient (rllab's TNPG: the same natural step, taken whole).
 *
 * <pre>
 * for each iteration:
 *     collect whole episodes with π_θold until the batch holds ≥ batch_size steps
 *     A = GAE(γ, λ) on the baseline's values (λ = 1: returns − baseline); refit the baseline; centre and scale A
 *         (baseline: rllab's linear feature baseline, or {@code baseline=mlp}: an MLP value function)
 *     L(θ) = −mean(π_θ(a|s) / π_θold(a|s) · A)               (surrogate loss), g = ∇L(θold)
 *     s = CG(F + reg·I, −g, cg_iters)                          (F: exact Fisher-vector products, mean KL Hessian)
 *     β = sqrt(2δ / sᵀFs);  full step Δ = β s                  (the step whose quadratic KL model equals δ)
 *     TNPG: θ ← θold + Δ
 *     TRPO: θ ← θold + 0.8^k Δ for the first k = 0..14 with L(θ) < L(θold) and mean KL(π_θold ‖ π_θ) ≤ δ;
 *           if none qualifies, θ stays θold
 * </pre>
 *
 * Defaults are rllab's (batch 5,000 steps for basic tasks, γ 0.99, λ 1, δ 0.01, 10 CG iterations, reg 1e-5,
 * backtrack ratio 0.8 × 15, linear feature baseline, centred advantages); the policy is rllab's basic-task
 * network (32-32 tanh, Xavier init, initial std 1); the locomotion benchmark's is {@code --set hidden_sizes=100,50,25}.
 * A Gaussian sample is clipped to the action box only on its way to the environment. TNPG takes the same settings
 * (the line search's are unused).
 */
public record Trpo(Args args, boolean lineSearch) implements Algorithm {
    /** The policy network: an MLP, or rllab's recurrent policy for partially observable tasks. */
    public enum PolicyKind { MLP, GRU }

    /** The value baseline: rllab's linear feature baseline, or an MLP value function (use with gae_lambda < 1). */
    public enum Baseline { LINEAR, MLP }

    public record Args(
            @Arg(value = "5000", doc = "environment steps per iteration (whole episodes: the last one runs to its end)", range = "[1, 1e9]")
            int batchSize,
            @Arg(value = "0.99", doc = "discount factor γ", range = "[0, 1]") double discount,
            @Arg(value = "1.0", doc = "GAE λ on the baseline's values (1: Monte-Carlo returns − baseline, rllab's default)", range = "[0, 1]")
            double gaeLambda,
            @Arg(value = "0.01", doc = "KL step size δ: the mean KL(π_old ‖ π_new) a step may reach", range = "(0, 10]")
            double stepSize,
            @Arg(value = "10", doc = "conjugate-gradient iterations", range = "[1, 1000]") int cgIters,
            @Arg(value = "1e-5", doc = "damping added to the Fisher matrix: (F + reg·I) s = −g", range = "[0, 1e3]") double regCoeff,
            @Arg(value = "0.8", doc = "line-search shrink factor (TRPO only)", range = "(0, 1)") double backtrackRatio,
            @Arg(value = "15", doc = "line-search steps (TRPO only)", range = "[1, 1000]") int maxBacktracks,
            @Arg(value = "mlp", doc = "policy network: mlp, or gru (rllab's recurrent policy for partially observable tasks, trained through time)")
            PolicyKind policy,
            @Arg(value = "32,32", doc = "policy hidden layers (rllab locomotion: 100,50,25)", range = "[1, 65536]") int[] hiddenSizes,
            @Arg(value = "32", doc = "GRU policy: hidden units (rllab: one GRU layer of 32)", range = "[1, 65536]") int gruSize,
            @Arg(value = "tanh", doc = "hidden activation") Mlp.Activation activation,
            @Arg(value = "1.0", doc = "initial std of a Gaussian policy", range = "(0, 1e6]") double initStd,
            @Arg(value = "true", doc = "centre and scale advantages per batch") boolean centerAdv,
            @Arg(value = "linear", doc = "value baseline: linear (rllab's linear feature baseline) or mlp (an MLP value function; use with gae_lambda < 1, e.g. 0.97)")
            Baseline baseline,
            @Arg(value = "64,64", doc = "MLP baseline: hidden layers (tanh)", range = "[1, 65536]") int[] vfHiddenSizes,
            @Arg(value = "1e-2", doc = "MLP baseline: Adam learning rate", range = "(0, 10]") double vfLearningRate,
            @Arg(value = "5", doc = "MLP baseline: passes over each batch per refit", range = "[1, 1000]") int vfEpochs,
            @Arg(value = "256", doc = "MLP baseline: minibatch size", range = "[1, 1e9]") int vfMinibatch) {}

    public static final AlgorithmSpec<Args> SPEC = new AlgorithmSpec<>("trpo",
            "TRPO: natural gradient by conjugate gradient, KL-constrained backtracking line search (rllab)",
            Args.class, 1_000_000L, AlgorithmSpec::discreteOrBox, args -> new Trpo(args, true));

    /** TNPG is TRPO without the line search. rllab's TNPG default step size is 0.01 as well. */
    public static final AlgorithmSpec<Args> TNPG_SPEC = new AlgorithmSpec<>("tnpg",
            "Truncated natural policy gradient: TRPO's natural step without the line search (rllab)",
            Args.class, 1_000_000L, AlgorithmSpec::discreteOrBox, args -> new Trpo(args, false));

    @Override
    public void train(Run run) throws IOException {
        PathSampler sampler = new PathSampler(run);
        Env env = sampler.env;
        int obsDim = env.observationSpace().flatDim();
        StochasticPolicy policy = run.track("policy", switch (args.policy()) {
            case MLP -> Policies.rllab(run, sampler, args.hiddenSizes(), args.activation(), args.initStd());
            case GRU -> env.actionSpace() instanceof Discrete d
                    ? GruPolicy.categorical(obsDim, args.gruSize(), d.n(), run.rng("init"))
                    : GruPolicy.gaussian(obsDim, args.gruSize(), env.actionSpace().flatDim(), args.initStd(), run.rng("init"));
        });
        Distribution dist = policy.distribution();
        boolean mlpBaseline = args.baseline() == Baseline.MLP;
        LinearFeatureBaseline baseline = run.track("baseline", new LinearFeatureBaseline(obsDim));
        MlpBaseline valueFunction = new MlpBaseline(obsDim, args.vfHiddenSizes(), args.vfLearningRate(), args.vfEpochs(),
                args.vfMinibatch(), run.rng("init/vf"));
        run.track("vf", valueFunction.net);
        run.track("vf.adam", valueFunction.adam);
        Rng vfRng = run.rng("vf");

        double gamma = args.discount();
        double delta = args.stepSize();
        FisherVectorProduct fvp = new FisherVectorProduct(policy);
        double reg = args.regCoeff();
        int pd = dist.paramDim();
        int ad = sampler.actDim;

        while (!run.budgetExhausted()) {
            // 1. Sample; advantages from last iteration's baseline; refit the baseline on this batch's returns.
            sampler.sample(policy, args.batchSize());
            int n = sampler.size;
            double[] returns = new double[n];
            double[] values = new double[n];
            double[] adv = new double[n];
            sampler.discountedReturns(gamma, returns);
            if (mlpBaseline) valueFunction.predict(sampler.obs, n, values);
            else baseline.predict(sampler.obs, sampler.t, n, values);
            sampler.advantages(gamma, args.gaeLambda(), values, adv);
            double explainedVariance = ExplainedVariance.rllab(values, returns, n);
            if (mlpBaseline) valueFunction.fit(sampler.obs, returns, n, vfRng);
            else baseline.fit(sampler.obs, sampler.t, returns, n);
            if (args.centerAdv()) Advantages.centreAndScale(adv, n);

            // 2. Surrogate loss and its gradient at θold (the ratio is 1 there).
            double[] theta0 = policy.params().clone();
            double[] oldDist = Arrays.copyOf(policy.distributionParams(sampler.obs, n), n * pd);
            double[] oldLogProb = new double[n];
            double entropy = 0;
            for (int i = 0; i < n; i++) {
                oldLogProb[i] = dist.logProb(oldDist, i * pd, sampler.actions, i * ad);
                entropy += dist.entropy(oldDist, i * pd);
            }
            entropy /= n;
            double[] dDist = new double[n * pd];
            double lossBefore = surrogate(dist, oldDist, sampler.actions, oldLogProb, adv, n, dDist);
            policy.zeroGradients();
            policy.backward(dDist, n);
            double[] g = policy.gradients().clone();

            // 3. Natural direction s ≈ −F⁻¹g, scaled so that ½ sᵀFs = δ. F: exact Fisher-vector products on the
            //    batch whose distribution parameters (oldDist) the policy computed last, damped by reg.
            ConjugateGradient.Operator fisher = (v, out) -> {
                fvp.apply(oldDist, n, v, out);
                for (int i = 0; i < out.length; i++) out[i] += reg * v[i];
            };
            double[] minusG = new double[g.length];
            for (int i = 0; i < g.length; i++) minusG[i] = -g[i];
            double[] s = ConjugateGradient.solve(fisher, minusG, args.cgIters(), 1e-10);
            double[] fs = new double[s.length];
            fisher.apply(s, fs);
            double sFs = ConjugateGradient.dot(s, fs);
            double beta = sFs > 0 ? Math.sqrt(2 * delta / sFs) : 0;

            // 4. TNPG takes the full step; TRPO backtracks until the surrogate improves within the KL bound.
            double[] theta = policy.params();
            double lossAfter = lossBefore, meanKl = 0;
            int backtracks = 0;
            boolean accepted = false;
            int tries = lineSearch ? args.maxBacktracks() : 1;
            double fraction = 1;
            for (int k = 0; k < tries; k++, fraction *= args.backtrackRatio()) {
                for (int i = 0; i < theta.length; i++) theta[i] = theta0[i] + fraction * beta * s[i];
                double[] newDist = policy.distributionParams(sampler.obs, n);
                lossAfter = surrogate(dist, newDist, sampler.actions, oldLogProb, adv, n, null);
                double kl = 0;
                for (int i = 0; i < n; i++) kl += dist.kl(oldDist, i * pd, newDist, i * pd);
                meanKl = kl / n;
                backtracks = k;
                if (!lineSearch || (lossAfter < lossBefore && meanKl <= delta)) {
                    accepted = true;
                    break;
                }
            }
            if (!accepted) {
                System.arraycopy(theta0, 0, theta, 0, theta.length);
                lossAfter = lossBefore;
                meanKl = 0;
            }

            Map<String, Double> diag = new LinkedHashMap<>();
            diag.put("ExplainedVariance", explainedVariance);
            diag.put("Entropy", entropy);
            diag.put("LossBefore", lossBefore);
            diag.put("LossAfter", lossAfter);
            diag.put("dLoss", lossBefore - lossAfter);
            diag.put("MeanKL", meanKl);
            diag.put("StepAccepted", accepted ? 1.0 : 0.0);
            diag.put("Backtracks", (double) backtracks);
            if (policy instanceof GaussianMlpPolicy) diag.put("AveragePolicyStd", Policies.averageStd(policy));
            run.endIteration(diag);
        }
    }

    /**
     * The surrogate loss L = −mean(π(a|s) / π_old(a|s) · A) from the distribution parameters {@code p} of a batch;
     * when {@code dDist} is not null, writes dL/dp into it (n × paramDim) for the policy's back-propagation.
     */
    static double surrogate(Distribution dist, double[] p, double[] actions, double[] oldLogProb, double[] adv, int n,
                            double[] dDist) {
        int pd = dist.paramDim();
        int ad = dist.actionDim();
        if (dDist != null) Arrays.fill(dDist, 0, n * pd, 0.0);
        double loss = 0;
        for (int i = 0; i < n; i++) {
            double ratio = Math.exp(dist.logProb(p, i * pd, actions, i * ad) - oldLogProb[i]);
            loss -= ratio * adv[i] / n;
            // ∂ratio/∂p = ratio · ∂log π/∂p
            if (dDist != null) dist.gradLogProb(p, i * pd, actions, i * ad, -ratio * adv[i] / n, dDist, i * pd);
        }
        return loss;
    }

    @Override
    public StochasticPolicy policy(Env env, TrainingState checkpoint) {
        if (args.policy() != PolicyKind.MLP) {
            throw new BadInputException((lineSearch ? "trpo" : "tnpg") + ": a checkpointed gru policy cannot act through the"
                    + " stateless Policy interface (its hidden state spans an episode); only policy=mlp can");
        }
        return Policies.fromCheckpoint(env, checkpoint, "policy", args.hiddenSizes(), args.activation(), args.initStd());
    }
}
