package io.gauntlet.algorithms.acceptance;

import io.gauntlet.core.env.EnvRegistry;
import io.gauntlet.core.env.EnvSpec;
import io.gauntlet.core.experiment.AlgorithmRegistry;
import io.gauntlet.core.experiment.AlgorithmSpec;
import io.gauntlet.core.experiment.Hyperparameters;
import io.gauntlet.core.experiment.Run;
import io.gauntlet.core.experiment.TrainingState;
import io.gauntlet.core.random.Rng;
import io.gauntlet.core.random.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs acceptance rows in this process, without writing run folders, and prints the pass/fail table (the
 * harness's {@code ./gauntlet run acceptance} does the same through its own Run, resumable and on disk).
 * {@code java ... io.gauntlet.algorithms.acceptance.AcceptanceRunner [-j jobs] [row ...]} (no rows: all).
 * Runs are independent and single-threaded, so the table does not depend on {@code -j}. Exit status 1 when a
 * gating row fails.
 */
public final class AcceptanceRunner {
    private AcceptanceRunner() {}

    public static void main(String[] args) throws Exception {
        int jobs = 1;
        List<Criterion> rows = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("-j")) jobs = Integer.parseInt(args[++i]);
            else rows.add(Acceptance.named(args[i]));
        }
        if (rows.isEmpty()) rows = Acceptance.CRITERIA;
        ExecutorService pool = Executors.newFixedThreadPool(jobs);
        List<List<Future<List<Acceptance.Row>>>> futures = new ArrayList<>();
        for (Criterion c : rows) {
            List<Future<List<Acceptance.Row>>> perSeed = new ArrayList<>();
            for (long seed : c.seeds()) perSeed.add(pool.submit(() -> runOne(c, seed)));
            futures.add(perSeed);
        }
        boolean allPass = true;
        for (int k = 0; k < rows.size(); k++) {
            List<List<Acceptance.Row>> runs = new ArrayList<>();
            for (Future<List<Acceptance.Row>> f : futures.get(k)) runs.add(f.get());
            Acceptance.Result r = Acceptance.evaluate(rows.get(k), runs);
            System.out.println(r.line());
            if (rows.get(k).gate() && !r.pass()) allPass = false;
        }
        pool.shutdown();
        System.exit(allPass ? 0 : 1);
    }

    static List<Acceptance.Row> runOne(Criterion c, long seed) throws Exception {
        AlgorithmSpec spec = AlgorithmRegistry.spec(c.algo());
        Hyperparameters hp = new Hyperparameters(spec.params(), c.params());
        RecordingRun run = new RecordingRun(EnvRegistry.spec(c.env()), hp, seed, c.steps());
        long t0 = System.nanoTime();
        spec.make(hp).train(run);
        System.err.printf("  %s seed %d: %d steps in %.1f s%n", c.name(), seed, run.steps, (System.nanoTime() - t0) / 1e9);
        return run.rows;
    }

    /** A Run that keeps only the progress rows the acceptance metrics need. */
    static final class RecordingRun implements Run {
        private final EnvSpec env;
        private final Hyperparameters params;
        private final long seed;
        private final long budget;
        long steps;
        private int iteration;
        private double returnSum;
        private int episodes;
        final List<Acceptance.Row> rows = new ArrayList<>();

        RecordingRun(EnvSpec env, Hyperparameters params, long seed, long budget) {
            this.env = env;
            this.params = params;
            this.seed = seed;
            this.budget = budget;
        }

        @Override public EnvSpec env() { return env; }
        @Override public Hyperparameters params() { return params; }
        @Override public long seed() { return seed; }
        @Override public Rng rng(String name) { return Seeds.stream(seed, name); }
        @Override public long seedFor(String name) { return Seeds.derive(seed, name); }
        @Override public long stepBudget() { return budget; }
        @Override public long totalEnvSteps() { return steps; }
        @Override public void addEnvSteps(long n) { steps += n; }
        @Override public int iteration() { return iteration; }
        @Override public Optional<TrainingState> resumeState() { return Optional.empty(); }
        @Override public void log(String message) {}

        @Override
        public void recordEpisode(double undiscountedReturn, int length) {
            returnSum += undiscountedReturn;
            episodes++;
        }

        @Override
        public void endIteration(Map<String, Double> diagnostics, TrainingState state) {
            rows.add(new Acceptance.Row(steps, episodes == 0 ? Double.NaN : returnSum / episodes, episodes));
            returnSum = 0;
            episodes = 0;
            iteration++;
        }
    }
}
