package io.gauntlet.benchmarks.jmh;

import io.gauntlet.algorithms.Gae;
import io.gauntlet.algorithms.Ppo;
import io.gauntlet.core.distributions.Distribution;
import io.gauntlet.core.nn.Init;
import io.gauntlet.core.nn.Mlp;
import io.gauntlet.core.policy.CategoricalMlpPolicy;
import io.gauntlet.core.policy.FisherVectorProduct;
import io.gauntlet.core.policy.GaussianMlpPolicy;
import io.gauntlet.core.policy.StochasticPolicy;
import io.gauntlet.core.random.Rng;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The hot parts of the algorithms, at the sizes the references use:
 * <ul>
 *   <li>{@code ppoMinibatch}: one PPO gradient step's loss work on a 128-row CartPole minibatch (CleanRL's
 *       4 × 128 / 4): clipped policy loss + value loss, forward and backward through 4-64-64-2 and 4-64-64-1.
 *       PPO on CartPole 500k does 15,616 of them (976 updates × 4 epochs × 4 minibatches), plus rollouts;</li>
 *   <li>{@code gae}: GAE over one CleanRL CartPole batch (128 steps × 4 envs);</li>
 *   <li>{@code fisherVectorProduct}: one exact Fisher-vector product (core's FisherVectorProduct) on a 5,000-row TRPO batch, categorical
 *       4-32-32-2 (rllab's basic-task policy) and Gaussian 17-100-50-25-6 (rllab's locomotion policy); TRPO
 *       calls it 11 times per iteration (10 CG steps + the step scaling).</li>
 * </ul>
 * Run (after {@code ./mvnw -q -B -DskipTests package}), briefly on a shared machine:
 * <pre>
 * java -cp "benchmarks/target/classes:$(cat benchmarks/cp.txt)" org.openjdk.jmh.Main AlgorithmBenchmark -wi 2 -i 3 -f 1
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AlgorithmBenchmark extends ShortRuns {

    @State(Scope.Thread)
    public static class PpoState {
        final int n = 128;
        CategoricalMlpPolicy policy;
        Mlp critic;
        double[] obs, actions, oldLogProbs, adv, returns, oldValues, dDist, dValue;

        @Setup(Level.Trial)
        public void setUp() {
            Rng rng = new Rng(1);
            policy = new CategoricalMlpPolicy(4, 2, new int[] {64, 64}, Mlp.Activation.TANH);
            critic = new Mlp(new int[] {4, 64, 64, 1}, Mlp.Activation.TANH);
            Init.orthogonal(policy.mlp(), rng, Math.sqrt(2), 0.01);
            Init.orthogonal(critic, rng, Math.sqrt(2), 1.0);
            obs = gaussian(rng, n * 4);
            actions = new double[n];
            oldLogProbs = new double[n];
            Distribution d = policy.distribution();
            double[] p = policy.distributionParams(obs, n);
            for (int i = 0; i < n; i++) {
                actions[i] = rng.nextInt(2);
                oldLogProbs[i] = d.logProb(p, 2 * i, actions, i) + 0.1 * rng.nextGaussian();
            }
            adv = gaussian(rng, n);
            returns = gaussian(rng, n);
            oldValues = gaussian(rng, n);
            dDist = new double[2 * n];
            dValue = new double[n];
        }
    }

    @Benchmark
    public double ppoMinibatch(PpoState s) {
        s.policy.zeroGradients();
        s.critic.zeroGradients();
        Ppo.LossStats stats = Ppo.policyLoss(s.policy, s.obs, s.actions, s.oldLogProbs, s.adv, s.n, 0.2, 0.01, s.dDist);
        return stats.total(0.01) + Ppo.valueLoss(s.critic, s.obs, s.returns, s.oldValues, s.n, 0.2, true, 0.5, s.dValue);
    }

    @State(Scope.Thread)
    public static class GaeState {
        final int steps = 128, envs = 4;
        double[] rewards, values, nextValues, advantages, returns;
        boolean[] terminated, done;

        @Setup(Level.Trial)
        public void setUp() {
            Rng rng = new Rng(2);
            int n = steps * envs;
            rewards = gaussian(rng, n);
            values = gaussian(rng, n);
            nextValues = gaussian(rng, n);
            advantages = new double[n];
            returns = new double[n];
            terminated = new boolean[n];
            done = new boolean[n];
            for (int i = 0; i < n; i++) {
                done[i] = rng.nextDouble() < 0.02;
                terminated[i] = done[i] && rng.nextDouble() < 0.9;
            }
        }
    }

    @Benchmark
    public double[] gae(GaeState s) {
        Gae.compute(s.steps, s.envs, 0.99, 0.95, s.rewards, s.values, s.nextValues, s.terminated, s.done, s.advantages, s.returns);
        return s.advantages;
    }

    @State(Scope.Thread)
    public static class FvpState {
        @Param({"categorical-4-32-32-2", "gaussian-17-100-50-25-6"})
        public String policy;

        final int n = 5000;
        FisherVectorProduct fvp;
        double[] dist, v, out;

        @Setup(Level.Trial)
        public void setUp() {
            Rng rng = new Rng(3);
            StochasticPolicy p;
            int obsDim;
            if (policy.startsWith("categorical")) {
                CategoricalMlpPolicy c = new CategoricalMlpPolicy(4, 2, new int[] {32, 32}, Mlp.Activation.TANH);
                Init.xavierUniform(c.mlp(), rng, 1.0);
                p = c;
                obsDim = 4;
            } else {
                GaussianMlpPolicy g = new GaussianMlpPolicy(17, 6, new int[] {100, 50, 25}, Mlp.Activation.TANH);
                Init.xavierUniform(g.mlp(), rng, 1.0);
                p = g;
                obsDim = 17;
            }
            dist = p.distributionParams(gaussian(rng, n * obsDim), n).clone();
            fvp = new FisherVectorProduct(p);
            v = gaussian(rng, p.numParams());
            out = new double[p.numParams()];
        }
    }

    @Benchmark
    public double[] fisherVectorProduct(FvpState s) {
        s.fvp.apply(s.dist, s.n, s.v, s.out);
        return s.out;
    }

    static double[] gaussian(Rng rng, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = rng.nextGaussian();
        return x;
    }
}
