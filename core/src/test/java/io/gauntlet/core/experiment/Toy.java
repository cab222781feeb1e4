package io.gauntlet.core.experiment;

import io.gauntlet.core.args.Arg;
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

    /**
     * Three steps of coin flips weighing the action, then a cost (1 + the heads seen) that ends the episode as its
     * reward's negative and as its final diagnostic "Cost": a task whose final diagnostics describe the episode.
     */
    static final class PriceEnv implements Env {
        private final Rng rng = new Rng(0);
        private final Box obs = Box.uniform(1, 0, 1);
        private final Discrete act = new Discrete(2);
        private int t, heads;

        public Space observationSpace() { return obs; }
        public Space actionSpace() { return act; }
        public String[] diagnosticNames() { return new String[] {"Cost"}; }
        public boolean finalDiagnosticsDescribeEpisode() { return true; }
        public void reset(long seed, Step out) { rng.setSeed(seed); reset(out); }
        public void reset(Step out) { out.clearOutcome(); t = 0; heads = 0; out.observation[0] = 0; }
        public void step(double[] action, Step out) {
            if (rng.nextDouble() < (action[0] == 1 ? 0.2 : 0.8)) heads++;
            t++;
            out.observation[0] = t / 3.0;
            out.terminated = t == 3;
            out.reward = out.terminated ? -(1 + heads) : 0;
            out.diagnostics[0] = out.terminated ? 1 + heads : 0;
        }
        public double[] state() { return new double[] {t, heads}; }
        public void setState(double[] state, Step out) { t = (int) state[0]; heads = (int) state[1]; }
        public double[] snapshot() { return Snapshot.writer("Price", 2 + Snapshot.RNG).putInt(t).putInt(heads).put(rng).finish(); }
        public void restore(double[] snapshot, Step out) {
            Snapshot.Reader r = Snapshot.reader("Price", snapshot, 2 + Snapshot.RNG);
            t = r.getInt();
            heads = r.getInt();
            r.get(rng);
            out.clearOutcome();
            out.observation[0] = t / 3.0;
        }
    }

    static final EnvSpec PRICE = new EnvSpec("Price-v0", "three coins priced at the end", 0, PriceEnv::new);

    /** The toy learner's settings. */
    record Args(
            @Arg(value = "200", doc = "steps per iteration", range = "[1, inf)") int batchSize,
            @Arg(value = "0.05", doc = "learning rate", range = "(0, 10]") double lr,
            @Arg(value = "1", doc = "threads the toy may use (its results do not depend on them)", range = "[1, 8]", resource = true)
            int workers) {}

    /** The learner; {@code crashAfter} iterations of this attempt end it with an exception (0: never; −1: at once). */
    static AlgorithmSpec<Args> algorithm(int crashAfter) {
        return new AlgorithmSpec<>("toy", "logistic bandit learner", Args.class, 2000, s -> s instanceof Discrete,
                args -> new Learner(args, crashAfter));
    }

    static RunConfig config(long seed, long steps, Map<String, String> overrides, int crashAfter) {
        return config(ENV, seed, steps, overrides, crashAfter);
    }

    static RunConfig config(EnvSpec env, long seed, long steps, Map<String, String> overrides, int crashAfter) {
        AlgorithmSpec<Args> a = algorithm(crashAfter);
        return new RunConfig(env, a, a.resolve(new Discrete(2), overrides), seed, steps);
    }

    static final class Learner implements Algorithm {
        private final Args args;
        private final int crashAfter;

        Learner(Args args, int crashAfter) {
            this.args = args;
            this.crashAfter = crashAfter;
        }

        @Override
        public void train(Run run) throws IOException {
            Env env = run.makeEnv();
            Step step = Step.of(env);
            Rng policy = run.rng("policy");
            double[] theta = run.track("theta", new double[] {0});
            int attempts = 0;
            double[] action = new double[1];
            if (crashAfter < 0) throw new IllegalStateException("simulated crash before the first iteration");
            while (!run.budgetExhausted()) {
                if (crashAfter > 0 && attempts == crashAfter) throw new IllegalStateException("simulated crash");
                env.reset(run.seedFor("env/" + run.iteration()), step);
                double p1 = 1 / (1 + Math.exp(-theta[0]));
                double grad = 0;
                for (int t = 0; t < args.batchSize(); t++) {
                    action[0] = policy.nextDouble() < p1 ? 1 : 0;
                    env.step(action, step);
                    grad += step.reward * (action[0] - p1);
                    if (step.done()) env.reset(step);
                }
                run.addEnvSteps(args.batchSize());
                theta[0] += args.lr() * grad;
                Map<String, Double> d = new LinkedHashMap<>();
                d.put("Theta", theta[0]);
                d.put("P1", p1);
                run.endIteration(d);
                attempts++;
            }
        }
    }
}
