package io.gauntlet.algorithms;

import io.gauntlet.core.args.Arg;
import io.gauntlet.core.experiment.AlgorithmSpec;
import io.gauntlet.core.experiment.Run;
import io.gauntlet.core.nn.Mlp;
import io.gauntlet.core.policy.StochasticPolicy;
import java.io.IOException;
import java.util.LinkedHashMap;
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
public record Rwr(Args args) implements Policies.Trainer {
    public record Args(
            @Arg(value = "5000", doc = "environment steps per iteration (whole episodes)", range = "[1, 1e9]") int batchSize,
            @Arg(value = "0.99", doc = "discount factor γ", range = "[0, 1]") double discount,
            @Arg(value = "1.0", doc = "GAE λ on the baseline's values (1: returns − baseline)", range = "[0, 1]") double gaeLambda,
            @Arg(value = "50", doc = "L-BFGS iterations per policy fit (rllab)", range = "[1, 1e6]") int maxOptItr,
            @Arg(value = "32,32", doc = "policy hidden layers (rllab locomotion: 100,50,25)", range = "[1, 65536]") int[] hiddenSizes,
            @Arg(value = "tanh", doc = "hidden activation") Mlp.Activation activation,
            @Arg(value = "1.0", doc = "initial std of a Gaussian policy", range = "(0, 1e6]") double initStd) implements Policies.Settings {}

    public static final AlgorithmSpec<Args> SPEC = new AlgorithmSpec<>("rwr",
            "Reward-weighted regression: L-BFGS fit of the policy to advantage-weighted actions (rllab's ERWR)",
            Args.class, 1_000_000L, AlgorithmSpec::discreteOrBox, Rwr::new);

    @Override
    public void train(Run run) throws IOException {
        PathSampler sampler = new PathSampler(run);
        StochasticPolicy policy = run.track("policy", Policies.rllab(run, sampler, args.hiddenSizes(), args.activation(), args.initStd()));
        LinearFeatureBaseline baseline = run.track("baseline", new LinearFeatureBaseline(sampler.obsDim));
        double gamma = args.discount();

        while (!run.budgetExhausted()) {
            sampler.sample(policy, args.batchSize());
            int n = sampler.size;
            double[] returns = new double[n], values = new double[n], w = new double[n];
            sampler.discountedReturns(gamma, returns);
            baseline.predict(sampler.obs, sampler.t, n, values);
            sampler.advantages(gamma, args.gaeLambda(), values, w);
            double explainedVariance = ExplainedVariance.rllab(values, returns, n);
            baseline.fit(sampler.obs, sampler.t, returns, n);
            Advantages.centreAndScale(w, n);
            double min = Double.POSITIVE_INFINITY;
            for (int i = 0; i < n; i++) min = Math.min(min, w[i]);
            for (int i = 0; i < n; i++) w[i] = w[i] - min + 1e-8;

            WeightedMaximumLikelihood.Fit fit = WeightedMaximumLikelihood.fit(policy, sampler.obs, sampler.actions, w, n, args.maxOptItr());

            Map<String, Double> diag = new LinkedHashMap<>();
            diag.put("ExplainedVariance", explainedVariance);
            diag.put("LossBefore", fit.lossBefore());
            diag.put("LossAfter", fit.lossAfter());
            diag.put("MeanKL", fit.meanKl());
            diag.put("Entropy", fit.entropy());
            run.endIteration(diag);
        }
    }
}
