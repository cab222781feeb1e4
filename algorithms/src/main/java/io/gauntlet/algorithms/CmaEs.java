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
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.SimpleBounds;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.CMAESOptimizer;
import org.apache.commons.math3.random.MersenneTwister;

/**
 * CMA-ES (Hansen and Ostermeier 2001) over the policy's flat parameters, with Apache Commons Math 3's
 * {@link CMAESOptimizer} (full covariance adaptation, as rllab's CMA-ES column).
 *
 * <pre>
 * m = initial policy parameters, σ = init_std
 * repeat until the step budget is spent:
 *     CMA-ES generation: λ candidates θ_i ~ m + σ N(0, C), each scored by its mean return over n_evals episodes;
 *     m, σ, C adapted from the ranked candidates (Commons Math)
 *     every λ evaluations: one progress row
 *     (if Commons Math's own stopping rules end the optimisation early, it restarts from the best point)
 * </pre>
 *
 * Full covariance costs O(n²) memory and O(n³) per eigendecomposition in the number of parameters, so the default
 * policy is small (one hidden layer of 8 units: 58 parameters on CartPole). Commons Math's optimiser state is
 * private, so the checkpoint holds the best parameters found and the random streams: a resumed run restarts
 * CMA-ES from that point (not bit-identical to an uninterrupted run). Commons Math draws its samples from a
 * MersenneTwister seeded from the run seed ("cmaes"), so runs are reproducible.
 */
public final class CmaEs implements Algorithm {
    public static final List<Param> PARAMS = List.of(
            new Param("population_size", 0, "λ, candidates per generation (0: Hansen's default 4 + ⌊3 ln n⌋)"),
            new Param("init_std", 1.0, "initial step size σ"),
            new Param("n_evals", 1, "episodes per candidate (its score is their mean return)"),
            new Param("hidden_sizes", new int[] {8}, "policy hidden layers (small: full covariance is O(n²))"),
            new Param("activation", "tanh", "hidden activation: tanh or relu"));

    public static final AlgorithmSpec SPEC = new AlgorithmSpec("cmaes",
            "CMA-ES over the policy parameters (Commons Math 3's CMAESOptimizer, full covariance)",
            PARAMS, 1_000_000L, s -> s instanceof Discrete || s instanceof Box, CmaEs::new);

    private final Hyperparameters hp;

    public CmaEs(Hyperparameters hp) {
        this.hp = hp;
        if (hp.getInt("population_size") < 0) throw new BadInputException("parameter 'population_size' must be ≥ 0");
        if (!(hp.getDouble("init_std") > 0)) throw new BadInputException("parameter 'init_std' must be positive");
        if (hp.getInt("n_evals") < 1) throw new BadInputException("parameter 'n_evals' must be positive");
    }

    /** Thrown from inside the objective to stop Commons Math's loop when the budget is spent. */
    private static final class BudgetSpent extends RuntimeException {
        BudgetSpent() {
            super(null, null, false, false);
        }
    }

    static int defaultPopulation(int n) {
        return 4 + (int) Math.floor(3 * Math.log(n));
    }

    /**
     * Maximises {@code objective} from {@code start} with step size {@code sigma} and population {@code lambda}
     * for at most {@code maxEvaluations} evaluations (or until Commons Math's stopping rules fire); returns the
     * best point. The objective may throw to stop early.
     */
    static double[] maximize(ToDoubleFunction<double[]> objective, double[] start, double sigma, int lambda,
                             int maxEvaluations, long seed) {
        double[] sigmas = new double[start.length];
        Arrays.fill(sigmas, sigma);
        CMAESOptimizer optimizer = new CMAESOptimizer(Integer.MAX_VALUE, 0.0, true, 0, 0, // stopFitness 0: off
                new MersenneTwister(seed), false, null);
        return optimizer.optimize(
                new MaxEval(maxEvaluations),
                new ObjectiveFunction(objective::applyAsDouble),
                GoalType.MAXIMIZE,
                new InitialGuess(start),
                SimpleBounds.unbounded(start.length),
                new CMAESOptimizer.Sigma(sigmas),
                new CMAESOptimizer.PopulationSize(lambda)).getPoint();
    }

    @Override
    public void train(Run run) throws IOException {
        Env env = run.makeEnv();
        EnvCheckpoint.restore(run, env);
        StochasticPolicy policy = Policies.stochastic("cmaes", env.observationSpace().flatDim(), env.actionSpace(),
                hp.getInts("hidden_sizes"), Policies.activation(hp.getString("activation")), 1.0);
        Init.xavierUniform(Policies.mlp(policy), run.rng("init"), 1.0);
        Rng policyRng = run.rng("policy");
        Rng envSeeds = run.rng("env");
        Rng restartSeeds = run.rng("cmaes");
        double[] best = policy.params().clone();
        double[] bestScore = {Double.NEGATIVE_INFINITY};
        run.resumeState().ifPresent(s -> {
            System.arraycopy(s.doubles("best"), 0, best, 0, best.length);
            bestScore[0] = s.doubles("bestScore")[0];
            policyRng.setState(s.longs("rng.policy"));
            envSeeds.setState(s.longs("rng.env"));
            restartSeeds.setState(s.longs("rng.cmaes"));
        });
        int n = best.length;
        int lambda = hp.getInt("population_size") > 0 ? hp.getInt("population_size") : defaultPopulation(n);
        int evals = hp.getInt("n_evals");
        PathSampler sampler = new PathSampler(env);
        double[] generation = new double[lambda];
        int[] inGeneration = {0};

        ToDoubleFunction<double[]> objective = theta -> {
            if (run.budgetExhausted()) throw new BudgetSpent();
            policy.setParams(theta);
            sampler.clear();
            double total = 0;
            for (int e = 0; e < evals; e++) total += sampler.runEpisode(policy, policyRng, envSeeds, run);
            run.addEnvSteps(sampler.size);
            double score = total / evals;
            if (score > bestScore[0]) {
                bestScore[0] = score;
                System.arraycopy(theta, 0, best, 0, n);
            }
            generation[inGeneration[0]++] = score;
            if (inGeneration[0] == lambda) {
                inGeneration[0] = 0;
                double genBest = Double.NEGATIVE_INFINITY;
                for (double s : generation) genBest = Math.max(genBest, s);
                Map<String, Double> diag = new LinkedHashMap<>();
                diag.put("BestSampleReturn", genBest);
                diag.put("BestReturnSoFar", bestScore[0]);
                try {
                    run.endIteration(diag, EnvCheckpoint.save(new TrainingState()
                            .putDoubles("best", best)
                            .putDoubles("bestScore", new double[] {bestScore[0]})
                            .putLongs("rng.policy", policyRng.state())
                            .putLongs("rng.env", envSeeds.state())
                            .putLongs("rng.cmaes", restartSeeds.state()), env));
                } catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            }
            return score;
        };

        try {
            while (!run.budgetExhausted()) {
                maximize(objective, best.clone(), hp.getDouble("init_std"), lambda, Integer.MAX_VALUE, restartSeeds.nextLong());
                run.log("cmaes: Commons Math's stopping rules ended a run; restarting from the best point");
            }
        } catch (BudgetSpent done) {
            // the budget is spent: the last partial generation is not reported
        } catch (UncheckedIOException ex) {
            throw ex.getCause();
        }
        policy.setParams(best);
    }

    /** The best candidate found: the policy CMA-ES ends training with. */
    @Override
    public StochasticPolicy policy(Env env, TrainingState checkpoint) {
        return Policies.restore("cmaes", env, hp, 1.0, checkpoint.doubles("best"));
    }
}
