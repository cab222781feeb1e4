package io.gauntlet.benchmarks.report;

import io.gauntlet.core.io.AtomicFiles;
import io.gauntlet.core.stats.Stats;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Every table of the report as a CSV file (RFC 4180 quoting), beside index.html. */
final class Tables {
    private Tables() {}

    static final String SUMMARY = "summary.csv", TABLE1 = "table1.csv", RUNS = "runs.csv", AGGREGATE = "aggregate.csv",
            IMPROVEMENT = "improvement.csv", PROFILES = "profiles.csv", REFERENCES = "references.csv";

    static void write(Path out, Map<String, List<Summary>> tasks, Aggregates a, List<RunData> runs, Path reportDir) throws IOException {
        Csv summary = new Csv("env", "algo", "seeds", "budget", "common_steps", "return_at_common_mean", "return_at_common_std",
                "return_at_common_per_seed", "iqm", "iqm_low", "iqm_high", "bold", "final_return_mean", "final_return_std",
                "final_return_per_seed", "steps_per_second");
        Csv table1 = new Csv("env", "algo", "seeds", "budget", "score_mean", "score_std", "score_per_seed", "bold");
        for (var e : tasks.entrySet()) {
            for (Summary s : e.getValue()) {
                summary.row(e.getKey(), s.algo(), s.seeds(), s.budget(), s.commonSteps(), Summary.mean(s.atCommon()),
                        Summary.std(s.atCommon()), Summary.perSeed(s.atCommon()), s.iqm().estimate(), s.iqm().low(), s.iqm().high(),
                        s.bold(), Summary.mean(s.finals()), Summary.std(s.finals()), Summary.perSeed(s.finals()), s.stepsPerSecond());
                table1.row(e.getKey(), s.algo(), s.seeds(), s.budget(), Summary.mean(s.scores()), Summary.std(s.scores()),
                        Summary.perSeed(s.scores()), s.scoreBold());
            }
        }
        summary.write(out.resolve(SUMMARY));
        table1.write(out.resolve(TABLE1));

        Csv perRun = new Csv("env", "algo", "seed", "status", "budget", "env_steps", "seconds", "steps_per_second", "final_return",
                "score", "params");
        for (RunData r : runs) {
            perRun.row(r.env(), r.algo(), r.seed(), r.status().name().toLowerCase(java.util.Locale.ROOT), r.budget(), r.lastSteps(),
                    r.seconds().length == 0 ? Double.NaN : r.seconds()[r.seconds().length - 1], r.stepsPerSecond(), r.finalReturn(),
                    r.score(), r.directory() == null ? "" : reportDir.toAbsolutePath().relativize(r.directory().toAbsolutePath().resolve("params.json")));
        }
        perRun.write(out.resolve(RUNS));

        if (a == null) return;
        Csv aggregate = new Csv("algo", "tasks", "iqm", "iqm_low", "iqm_high", "mean", "mean_low", "mean_high");
        Csv improvement = new Csv("x", "y", "p_x_beats_y", "low", "high");
        Csv profiles = new Csv("algo", "tau", "fraction_above", "low", "high");
        for (int x = 0; x < a.algos().size(); x++) {
            String algo = a.algos().get(x);
            Stats.Interval iqm = a.iqm().get(algo), mean = a.mean().get(algo);
            aggregate.row(algo, a.tasks().get(algo).size(), iqm.estimate(), iqm.low(), iqm.high(), mean.estimate(), mean.low(), mean.high());
            for (int y = 0; y < a.algos().size(); y++) {
                Stats.Interval p = a.improvement()[x][y];
                if (p != null) improvement.row(algo, a.algos().get(y), p.estimate(), p.low(), p.high());
            }
            double[][] profile = a.profiles().get(algo);
            for (int t = 0; t < a.taus().length; t++) profiles.row(algo, a.taus()[t], profile[0][t], profile[1][t], profile[2][t]);
        }
        aggregate.write(out.resolve(AGGREGATE));
        improvement.write(out.resolve(IMPROVEMENT));
        profiles.write(out.resolve(PROFILES));
        Csv references = new Csv("env", "random", "reference", "source");
        for (var e : a.used().entrySet()) references.row(e.getKey(), e.getValue().random(), e.getValue().reference(), e.getValue().source());
        references.write(out.resolve(REFERENCES));
    }

    /** A CSV table built row by row; doubles in shortest round-trip form, NaN as an empty cell. */
    static final class Csv {
        private final StringBuilder text = new StringBuilder();

        Csv(String... header) {
            row((Object[]) header);
        }

        void row(Object... cells) {
            for (int i = 0; i < cells.length; i++) {
                if (i > 0) text.append(',');
                Object c = cells[i];
                String s = c instanceof Double d ? (Double.isNaN(d) ? "" : Double.toString(d)) : String.valueOf(c);
                if (s.contains(",") || s.contains("\"") || s.contains("\n")) s = "\"" + s.replace("\"", "\"\"") + "\"";
                text.append(s);
            }
            text.append('\n');
        }

        void write(Path file) throws IOException {
            AtomicFiles.writeString(file, text.toString());
        }
    }
}
