package io.gauntlet.algorithms;

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
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
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
 * CMA-ES from that point (not bit-identical to an uninterrupted run, the one algorithm of which that is true). Commons Math draws its samples from a
 * MersenneTwister seeded from the run seed ("cmaes"), so runs are reproducible.
 */
public record CmaEs(Args args) implements Algorithm {
    public record Args(
            @Arg(value = "0", doc = "λ, candidates per generation (0: Hansen's default 4 + ⌊3 ln n⌋)", range = "[0, 1e6]") int populationSize,
            @Arg(value = "1.0", doc = "initial step size σ", range = "(0, 1e6]") double initStd,
            @Arg(value = "1", doc = "episodes per candidate (its score is their mean return)", range = "[1, 1e6]") int nEvals,
            @Arg(value = "8", doc = "policy hidden layers (small: full covariance is O(n²))", range = "[1, 65536]") int[] hiddenSizes,
            @Arg(value = "tanh", doc = "hidden activation") Mlp.Activation activation) {}

    public static final AlgorithmSpec<Args> SPEC = new AlgorithmSpec<>("cmaes",
            "CMA-ES over the policy parameters (Commons Math 3's CMAESOptimizer, full covariance)",
            Args.class, 1_000_000L, AlgorithmSpec::discreteOrBox, CmaEs::new);

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
        PathSampler sampler = new PathSampler(run);
        StochasticPolicy policy = Policies.rllab(run, sampler, args.hiddenSizes(), args.activation(), 1.0);
        Rng restartSeeds = run.rng("cmaes");
        double[] best = run.track("best", policy.params().clone());
        double[] bestScore = run.track("bestScore", new double[] {Double.NEGATIVE_INFINITY});
        int n = best.length;
        int lambda = args.populationSize() > 0 ? args.populationSize() : defaultPopulation(n);
        int evals = args.nEvals();
        double[] generation = new double[lambda];
        int[] inGeneration = {0};

        ToDoubleFunction<double[]> objective = theta -> {
            if (run.budgetExhausted()) throw new BudgetSpent();
            policy.setParams(theta);
            double score = sampler.meanReturn(policy, evals);
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
                    run.endIteration(diag);
                } catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            }
            return score;
        };

        try {
            while (!run.budgetExhausted()) {
                maximize(objective, best.clone(), args.initStd(), lambda, Integer.MAX_VALUE, restartSeeds.nextLong());
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
        return Policies.fromCheckpoint(env, checkpoint, "best", args.hiddenSizes(), args.activation(), 1.0);
    }
}
