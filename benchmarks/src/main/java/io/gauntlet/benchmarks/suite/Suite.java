package io.gauntlet.benchmarks.suite;

import io.gauntlet.benchmarks.suite.Criterion;
import io.gauntlet.core.env.Env;
import io.gauntlet.core.env.EnvRegistry;
import io.gauntlet.core.env.EnvSpec;
import io.gauntlet.core.env.Space;
import io.gauntlet.core.experiment.AlgorithmRegistry;
import io.gauntlet.core.experiment.AlgorithmSpec;
import io.gauntlet.core.experiment.RunConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A named set of runs, as data: for each entry a task, the algorithms to run on it (none listed: every registered
 * algorithm whose action space fits), the seeds, step budgets per algorithm id, a cap for the algorithms not named
 * there (their own default budget, at most {@code maxSteps}; 0: no cap), and hyper-parameter overrides per id (which
 * may name a preset under {@code "preset"}; else a task's default preset applies, as for {@code train}).
 * A suite may carry acceptance {@code criteria}, evaluated on its runs once they are done.
 */
public record Suite(String name, String description, List<Entry> entries, List<Criterion> criteria) {

    public Suite(String name, String description, List<Entry> entries) {
        this(name, description, entries, List.of());
    }

    public Suite {
        entries = List.copyOf(entries);
        criteria = List.copyOf(criteria);
    }

    /**
     * The suite that runs exactly what {@code criteria} evaluate: one entry per row (its env, algorithm, seeds,
     * budget, overrides). Rows on the same task and algorithm share the runs, so they must agree on budget and
     * overrides (a run directory is {@code <env>/<algo>/seed-<n>}).
     */
    public static Suite of(String name, String description, List<Criterion> criteria) {
        List<Entry> entries = new ArrayList<>();
        Map<String, Criterion> byRunDir = new java.util.HashMap<>();
        for (Criterion c : criteria) {
            Criterion same = byRunDir.putIfAbsent(c.env() + "/" + c.algo(), c);
            if (same != null) {
                if (same.steps() != c.steps() || !same.params().equals(c.params()) || !same.seeds().equals(c.seeds())) {
                    throw new IllegalArgumentException(c.name() + " and " + same.name()
                            + " run " + c.algo() + " on " + c.env() + " with different seeds, budgets or parameters");
                }
                continue;
            }
            entries.add(new Entry(c.env(), List.of(c.algo()), c.seeds(), Map.of(c.algo(), c.steps()), 0,
                    Map.of(c.algo(), c.params())));
        }
        return new Suite(name, description, entries, criteria);
    }

    /**
     * One task's runs. A {@code variant} (empty for none) names the swept settings these runs take, e.g.
     * {@code learning_rate=0.001}: their directories are {@code <env>/<algo>@<variant>/seed-<n>}.
     */
    public record Entry(String env, List<String> algos, List<Long> seeds, Map<String, Long> steps, long maxSteps,
            Map<String, Map<String, String>> params, String variant) {
        public Entry(String env, List<String> algos, List<Long> seeds, Map<String, Long> steps, long maxSteps,
                Map<String, Map<String, String>> params) {
            this(env, algos, seeds, steps, maxSteps, params, "");
        }

        public Entry(String env, List<String> algos, List<Long> seeds) {
            this(env, algos, seeds, Map.of(), 0, Map.of());
        }

        long budget(AlgorithmSpec<?> a) {
            Long named = steps.get(a.id());
            if (named != null) return named;
            return maxSteps > 0 ? Math.min(maxSteps, a.defaultSteps()) : a.defaultSteps();
        }
    }

    /** One planned run: what it is and its directory under the suite's ({@code <env>/<algo>[@<variant>]/seed-<n>}). */
    public record Run(RunConfig config, String directory) {
        public Path directoryUnder(Path suiteDir) {
            return suiteDir.resolve(directory);
        }
    }

    /** Every run of the suite, in order: entry, algorithm, seed. */
    public List<RunConfig> runs() {
        return plan().stream().map(Run::config).toList();
    }

    /** Every run of the suite with its directory, in order: entry, algorithm, seed. */
    public List<Run> plan() {
        List<Run> runs = new ArrayList<>();
        for (Entry e : entries) {
            EnvSpec env = EnvRegistry.spec(e.env());
            Env task = env.make();
            Space actions = task.actionSpace();
            List<AlgorithmSpec<?>> algos = new ArrayList<>();
            if (e.algos().isEmpty()) {
                for (AlgorithmSpec<?> a : AlgorithmRegistry.all()) if (RunConfig.supports(a, task)) algos.add(a);
            } else {
                for (String id : e.algos()) {
                    AlgorithmSpec<?> a = AlgorithmRegistry.spec(id);
                    RunConfig.requireSupported(env, a);
                    algos.add(a);
                }
            }
            for (AlgorithmSpec<?> a : algos) {
                RunConfig.Settings s = RunConfig.resolveSettings(a, env.id(), actions, e.params().getOrDefault(a.id(), Map.of()));
                long steps = e.budget(a);
                String algoDir = e.variant().isEmpty() ? a.id() : a.id() + "@" + e.variant();
                for (long seed : e.seeds()) {
                    runs.add(new Run(new RunConfig(env, a, s.args(), seed, steps, s.preset()), env.id() + "/" + algoDir + "/seed-" + seed));
                }
            }
        }
        return runs;
    }
}
