package io.gauntlet.algorithms;

import io.gauntlet.core.BadInputException;
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
public final class Cem implements Algorithm {
    public static final List<Param> PARAMS = List.of(
            new Param("n_samples", 20, "parameter vectors drawn per iteration"),
            new Param("best_frac", 0.2, "fraction of the samples kept to refit the Gaussian"),
            new Param("init_std", 1.0, "initial std of the search distribution (per coordinate)"),
            new Param("extra_std", 1.0, "std of the extra exploration noise"),
            new Param("extra_decay_time", 100, "iterations over which the extra noise decays linearly to 0"),
            new Param("n_evals", 1, "episodes per sample (its score is their mean return)"),
            new Param("hidden_sizes", new int[] {32, 32}, "policy hidden layers"),
            new Param("activation", "tanh", "hidden activation: tanh or relu"));

    public static final AlgorithmSpec SPEC = new AlgorithmSpec("cem",
            "Cross-entropy method over the policy parameters: refit a diagonal Gaussian to the best samples (rllab)",
            PARAMS, 1_000_000L, s -> s instanceof Discrete || s instanceof Box, Cem::new);

    private final Hyperparameters hp;

    public Cem(Hyperparameters hp) {
        this.hp = hp;
        if (hp.getInt("n_samples") < 2) throw new BadInputException("parameter 'n_samples' must be at least 2");
        double f = hp.getDouble("best_frac");
        if (!(f > 0 && f <= 1)) throw new BadInputException("parameter 'best_frac' must be in (0, 1], got " + f);
        if (hp.getInt("n_evals") < 1) throw new BadInputException("parameter 'n_evals' must be positive");
    }

    /** The search distribution: a diagonal Gaussian refitted to the elite samples. */
    static final class Search {
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
    }

    @Override
    public void train(Run run) throws IOException {
        Env env = run.makeEnv();
        EnvCheckpoint.restore(run, env);
        StochasticPolicy policy = Policies.stochastic("cem", env.observationSpace().flatDim(), env.actionSpace(),
                hp.getInts("hidden_sizes"), Policies.activation(hp.getString("activation")), 1.0);
        Init.xavierUniform(Policies.mlp(policy), run.rng("init"), 1.0);
        Search search = new Search(policy.params(), hp.getDouble("init_std"), hp.getDouble("extra_std"), hp.getInt("extra_decay_time"));
        Rng sampleRng = run.rng("search");
        Rng policyRng = run.rng("policy");
        Rng envSeeds = run.rng("env");
        run.resumeState().ifPresent(s -> {
            System.arraycopy(s.doubles("mean"), 0, search.mean, 0, search.mean.length);
            System.arraycopy(s.doubles("std"), 0, search.std, 0, search.std.length);
            search.iteration = (int) s.getLong("iteration");
            sampleRng.setState(s.longs("rng.search"));
            policyRng.setState(s.longs("rng.policy"));
            envSeeds.setState(s.longs("rng.env"));
        });
        PathSampler sampler = new PathSampler(env);
        int n = hp.getInt("n_samples");
        int elite = Math.max(1, (int) Math.round(n * hp.getDouble("best_frac")));
        int evals = hp.getInt("n_evals");

        while (!run.budgetExhausted()) {
            double[][] xs = search.sample(sampleRng, n);
            double[] scores = new double[n];
            for (int i = 0; i < n; i++) {
                policy.setParams(xs[i]);
                sampler.clear();
                double total = 0;
                for (int e = 0; e < evals; e++) total += sampler.runEpisode(policy, policyRng, envSeeds, run);
                run.addEnvSteps(sampler.size);
                scores[i] = total / evals;
            }
            search.update(xs, scores, elite);
            policy.setParams(search.mean);

            double best = Double.NEGATIVE_INFINITY, meanStd = 0;
            for (double s : scores) best = Math.max(best, s);
            for (double s : search.std) meanStd += s / search.std.length;
            Map<String, Double> diag = new LinkedHashMap<>();
            diag.put("BestSampleReturn", best);
            diag.put("AverageSearchStd", meanStd);
            run.endIteration(diag, EnvCheckpoint.save(new TrainingState()
                    .putDoubles("mean", search.mean)
                    .putDoubles("std", search.std)
                    .putLong("iteration", search.iteration)
                    .putLongs("rng.search", sampleRng.state())
                    .putLongs("rng.policy", policyRng.state())
                    .putLongs("rng.env", envSeeds.state()), env));
        }
    }

    /** The search distribution's mean: the policy CEM acts with at the end of every iteration. */
    @Override
    public StochasticPolicy policy(Env env, TrainingState checkpoint) {
        return Policies.restore("cem", env, hp, 1.0, checkpoint.doubles("mean"));
    }
}
