package io.gauntlet.algorithms;

import io.gauntlet.core.BadInputException;
import io.gauntlet.core.env.Box;
import io.gauntlet.core.env.Env;
import io.gauntlet.core.env.Discrete;
import io.gauntlet.core.env.Space;
import io.gauntlet.core.nn.Mlp;
import io.gauntlet.core.policy.CategoricalMlpPolicy;
import io.gauntlet.core.policy.GaussianMlpPolicy;
import io.gauntlet.core.policy.StochasticPolicy;

/** The stochastic policy a batch algorithm uses for an action space: categorical for Discrete, Gaussian for Box. */
final class Policies {
    private Policies() {}

    static StochasticPolicy stochastic(String algo, int obsDim, Space actionSpace, int[] hidden, Mlp.Activation act, double initStd) {
        if (actionSpace instanceof Discrete d) return new CategoricalMlpPolicy(obsDim, d.n(), hidden, act);
        if (actionSpace instanceof Box b) return new GaussianMlpPolicy(obsDim, b.dim(), hidden, act, initStd);
        throw new BadInputException(algo + " does not support the action space " + actionSpace.describe());
    }

    /** The stochastic MLP policy of a batch algorithm's checkpoint, rebuilt for {@code env} from the saved parameters. */
    static StochasticPolicy restore(String algo, Env env, io.gauntlet.core.experiment.Hyperparameters hp, double initStd, double[] params) {
        StochasticPolicy p = stochastic(algo, env.observationSpace().flatDim(), env.actionSpace(), hp.getInts("hidden_sizes"),
                activation(hp.getString("activation")), initStd);
        p.setParams(params);
        return p;
    }

    /** The MLP inside a policy made by {@link #stochastic}. */
    static Mlp mlp(StochasticPolicy p) {
        return p instanceof CategoricalMlpPolicy c ? c.mlp() : ((GaussianMlpPolicy) p).mlp();
    }

    static Mlp.Activation activation(String name) {
        return switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "tanh" -> Mlp.Activation.TANH;
            case "relu" -> Mlp.Activation.RELU;
            default -> throw new BadInputException("unknown activation '" + name + "' (known: tanh, relu)");
        };
    }
}
