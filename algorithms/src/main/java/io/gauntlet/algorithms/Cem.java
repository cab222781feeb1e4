package io.gauntlet.algorithms;

import io.gauntlet.core.Stateful;
import io.gauntlet.core.args.Arg;
import io.gauntlet.core.env.Env;
import io.gauntlet.core.experiment.Algorithm;
import io.gauntlet.core.experiment.AlgorithmSpec;
import io.gauntlet.core.experiment.Run;
import io.gauntlet.core.experiment.TrainingState;
import io.gauntlet.core.nn.Mlp;
import io.gauntlet.core.policy.StochasticPolicy;
import io.gauntlet.core.random.Rng;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The cross-entropy method over the policy's flat parameters, as rllab's CEM.
 *
 * <pre>
 * μ = initial policy parameters, σ = init_std (per coordinate)
 * for each iteration k:
 *     s = sqrt(σ² + extra_std² · max(1 − k / extra_decay_time, 0))      (extra noise, decaying: no early collapse)
 *     draw n_samples parameter vectors θ_i ~ N(μ, diag(s²)); score each by its mean return over n_evals episodes
 *     keep the best best_frac of them; μ, σ ← their per-coordinate mean and std
 * </pre>
 *
 * The policy is the same stochastic MLP as the batch methods (categorical or Gaussian; Gaussian samples are
 * clipped to the action box on their way to the env); episodes are seeded from the stream "env".
 */
public record Cem(Args args) implements Algorithm {
    public record Args(
            @Arg(value = "20", doc = "parameter vectors drawn per iteration", range = "[2, 1e6]") int nSamples,
            @Arg(value = "0.2", doc = "fraction of the samples kept to refit the Gaussian", range = "(0, 1]") double bestFrac,
            @Arg(value = "1.0", doc = "initial std of the search distribution (per coordinate)", range = "(0, 1e6]") double initStd,
            @Arg(value = "1.0", doc = "std of the extra exploration noise", range = "[0, 1e6]") double extraStd,
            @Arg(value = "100", doc = "iterations over which the extra noise decays linearly to 0", range = "[1, 1e9]") int extraDecayTime,
            @Arg(value = "1", doc = "episodes per sample (its score is their mean return)", range = "[1, 1e6]") int nEvals,
            @Arg(value = "32,32", doc = "policy hidden layers", range = "[1, 65536]") int[] hiddenSizes,
            @Arg(value = "tanh", doc = "hidden activation") Mlp.Activation activation) {}

    public static final AlgorithmSpec<Args> SPEC = new AlgorithmSpec<>("cem",
            "Cross-entropy method over the policy parameters: refit a diagonal Gaussian to the best samples (rllab)",
            Args.class, 1_000_000L, AlgorithmSpec::discreteOrBox, Cem::new);

    /** The search distribution: a diagonal Gaussian refitted to the elite samples. */
    static final class Search implements Stateful {
        final double[] mean;
        final double[] std;
        final double extraStd;
        final int extraDecayTime;
        int iteration;

        Search(double[] mean, double initStd, double extraStd, int extraDecayTime) {
            this.mean = mean.clone();
            this.std = new double[mean.length];
            Arrays.fill(std, initStd);
            this.extraStd = extraStd;
            this.extraDecayTime = extraDecayTime;
        }

        /** Draws the iteration's population (n × dim, row-major). */
        double[][] sample(Rng rng, int n) {
            double extraVar = extraStd * extraStd * Math.max(1.0 - (double) iteration / extraDecayTime, 0);
            double[][] xs = new double[n][mean.length];
            for (double[] x : xs) {
                for (int j = 0; j < mean.length; j++) x[j] = mean[j] + Math.sqrt(std[j] * std[j] + extraVar) * rng.nextGaussian();
            }
            return xs;
        }

        /** Refits mean and std to the {@code elite} best-scoring samples (higher is better). */
        void update(double[][] xs, double[] scores, int elite) {
            Integer[] order = new Integer[xs.length];
            for (int i = 0; i < order.length; i++) order[i] = i;
            Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a])); // stable: ties keep sample order
            for (int j = 0; j < mean.length; j++) {
                double m = 0;
                for (int e = 0; e < elite; e++) m += xs[order[e]][j];
                m /= elite;
                double v = 0;
                for (int e = 0; e < elite; e++) v += (xs[order[e]][j] - m) * (xs[order[e]][j] - m);
                mean[j] = m;
                std[j] = Math.sqrt(v / elite);
            }
            iteration++;
        }

        /** [iteration, mean, std]. */
        @Override
        public double[] snapshot() {
            return Stateful.counted(iteration, mean, std);
        }

        @Override
        public void restore(double[] s) {
            iteration = (int) Stateful.splitCounted(s, mean, std);
        }
    }

    @Override
    public void train(Run run) throws IOException {
        PathSampler sampler = new PathSampler(run);
        StochasticPolicy policy = Policies.rllab(run, sampler, args.hiddenSizes(), args.activation(), 1.0);
        Search search = run.track("search", new Search(policy.params(), args.initStd(), args.extraStd(), args.extraDecayTime()));
        Rng sampleRng = run.rng("search");
        int n = args.nSamples();
        int elite = Math.max(1, (int) Math.round(n * args.bestFrac()));
        int evals = args.nEvals();

        while (!run.budgetExhausted()) {
            double[][] xs = search.sample(sampleRng, n);
            double[] scores = new double[n];
            for (int i = 0; i < n; i++) {
                policy.setParams(xs[i]);
                scores[i] = sampler.meanReturn(policy, evals);
            }
            search.update(xs, scores, elite);
            policy.setParams(search.mean);

            double best = Double.NEGATIVE_INFINITY, meanStd = 0;
            for (double s : scores) best = Math.max(best, s);
            for (double s : search.std) meanStd += s / search.std.length;
            Map<String, Double> diag = new LinkedHashMap<>();
            diag.put("BestSampleReturn", best);
            diag.put("AverageSearchStd", meanStd);
            run.endIteration(diag);
        }
    }

    /** The search distribution's mean: the policy CEM acts with at the end of every iteration. */
    @Override
    public StochasticPolicy policy(Env env, TrainingState checkpoint) {
        StochasticPolicy p = Policies.stochastic(env.observationSpace().flatDim(), env.actionSpace(), args.hiddenSizes(), args.activation(), 1.0);
        Search search = checkpoint.restore("search", new Search(p.params(), args.initStd(), args.extraStd(), args.extraDecayTime()));
        p.setParams(search.mean);
        return p;
    }
}
