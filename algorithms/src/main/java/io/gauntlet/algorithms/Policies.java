package io.gauntlet.algorithms;

import io.gauntlet.core.BadInputException;
import io.gauntlet.core.env.Box;
import io.gauntlet.core.env.Discrete;
import io.gauntlet.core.env.Env;
import io.gauntlet.core.env.Space;
import io.gauntlet.core.experiment.Algorithm;
import io.gauntlet.core.experiment.Run;
import io.gauntlet.core.experiment.TrainingState;
import io.gauntlet.core.nn.Init;
import io.gauntlet.core.nn.Mlp;
import io.gauntlet.core.policy.CategoricalMlpPolicy;
import io.gauntlet.core.policy.GaussianMlpPolicy;
import io.gauntlet.core.policy.StochasticPolicy;
import io.gauntlet.core.random.Rng;

/** The stochastic MLP policy an algorithm uses for an action space: categorical for Discrete, Gaussian for Box. */
final class Policies {
    private Policies() {}

    static StochasticPolicy stochastic(int obsDim, Space actionSpace, int[] hidden, Mlp.Activation act, double initStd) {
        if (actionSpace instanceof Discrete d) return new CategoricalMlpPolicy(obsDim, d.n(), hidden, act);
        if (actionSpace instanceof Box b) return new GaussianMlpPolicy(obsDim, b.dim(), hidden, act, initStd);
        throw new BadInputException("no stochastic policy for the action space " + actionSpace.describe());
    }

    /**
     * rllab's policy for the batch methods: {@link #stochastic}, weights Xavier-uniform and biases zero (Lasagne's
     * default), drawn from {@code init}.
     */
    static StochasticPolicy rllab(int obsDim, Space actionSpace, int[] hidden, Mlp.Activation act, double initStd, Rng init) {
        StochasticPolicy p = stochastic(obsDim, actionSpace, hidden, act, initStd);
        Init.xavierUniform(mlp(p), init, 1.0);
        return p;
    }

    /** {@link #rllab} for the task {@code sampler} samples, drawn from the run's stream "init". */
    static StochasticPolicy rllab(Run run, PathSampler sampler, int[] hidden, Mlp.Activation act, double initStd) {
        return rllab(sampler.obsDim, sampler.env.actionSpace(), hidden, act, initStd, run.rng("init"));
    }

    /** The stochastic policy whose parameters a checkpoint holds under {@code part}, acting in {@code env}. */
    static StochasticPolicy fromCheckpoint(Env env, TrainingState checkpoint, String part, int[] hidden, Mlp.Activation act,
            double initStd) {
        StochasticPolicy p = stochastic(env.observationSpace().flatDim(), env.actionSpace(), hidden, act, initStd);
        p.setParams(checkpoint.get(part));
        return p;
    }

    /** The settings of rllab's policy, as the Args of the batch methods name them. */
    interface Settings {
        int[] hiddenSizes();

        Mlp.Activation activation();

        double initStd();
    }

    /** A batch method that trains rllab's policy under the part "policy": the trained policy is that part, restored. */
    interface Trainer extends Algorithm {
        Settings args();

        @Override
        default StochasticPolicy policy(Env env, TrainingState checkpoint) {
            Settings s = args();
            return fromCheckpoint(env, checkpoint, "policy", s.hiddenSizes(), s.activation(), s.initStd());
        }
    }

    /** The MLP inside a policy made by {@link #stochastic}. */
    static Mlp mlp(StochasticPolicy p) {
        return p instanceof CategoricalMlpPolicy c ? c.mlp() : ((GaussianMlpPolicy) p).mlp();
    }

    /** rllab's diagnostic: the mean standard deviation of a Gaussian policy's actions (NaN for other policies). */
    static double averageStd(StochasticPolicy policy) {
        if (!(policy instanceof GaussianMlpPolicy g)) return Double.NaN;
        double s = 0;
        for (int j = 0; j < g.actionDim(); j++) s += Math.exp(g.params()[g.logStdOffset() + j]);
        return s / g.actionDim();
    }
}
