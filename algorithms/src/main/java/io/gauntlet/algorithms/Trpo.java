package io.gauntlet.algorithms;

import io.gauntlet.core.BadInputException;
import io.gauntlet.core.distributions.Distribution;
import io.gauntlet.core.env.Box;
import io.gauntlet.core.env.Discrete;
import io.gauntlet.core.env.Env;
import io.gauntlet.core.experiment.Algorithm;
import io.gauntlet.core.experiment.AlgorithmSpec;
import io.gauntlet.core.experiment.Hyperparameters;
import io.gauntlet.core.experiment.Param;
import io.gauntlet.core.experiment.Run;
import io.gauntlet.core.experiment.TrainingState;
import io.gauntlet.core.nn.Init;
import io.gauntlet.core.policy.FisherVectorProduct;
import io.gauntlet.core.policy.GaussianMlpPolicy;
import io.gauntlet.core.policy.StochasticPolicy;
import io.gauntlet.core.random.Rng;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
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
 * A Gaussian sample is clipped to the action box only on its way to the environment.
 */
public final class Trpo implements Algorithm {
    static List<Param> params(double stepSize) {
        return List.of(
                new Param("batch_size", 5000, "environment steps per iteration (whole episodes: the last one runs to its end)"),
                new Param("discount", 0.99, "discount factor γ"),
                new Param("gae_lambda", 1.0, "GAE λ on the baseline's values (1: Monte-Carlo returns − baseline, rllab's default)"),
                new Param("step_size", stepSize, "KL step size δ: the mean KL(π_old ‖ π_new) a step may reach"),
                new Param("cg_iters", 10, "conjugate-gradient iterations"),
                new Param("reg_coeff", 1e-5, "damping added to the Fisher matrix: (F + reg·I) s = −g"),
                new Param("backtrack_ratio", 0.8, "line-search shrink factor (TRPO only)"),
                new Param("max_backtracks", 15, "line-search steps (TRPO only)"),
                new Param("policy", "mlp", "policy network: mlp, or gru (rllab's recurrent policy for partially observable tasks, trained through time)"),
                new Param("hidden_sizes", new int[] {32, 32}, "policy hidden layers (rllab locomotion: 100,50,25)"),
                new Param("gru_size", 32, "GRU policy: hidden units (rllab: one GRU layer of 32)"),
                new Param("activation", "tanh", "hidden activation: tanh or relu"),
                new Param("init_std", 1.0, "initial std of a Gaussian policy"),
                new Param("center_adv", true, "centre and scale advantages per batch"),
                new Param("baseline", "linear", "value baseline: linear (rllab's linear feature baseline) or mlp (an MLP value function; use with gae_lambda < 1, e.g. 0.97)"),
                new Param("vf_hidden_sizes", new int[] {64, 64}, "MLP baseline: hidden layers (tanh)"),
                new Param("vf_learning_rate", 1e-2, "MLP baseline: Adam learning rate"),
                new Param("vf_epochs", 5, "MLP baseline: passes over each batch per refit"),
                new Param("vf_minibatch", 256, "MLP baseline: minibatch size"));
    }

    public static final AlgorithmSpec SPEC = new AlgorithmSpec("trpo",
            "TRPO: natural gradient by conjugate gradient, KL-constrained backtracking line search (rllab)",
            params(0.01), 1_000_000L, s -> s instanceof Discrete || s instanceof Box, hp -> new Trpo(hp, true));

    /** TNPG is TRPO without the line search. rllab's TNPG default step size is 0.01 as well. */
    public static final AlgorithmSpec TNPG_SPEC = new AlgorithmSpec("tnpg",
            "Truncated natural policy gradient: TRPO's natural step without the line search (rllab)",
            params(0.01), 1_000_000L, s -> s instanceof Discrete || s instanceof Box, hp -> new Trpo(hp, false));

    private final Hyperparameters hp;
    private final boolean lineSearch;

    public Trpo(Hyperparameters hp, boolean lineSearch) {
        this.hp = hp;
        this.lineSearch = lineSearch;
        if (hp.getInt("batch_size") <= 0) throw new BadInputException("parameter 'batch_size' must be positive");
        if (!(hp.getDouble("step_size") > 0)) throw new BadInputException("parameter 'step_size' must be positive");
        if (hp.getInt("cg_iters") <= 0) throw new BadInputException("parameter 'cg_iters' must be positive");
    }

