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
import io.gauntlet.core.policy.StochasticPolicy;
import io.gauntlet.core.random.Rng;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reward-weighted regression (Peters and Schaal 2007; Kober and Peters 2009), as rllab's episodic RWR (ERWR).
 *
 * <pre>
 * for each iteration:
 *     collect whole episodes until the batch holds ≥ batch_size steps
 *     A = returns − linear baseline (refitted); centre and scale A; w = A − min(A) + 1e-8     (positive weights)
 *     θ ← argmin −(1/N) Σ w_i log π_θ(a_i|s_i)      by L-BFGS from the current θ, max_opt_itr iterations
 * </pre>
 *
 * A weighted maximum-likelihood fit: actions that did better than the worst are imitated in proportion to how
 * much better. Same policy and sampler as TRPO (Gaussian samples clipped to the box only for the env).
 */
public final class Rwr implements Algorithm {
    public static final List<Param> PARAMS = List.of(
            new Param("batch_size", 5000, "environment steps per iteration (whole episodes)"),
            new Param("discount", 0.99, "discount factor γ"),
            new Param("gae_lambda", 1.0, "GAE λ on the baseline's values (1: returns − baseline)"),
            new Param("max_opt_itr", 50, "L-BFGS iterations per policy fit (rllab)"),
            new Param("hidden_sizes", new int[] {32, 32}, "policy hidden layers (rllab locomotion: 100,50,25)"),
            new Param("activation", "tanh", "hidden activation: tanh or relu"),
            new Param("init_std", 1.0, "initial std of a Gaussian policy"));

    public static final AlgorithmSpec SPEC = new AlgorithmSpec("rwr",
            "Reward-weighted regression: L-BFGS fit of the policy to advantage-weighted actions (rllab's ERWR)",
            PARAMS, 1_000_000L, s -> s instanceof Discrete || s instanceof Box, Rwr::new);

    private final Hyperparameters hp;

    public Rwr(Hyperparameters hp) {
        this.hp = hp;
        if (hp.getInt("batch_size") <= 0) throw new BadInputException("parameter 'batch_size' must be positive");
        if (hp.getInt("max_opt_itr") <= 0) throw new BadInputException("parameter 'max_opt_itr' must be positive");
    }

    @Override
    public void train(Run run) throws IOException {
        Env env = run.makeEnv();
        EnvCheckpoint.restore(run, env);
        int obsDim = env.observationSpace().flatDim();
        StochasticPolicy policy = Policies.stochastic("rwr", obsDim, env.actionSpace(), hp.getInts("hidden_sizes"),
                Policies.activation(hp.getString("activation")), hp.getDouble("init_std"));
        Init.xavierUniform(Policies.mlp(policy), run.rng("init"), 1.0);
        Distribution dist = policy.distribution();
        LinearFeatureBaseline baseline = new LinearFeatureBaseline(obsDim);
        Rng policyRng = run.rng("policy");
        Rng envSeeds = run.rng("env");
        run.resumeState().ifPresent(s -> {
            policy.setParams(s.doubles("policy"));
            baseline.setCoefficients(s.doubles("baseline"));
            policyRng.setState(s.longs("rng.policy"));
            envSeeds.setState(s.longs("rng.env"));
        });
        PathSampler sampler = new PathSampler(env);
        int pd = dist.paramDim();
        int ad = sampler.actDim;
        double gamma = hp.getDouble("discount");

        while (!run.budgetExhausted()) {
            sampler.sample(policy, policyRng, envSeeds, hp.getInt("batch_size"), run);
            int n = sampler.size;
            double[] returns = new double[n], values = new double[n], w = new double[n];
            sampler.discountedReturns(gamma, returns);
            for (int i = 0; i < n; i++) values[i] = baseline.predict(sampler.obs, i * obsDim, sampler.t[i]);
            sampler.advantages(gamma, hp.getDouble("gae_lambda"), values, w);
            double explainedVariance = Reinforce.explainedVariance(values, returns, n);
            baseline.fit(sampler.obs, sampler.t, returns, n);
            Trpo.centreAndScale(w, n);
            double min = Double.POSITIVE_INFINITY;
            for (int i = 0; i < n; i++) min = Math.min(min, w[i]);
            for (int i = 0; i < n; i++) w[i] = w[i] - min + 1e-8;

            double[] oldDist = Arrays.copyOf(policy.distributionParams(sampler.obs, n), n * pd);
            double[] dDist = new double[n * pd];
            Lbfgs.Objective weightedNll = (theta, grad) -> {
                policy.setParams(theta);
                return weightedNegLogLikelihood(policy, sampler.obs, sampler.actions, w, n, dDist, grad);
            };
            double[] theta = policy.params().clone();
            double lossBefore = weightedNll.evaluate(theta, new double[theta.length]);
            double lossAfter = Lbfgs.minimize(weightedNll, theta, hp.getInt("max_opt_itr"), 10);
            policy.setParams(theta);

            double[] newDist = policy.distributionParams(sampler.obs, n);
            double kl = 0, entropy = 0;
            for (int i = 0; i < n; i++) {
                kl += dist.kl(oldDist, i * pd, newDist, i * pd) / n;
                entropy += dist.entropy(newDist, i * pd) / n;
            }
            Map<String, Double> diag = new LinkedHashMap<>();
            diag.put("ExplainedVariance", explainedVariance);
            diag.put("LossBefore", lossBefore);
            diag.put("LossAfter", lossAfter);
            diag.put("MeanKL", kl);
            diag.put("Entropy", entropy);
            run.endIteration(diag, EnvCheckpoint.save(new TrainingState()
                    .putDoubles("policy", policy.params())
                    .putDoubles("baseline", baseline.coefficients())
                    .putLongs("rng.policy", policyRng.state())
                    .putLongs("rng.env", envSeeds.state()), env));
        }
    }

    /**
     * −(1/n) Σ w_i log π(a_i|s_i) at the policy's current parameters; writes its gradient with respect to them into
     * {@code grad} ({@code dDist}: scratch of n × paramDim). RWR's and REPS's policy fit.
     */
    static double weightedNegLogLikelihood(StochasticPolicy policy, double[] obs, double[] actions, double[] w, int n,
                                           double[] dDist, double[] grad) {
        Distribution dist = policy.distribution();
        int pd = dist.paramDim();
        int ad = dist.actionDim();
        double[] p = policy.distributionParams(obs, n);
        Arrays.fill(dDist, 0, n * pd, 0.0);
        double loss = 0;
        for (int i = 0; i < n; i++) {
            loss -= w[i] * dist.logProb(p, i * pd, actions, i * ad) / n;
            dist.gradLogProb(p, i * pd, actions, i * ad, -w[i] / n, dDist, i * pd);
        }
        policy.zeroGradients();
        policy.backward(dDist, n);
        System.arraycopy(policy.gradients(), 0, grad, 0, grad.length);
        return loss;
    }

    @Override
    public StochasticPolicy policy(Env env, TrainingState checkpoint) {
        return Policies.restore("rwr", env, hp, hp.getDouble("init_std"), checkpoint.doubles("policy"));
    }
}
