package io.gauntlet.algorithms;

import io.gauntlet.core.args.Arg;
import io.gauntlet.core.experiment.AlgorithmSpec;
import io.gauntlet.core.experiment.Run;
import io.gauntlet.core.nn.Mlp;
import io.gauntlet.core.policy.StochasticPolicy;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Relative Entropy Policy Search (Peters, Mülling and Altün 2010), as rllab's REPS.
 *
 * <pre>
 * for each iteration:
 *     collect whole episodes until the batch holds ≥ batch_size steps
 *     φ(s) = [o, o², 1] (o clipped to ±10; rllab adds t/100, (t/100)², (t/100)³); Δφ_i = φ(s_{i+1}) − φ(s_i) (φ = 0 after the end)
 *     δ_i(v) = r_i + v·Δφ_i                                      (Bellman error of the value V = v·φ)
 *     (η, v) = argmin g(η, v) = η ε + η log mean_i exp(δ_i / η)    (the dual of: maximise reward s.t. KL ≤ ε)
 *     w_i = exp(δ_i / η − max_j δ_j / η)
 *     θ ← argmin −mean_i w_i log π_θ(a_i|s_i)                     by L-BFGS, max_opt_itr iterations
 * </pre>
 *
 * <p>One deliberate difference from rllab: by default the dual's features leave out rllab's time features. With
 * them, and φ = 0 after a terminal step, the dual is unbounded below on any batch of terminating episodes
 * (v = K·(c·1 − t/100) with c above every episode's length/100 makes every δ_i → −∞ as K grows), so η collapses
 * to 0 and all the weight lands on one sample (observed on CartPole-v1: η ≈ 1e-307, no learning). Without them
 * REPS learns CartPole (a 10-episode mean of about 190 within 100k steps, seed 1). {@code --set time_features=true}
 * restores rllab's features.
 *
 * <p>Both minimisations use L-BFGS (rllab: scipy's, 50 iterations); η stays positive by optimising log η (rllab
 * bounds η below by 1e-12 instead), from η = 15 and v = 0 every iteration as rllab. No baseline. Same policy and
 * sampler as TRPO (Gaussian samples clipped to the box only for the env).
 */
public record Reps(Args args) implements Policies.Trainer {
    public record Args(
            @Arg(value = "5000", doc = "environment steps per iteration (whole episodes)", range = "[1, 1e9]") int batchSize,
            @Arg(value = "0.5", doc = "KL bound ε between the sample distribution and the reweighted one", range = "(0, 100]") double epsilon,
            @Arg(value = "0.0", doc = "penalty l2·(η² + 1/η²) on the dual's temperature (rllab's L2_reg_dual; keeps η from collapsing)", range = "[0, 1e6]")
            double l2RegDual,
            @Arg(value = "false", doc = "include rllab's time features t/100, (t/100)², (t/100)³ in the dual's features (rllab: yes; see the class comment)")
            boolean timeFeatures,
            @Arg(value = "50", doc = "L-BFGS iterations for the dual and for the policy fit", range = "[1, 1e6]") int maxOptItr,
            @Arg(value = "32,32", doc = "policy hidden layers (rllab locomotion: 100,50,25)", range = "[1, 65536]") int[] hiddenSizes,
            @Arg(value = "tanh", doc = "hidden activation") Mlp.Activation activation,
            @Arg(value = "1.0", doc = "initial std of a Gaussian policy", range = "(0, 1e6]") double initStd) implements Policies.Settings {}

    public static final AlgorithmSpec<Args> SPEC = new AlgorithmSpec<>("reps",
            "Relative entropy policy search: KL-bounded reweighting by the dual, weighted L-BFGS policy fit (rllab)",
            Args.class, 1_000_000L, AlgorithmSpec::discreteOrBox, Reps::new);

    static final double CLIP = 10;
    static final double INITIAL_ETA = 15;

    /** rllab's REPS state features [o, o², t/100, (t/100)², (t/100)³, 1] at out[off ..] (t = 0 drops the time terms). */
    static void features(double[] obs, int obsOff, int obsDim, int t, double[] out, int off) {
        for (int j = 0; j < obsDim; j++) {
            double o = Math.max(-CLIP, Math.min(CLIP, obs[obsOff + j]));
            out[off + j] = o;
            out[off + obsDim + j] = o * o;
        }
        double al = t / 100.0;
        out[off + 2 * obsDim] = al;
        out[off + 2 * obsDim + 1] = al * al;
        out[off + 2 * obsDim + 2] = al * al * al;
        out[off + 2 * obsDim + 3] = 1;
    }

    /**
     * The dual g(η, v) = η ε + η log mean exp(δ/η) (+ l2·(η² + 1/η²)) with δ = r + Δφ·v, over x = [v | log η];
     * writes its gradient.
     * Computed with the maximum subtracted so that exp does not overflow.
     */
    static double dual(double[] x, double[] grad, double[] rewards, double[] featDiff, int n, int f, double epsilon,
                       double l2, double[] delta) {
        double eta = Math.exp(x[f]);
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            double d = rewards[i];
            for (int k = 0; k < f; k++) d += featDiff[i * f + k] * x[k];
            delta[i] = d;
            max = Math.max(max, d / eta);
        }
        double sum = 0;
        for (int i = 0; i < n; i++) sum += Math.exp(delta[i] / eta - max);
        double logMeanExp = Math.log(sum / n) + max;
        Arrays.fill(grad, 0.0);
        double weightedDelta = 0;
        for (int i = 0; i < n; i++) {
            double p = Math.exp(delta[i] / eta - max) / sum; // softmax weight
            for (int k = 0; k < f; k++) grad[k] += p * featDiff[i * f + k];
            weightedDelta += p * delta[i];
        }
        double dEta = epsilon + logMeanExp - weightedDelta / eta;
        grad[f] = eta * dEta + l2 * (2 * eta * eta - 2 / (eta * eta)); // d/d log η
        return eta * epsilon + eta * logMeanExp + l2 * (eta * eta + 1 / (eta * eta));
    }

    @Override
    public void train(Run run) throws IOException {
        PathSampler sampler = new PathSampler(run);
        StochasticPolicy policy = run.track("policy", Policies.rllab(run, sampler, args.hiddenSizes(), args.activation(), args.initStd()));
        int obsDim = sampler.obsDim;
        int f = 2 * obsDim + 4;
        boolean timeFeatures = args.timeFeatures();
        double epsilon = args.epsilon();
        double l2 = args.l2RegDual();
        int maxItr = args.maxOptItr();

        while (!run.budgetExhausted()) {
            sampler.sample(policy, args.batchSize());
            int n = sampler.size;

            // Feature differences along each path (zero features after the path's last step).
            double[] featDiff = new double[n * f];
            double[] next = new double[f];
            for (int e = 0; e < sampler.episodes; e++) {
                Arrays.fill(next, 0.0);
                for (int i = sampler.episodeStart[e + 1] - 1; i >= sampler.episodeStart[e]; i--) {
                    features(sampler.obs, i * obsDim, obsDim, timeFeatures ? sampler.t[i] : 0, featDiff, i * f);
                    for (int k = 0; k < f; k++) {
                        double here = featDiff[i * f + k];
                        featDiff[i * f + k] = next[k] - here;
                        next[k] = here;
                    }
                }
            }

            // The dual: temperature η and value weights v.
            double[] x = new double[f + 1];
            x[f] = Math.log(INITIAL_ETA);
            double[] delta = new double[n];
            double[] scratch = new double[f + 1];
            double dualBefore = dual(x, scratch, sampler.rewards, featDiff, n, f, epsilon, l2, delta);
            double dualAfter = Lbfgs.minimize((p, g) -> dual(p, g, sampler.rewards, featDiff, n, f, epsilon, l2, delta), x, maxItr, 10);
            dual(x, scratch, sampler.rewards, featDiff, n, f, epsilon, l2, delta); // δ at the optimum
            double eta = Math.exp(x[f]);
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) max = Math.max(max, delta[i] / eta);
            double[] w = new double[n];
            for (int i = 0; i < n; i++) w[i] = Math.exp(delta[i] / eta - max);

            // Weighted maximum likelihood for the policy.
            WeightedMaximumLikelihood.Fit fit = WeightedMaximumLikelihood.fit(policy, sampler.obs, sampler.actions, w, n, maxItr);

            Map<String, Double> diag = new LinkedHashMap<>();
            diag.put("DualBefore", dualBefore);
            diag.put("DualAfter", dualAfter);
            diag.put("Eta", eta);
            diag.put("LossBefore", fit.lossBefore());
            diag.put("LossAfter", fit.lossAfter());
            diag.put("MeanKL", fit.meanKl());
            run.endIteration(diag);
        }
    }
}