    @Override
    public void train(Run run) throws IOException {
        Env env = run.makeEnv();
        EnvCheckpoint.restore(run, env);
        int obsDim = env.observationSpace().flatDim();
        String id = lineSearch ? "trpo" : "tnpg";
        StochasticPolicy policy = switch (hp.getString("policy")) {
            case "mlp" -> {
                StochasticPolicy p = Policies.stochastic(id, obsDim, env.actionSpace(), hp.getInts("hidden_sizes"),
                        Policies.activation(hp.getString("activation")), hp.getDouble("init_std"));
                Init.xavierUniform(Policies.mlp(p), run.rng("init"), 1.0);
                yield p;
            }
            case "gru" -> env.actionSpace() instanceof Discrete d
                    ? GruPolicy.categorical(obsDim, hp.getInt("gru_size"), d.n(), run.rng("init"))
                    : GruPolicy.gaussian(obsDim, hp.getInt("gru_size"), env.actionSpace().flatDim(), hp.getDouble("init_std"), run.rng("init"));
            default -> throw new BadInputException("parameter 'policy' must be mlp or gru, got '" + hp.getString("policy") + "'");
        };
        Distribution dist = policy.distribution();
        LinearFeatureBaseline baseline = new LinearFeatureBaseline(obsDim);
        boolean mlpBaseline = switch (hp.getString("baseline")) {
            case "linear" -> false;
            case "mlp" -> true;
            default -> throw new BadInputException("parameter 'baseline' must be linear or mlp, got '" + hp.getString("baseline") + "'");
        };
        MlpBaseline valueFunction = new MlpBaseline(obsDim, hp.getInts("vf_hidden_sizes"), hp.getDouble("vf_learning_rate"),
                hp.getInt("vf_epochs"), hp.getInt("vf_minibatch"), run.rng("init/vf"));
        Rng vfRng = run.rng("vf");
        Rng policyRng = run.rng("policy");
        Rng envSeeds = run.rng("env");
        run.resumeState().ifPresent(s -> {
            policy.setParams(s.doubles("policy"));
            baseline.setCoefficients(s.doubles("baseline"));
            valueFunction.net.setParams(s.doubles("vf"));
            valueFunction.adam.setState(s.doubles("vf.adam.m"), s.doubles("vf.adam.v"), s.getLong("vf.adam.t"));
            vfRng.setState(s.longs("rng.vf"));
            policyRng.setState(s.longs("rng.policy"));
            envSeeds.setState(s.longs("rng.env"));
        });

        double gamma = hp.getDouble("discount");
        double lambda = hp.getDouble("gae_lambda");
        double delta = hp.getDouble("step_size");
        PathSampler sampler = new PathSampler(env);
        FisherVectorProduct fvp = new FisherVectorProduct(policy);
        double reg = hp.getDouble("reg_coeff");
        int pd = dist.paramDim();
        int ad = sampler.actDim;

        while (!run.budgetExhausted()) {
            // 1. Sample; advantages from last iteration's baseline; refit the baseline on this batch's returns.
            sampler.sample(policy, policyRng, envSeeds, hp.getInt("batch_size"), run);
            int n = sampler.size;
            double[] returns = new double[n];
            double[] values = new double[n];
            double[] adv = new double[n];
            sampler.discountedReturns(gamma, returns);
            if (mlpBaseline) valueFunction.predict(sampler.obs, n, values);
            else for (int i = 0; i < n; i++) values[i] = baseline.predict(sampler.obs, i * obsDim, sampler.t[i]);
            sampler.advantages(gamma, lambda, values, adv);
            double explainedVariance = Reinforce.explainedVariance(values, returns, n);
            if (mlpBaseline) valueFunction.fit(sampler.obs, returns, n, vfRng);
            else baseline.fit(sampler.obs, sampler.t, returns, n);
            if (hp.getBoolean("center_adv")) centreAndScale(adv, n);

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
            double[] s = ConjugateGradient.solve(fisher, minusG, hp.getInt("cg_iters"), 1e-10);
            double[] fs = new double[s.length];
            fisher.apply(s, fs);
            double sFs = ConjugateGradient.dot(s, fs);
            double beta = sFs > 0 ? Math.sqrt(2 * delta / sFs) : 0;

            // 4. TNPG takes the full step; TRPO backtracks until the surrogate improves within the KL bound.
            double[] theta = policy.params();
            double lossAfter = lossBefore, meanKl = 0;
            int backtracks = 0;
            boolean accepted = false;
            int tries = lineSearch ? hp.getInt("max_backtracks") : 1;
            double fraction = 1;
            for (int k = 0; k < tries; k++, fraction *= hp.getDouble("backtrack_ratio")) {
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
            if (policy instanceof GaussianMlpPolicy gp) {
                double sum = 0;
                for (int j = 0; j < gp.actionDim(); j++) sum += Math.exp(gp.params()[gp.logStdOffset() + j]);
                diag.put("AveragePolicyStd", sum / gp.actionDim());
            }
            run.endIteration(diag, EnvCheckpoint.save(new TrainingState()
                    .putDoubles("policy", policy.params())
                    .putDoubles("baseline", baseline.coefficients())
                    .putDoubles("vf", valueFunction.net.params())
                    .putDoubles("vf.adam.m", valueFunction.adam.m())
                    .putDoubles("vf.adam.v", valueFunction.adam.v())
                    .putLong("vf.adam.t", valueFunction.adam.stepCount())
                    .putLongs("rng.vf", vfRng.state())
                    .putLongs("rng.policy", policyRng.state())
                    .putLongs("rng.env", envSeeds.state()), env));
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

    static void centreAndScale(double[] x, int n) {
        double mean = 0;
        for (int i = 0; i < n; i++) mean += x[i];
        mean /= n;
        double var = 0;
        for (int i = 0; i < n; i++) var += (x[i] - mean) * (x[i] - mean);
        double std = Math.sqrt(var / n);
        for (int i = 0; i < n; i++) x[i] = (x[i] - mean) / (std + 1e-8);
    }

    @Override
    public StochasticPolicy policy(Env env, TrainingState checkpoint) {
        if (!hp.getString("policy").equals("mlp")) {
            throw new BadInputException((lineSearch ? "trpo" : "tnpg") + ": a checkpointed " + hp.getString("policy")
                    + " policy cannot act through the stateless Policy interface (its hidden state spans an episode); only policy=mlp can");
        }
        return Policies.restore(lineSearch ? "trpo" : "tnpg", env, hp, hp.getDouble("init_std"), checkpoint.doubles("policy"));
    }
}
