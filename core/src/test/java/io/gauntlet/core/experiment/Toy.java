package io.gauntlet.core.experiment;

import io.gauntlet.core.env.Box;
import io.gauntlet.core.env.Discrete;
import io.gauntlet.core.env.Env;
import io.gauntlet.core.env.Snapshot;
import io.gauntlet.core.env.EnvSpec;
import io.gauntlet.core.env.Space;
import io.gauntlet.core.env.Step;
import io.gauntlet.core.random.Rng;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A tiny task and learner for harness tests: deterministic from the seed, cheap, and able to crash on cue. */
final class Toy {
    private Toy() {}

    /** Action 1 earns reward 1 with probability 0.8, action 0 with 0.2; episodes end at random (p = 0.1). */
    static final class CoinEnv implements Env {
        private final Rng rng = new Rng(0);
        private final Box obs = Box.uniform(1, 0, 1);
        private final Discrete act = new Discrete(2);
        private int t;

        public Space observationSpace() { return obs; }
        public Space actionSpace() { return act; }
        public void reset(long seed, Step out) { rng.setSeed(seed); reset(out); }
        public void reset(Step out) { out.clearOutcome(); t = 0; out.observation[0] = 0; }
        public void step(double[] action, Step out) {
            double p = action[0] == 1 ? 0.8 : 0.2;
            out.reward = rng.nextDouble() < p ? 1 : 0;
            t++;
            out.observation[0] = Math.min(1, t / 100.0);
            out.terminated = rng.nextDouble() < 0.1;
            out.truncated = !out.terminated && t >= 50;
        }
        public double[] state() { return new double[] {t}; }
        public void setState(double[] state, Step out) { t = (int) state[0]; }
        public double[] snapshot() { return Snapshot.writer("Coin", 1 + Snapshot.RNG).putInt(t).put(rng).finish(); }
        public void restore(double[] snapshot, Step out) {
            Snapshot.Reader r = Snapshot.reader("Coin", snapshot, 1 + Snapshot.RNG);
            t = r.getInt();
            r.get(rng);
            out.clearOutcome();
            out.observation[0] = Math.min(1, t / 100.0);
        }
    }

    static final EnvSpec ENV = new EnvSpec("Coin-v0", "two-armed coin", 50, CoinEnv::new);

    static final List<Param> PARAMS = List.of(
            new Param("batch_size", 200, "steps per iteration"),
            new Param("lr", 0.05, "learning rate"),
            new Param("checkpoint_every", 1, "checkpoint every n-th iteration"),
            Param.resource("workers", 1, "threads the toy may use (its results do not depend on them)"));

    /** The learner; {@code crashAfter} iterations of this attempt end it with an exception (0: never). */
    static AlgorithmSpec algorithm(int crashAfter) {
        return new AlgorithmSpec("toy", "logistic bandit learner", PARAMS, 2000, s -> s instanceof Discrete,
                hp -> new Learner(hp, crashAfter));
    }

    static RunConfig config(long seed, long steps, Map<String, String> overrides, int crashAfter) {
        AlgorithmSpec a = algorithm(crashAfter);
        return new RunConfig(ENV, a, new Hyperparameters(a.params(), overrides), seed, steps);
    }

    static final class Learner implements Algorithm {
        private final Hyperparameters hp;
        private final int crashAfter;

        Learner(Hyperparameters hp, int crashAfter) {
            this.hp = hp;
            this.crashAfter = crashAfter;
        }

        @Override
        public void train(Run run) throws IOException {
            Env env = run.makeEnv();
            Step step = Step.of(env);
            Rng policy = run.rng("policy");
            double[] theta = {0};
            run.resumeState().ifPresent(s -> {
                policy.setState(s.longs("rng"));
                theta[0] = s.doubles("theta")[0];
            });
            int attempts = 0;
            double[] action = new double[1];
            while (!run.budgetExhausted()) {
                if (crashAfter > 0 && attempts == crashAfter) throw new IllegalStateException("simulated crash");
                env.reset(run.seedFor("env/" + run.iteration()), step);
                double p1 = 1 / (1 + Math.exp(-theta[0]));
                double grad = 0, ret = 0;
                int len = 0;
                int n = hp.getInt("batch_size");
                for (int t = 0; t < n; t++) {
                    action[0] = policy.nextDouble() < p1 ? 1 : 0;
                    env.step(action, step);
                    grad += step.reward * (action[0] - p1);
                    ret += step.reward;
                    len++;
                    if (step.done()) {
                        run.recordEpisode(ret, len);
                        ret = 0;
                        len = 0;
                        env.reset(step);
                    }
                }
                run.addEnvSteps(n);
                theta[0] += hp.getDouble("lr") * grad;
                Map<String, Double> d = new LinkedHashMap<>();
                d.put("Theta", theta[0]);
                d.put("P1", p1);
                boolean save = (run.iteration() + 1) % hp.getInt("checkpoint_every") == 0;
                run.endIteration(d, save ? new TrainingState().putLongs("rng", policy.state()).putDoubles("theta", theta) : null);
                attempts++;
            }
        }
    }
}
