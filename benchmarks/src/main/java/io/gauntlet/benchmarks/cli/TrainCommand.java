package io.gauntlet.benchmarks.cli;

import io.gauntlet.core.BadInputException;
import io.gauntlet.core.args.Preset;
import io.gauntlet.core.experiment.Harness;
import io.gauntlet.core.experiment.IterationSummary;
import io.gauntlet.core.io.OutputPaths;
import io.gauntlet.core.experiment.RunConfig;
import io.gauntlet.core.experiment.RunResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train one algorithm on one task with one seed, into <out>/<env>/<algo>/seed-<n>/.",
            "Running the same command again resumes an interrupted run, or reports a finished one."},
        footer = {"", "Example:", "  ./gauntlet train --env CartPole-v1 --algo random --seed 1 --steps 20000 --set batch_size=1000"})
final class TrainCommand implements Callable<Integer> {
    @Option(names = "--env", required = true, paramLabel = "ID", description = "task id (see: list envs)")
    String env;

    @Option(names = "--algo", required = true, paramLabel = "ID", description = "algorithm id (see: list algos)")
    String algo;

    @Option(names = "--seed", converter = SeedConverter.class, paramLabel = "N", defaultValue = "0", description = "run seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--steps", paramLabel = "N", description = "budget in environment steps (default: the preset's, else the algorithm's)")
    Long steps;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override a hyper-parameter (repeatable, each name once)")
    List<String> set = new ArrayList<>();

    @Option(names = "--preset", paramLabel = "NAME", description = "start from the algorithm's preset NAME (see: list algos), "
            + "or 'none' for its own defaults (default: the task's preset, if the algorithm has one for it); --set still wins")
    String preset;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "results", description = "results root (default: ${DEFAULT-VALUE})")
    Path out;

    @Mixin
    JsonOutput output;

    @Override
    public Integer call() throws IOException {
        Map<String, String> overrides = overrides(set);
        if (preset != null) overrides.put(Preset.KEY, preset);
        RunConfig config = RunConfig.resolve(env, algo, overrides, seed, steps);
        if (preset == null && config.preset() != null) {
            System.err.println("gauntlet: " + config.algorithm().id() + " starts from its preset '" + config.preset() + "' for "
                    + config.env().id() + " (--preset none: its own defaults)");
        }
        Path dir = config.directoryUnder(out);
        Harness.inspect(config, dir); // another run's directory is refused before anything is created
        OutputPaths.requireDirectory("--out", out);
        RunResult r = runWithProgress(config, dir);
        if (r.alreadyFinished()) System.err.println("gauntlet: already finished, nothing to do: " + dir);
        if (output.enabled) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("env", config.env().id());
            o.put("algo", config.algorithm().id());
            o.put("seed", config.seed());
            o.put("steps", config.steps());
            o.put("dir", dir.toString());
            o.put("status", r.alreadyFinished() ? "already-finished" : "finished");
            o.put("iterations", r.iterations());
            o.put("totalEnvSteps", r.totalEnvSteps());
            o.put("lastAverageReturn", Json.finite(r.lastAverageReturn()));
            o.put("elapsedSeconds", r.elapsedSeconds());
            Json.print(System.out, o);
        } else {
            System.out.printf(Locale.ROOT, "%s on %s, seed %d: %d iterations, %d env steps, last average return %s, %.1f s%n  -> %s%n",
                    config.algorithm().id(), config.env().id(), config.seed(), r.iterations(), r.totalEnvSteps(),
                    Double.isNaN(r.lastAverageReturn()) ? "-" : String.format(Locale.ROOT, "%.2f", r.lastAverageReturn()),
                    r.elapsedSeconds(), dir);
        }
        return 0;
    }

    /** {@code --set} values as a map; a value without '=' or a name given twice is bad input (not silently the last). */
    static Map<String, String> overrides(List<String> sets) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String kv : sets) {
            int eq = kv.indexOf('=');
            if (eq <= 0) throw new BadInputException("--set expects NAME=VALUE, got '" + kv + "'");
            String name = kv.substring(0, eq);
            if (name.equals(Preset.KEY)) throw new BadInputException("name a preset with --preset, not --set " + Preset.KEY);
            if (m.put(name, kv.substring(eq + 1)) != null) throw new BadInputException("--set " + name + " is given twice");
        }
        return m;
    }

    /**
     * Runs (or resumes, or finds finished) one run in {@code dir} with a progress bar on stderr, saying when it
     * resumes an earlier attempt: what {@code train} and {@code place}'s learned placers do.
     */
    static RunResult runWithProgress(RunConfig config, Path dir) throws IOException {
        ProgressBar bar = new ProgressBar(config.algorithm().id() + " " + config.env().id() + " seed " + config.seed());
        try {
            return Harness.run(config, dir, new Harness.Listener() {
                @Override
                public void started(RunConfig c, Harness.Status status, int iterationsDone) {
                    if (status == Harness.Status.RESUMABLE) {
                        System.err.println("gauntlet: resuming the run in " + dir + " after iteration " + iterationsDone);
                    }
                }

                @Override
                public void iteration(IterationSummary s) {
                    bar.update(s.totalEnvSteps(), s.stepBudget(), s.averageReturn(), null);
                }
            });
        } finally {
            bar.finish();
        }
    }
}
