package io.gauntlet.benchmarks.suite;

import io.gauntlet.core.BadInputException;
import io.gauntlet.core.env.EnvRegistry;
import io.gauntlet.core.env.EnvSpec;
import io.gauntlet.placement.device.Cluster;
import io.gauntlet.placement.env.PlacementEnvs;
import io.gauntlet.placement.graph.Graph;
import io.gauntlet.placement.learn.GnnPlacer;
import io.gauntlet.placement.learn.LearnedPlacers;
import io.gauntlet.placement.learn.Seq2SeqPlacer;
import io.gauntlet.placement.placers.Placers;
import io.gauntlet.placement.placers.Problem;
import io.gauntlet.placement.sim.Simulator;
import io.gauntlet.placement.zoo.Zoo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Table 1 of Mirhoseini et al. 2017 for our simulator, as data: the rows (models on 1 CPU + 2 and 4 K80s under the
 * calibrated profile), the columns (the classic placers, then the learned ones), the learned placers' runs at each
 * scale's budget, and the transfer experiment (rl-gnn pre-trained on RNNLM and NMT variants, placing the held-out
 * GNMT without retraining, then fine-tuned against training from scratch). {@code ./gauntlet run placement} runs it.
 */
public final class PlacementTable {
    public static final String NAME = "placement";
    public static final List<String> MODELS = List.of("rnnlm", "nmt", "inception-v3", "gnmt");
    public static final int[] GPUS = {2, 4};
    public static final List<String> CLASSIC = List.of("single-cpu", "single-gpu", "expert", "metis", "heft", "m-topo", "m-etf");
    public static final List<String> LEARNED = List.of(Seq2SeqPlacer.SPEC.id(), GnnPlacer.SPEC.id());
    public static final long SEED = 0;
    /** The graphs rl-gnn is pre-trained on (placed in turn) and the one it places without retraining. */
    public static final List<String> PRETRAINING = List.of("rnnlm", "nmt", "rnnlm:layers=4,hidden=1024", "nmt:layers=4");
    public static final String HELD_OUT = "gnmt";
    public static final int TRANSFER_GPUS = 4;
    /** Where the fine-tuning run goes, under the suite's directory (its task is a table row's: another directory). */
    public static final String TRANSFER_DIR = "transfer";

    /** Placements each learned run samples. */
    public record Budget(long seq2seq, long gnn, long pretraining, long fineTuning) {}

    /** How long the suite runs: {@code small} for a look on a laptop, {@code full} for the goals. */
    public enum Scale {
        SMALL(new Budget(5_000, 3_000, 6_000, 1_500)),
        FULL(new Budget(40_000, 30_000, 60_000, 10_000));

        public final Budget budget;

        Scale(Budget budget) {
            this.budget = budget;
        }

        public static Scale of(String name) {
            for (Scale s : values()) if (s.name().equalsIgnoreCase(name)) return s;
            throw new BadInputException("--scale takes small or full, not '" + name + "'");
        }
    }

    private PlacementTable() {}

    public static String cluster(int gpus) {
        return "1cpu-" + gpus + "k80";
    }

    public static String pretrainingTask() {
        return PlacementEnvs.id(String.join("+", PRETRAINING), cluster(TRANSFER_GPUS));
    }

    /** Phase one: every learned placer on every row, and rl-gnn's pre-training. */
    public static Suite learning(Budget budget) {
        List<Suite.Entry> entries = new ArrayList<>();
        for (String model : MODELS) {
            for (int gpus : GPUS) {
                String task = PlacementEnvs.id(model, cluster(gpus));
                entries.add(entry(task, Seq2SeqPlacer.SPEC.id(), budget.seq2seq(), Map.of()));
                entries.add(entry(task, GnnPlacer.SPEC.id(), budget.gnn(), Map.of()));
            }
        }
        entries.add(entry(pretrainingTask(), GnnPlacer.SPEC.id(), budget.pretraining(), Map.of()));
        return new Suite(NAME, "Table 1: the learned placers on every row, and rl-gnn's pre-training", entries);
    }

    /** Phase two: the pre-trained rl-gnn ({@code pretrained}, its run directory) fine-tuned on the held-out graph. */
    public static Suite fineTuning(Budget budget, Path pretrained) {
        String task = PlacementEnvs.id(HELD_OUT, cluster(TRANSFER_GPUS));
        return new Suite(NAME + "-" + TRANSFER_DIR, "rl-gnn fine-tuned on " + HELD_OUT,
                List.of(entry(task, GnnPlacer.SPEC.id(), budget.fineTuning(), Map.of("init_from", pretrained.toString()))));
    }

    private static Suite.Entry entry(String task, String algo, long placements, Map<String, String> params) {
        EnvSpec env = EnvRegistry.spec(task);
        return new Suite.Entry(task, List.of(algo), List.of(SEED), Map.of(algo, placements * LearnedPlacers.groups(env)), 0,
                Map.of(algo, params));
    }

    /** A placer's result on a row: its step time (NaN if it did not run), whether it ran out of memory or could not run. */
    public record Cell(String placer, double stepTime, boolean oom, String problem) {
        public boolean feasible() {
            return problem == null && !oom && !Double.isNaN(stepTime);
        }
    }

    /** A row of the table: a model on a machine, a cell per column (classic, then learned). */
    public record Row(String model, int gpus, List<Cell> cells) {
        public Cell cell(String placer) {
            return cells.stream().filter(c -> c.placer().equals(placer)).findFirst().orElseThrow();
        }

        /** The fastest feasible cell among {@code placers}, or null. */
        public Cell best(List<String> placers) {
            Cell best = null;
            for (String p : placers) {
                Cell c = cell(p);
                if (c.feasible() && (best == null || c.stepTime() < best.stepTime())) best = c;
            }
            return best;
        }

        /** How much faster the best learned placement is than the best classic one (4.99 / 4.04 − 1 = 23.5 %). */
        public double learnedSpeedup() {
            Cell l = best(LEARNED), c = best(CLASSIC);
            return l == null || c == null ? Double.NaN : c.stepTime() / l.stepTime() - 1;
        }

        public double speedupOver(String placer) {
            Cell l = best(LEARNED), c = cell(placer);
            return l == null || !c.feasible() ? Double.NaN : c.stepTime() / l.stepTime() - 1;
        }
    }

    /** A row: the classic placers' placements simulated now, the learned placers' best placements read from their runs. */
    public static Row row(String model, int gpus, Path suiteDir) {
        Graph graph = Zoo.build(model);
        Cluster machine = Cluster.load(cluster(gpus));
        Problem problem = Problem.of(graph, machine);
        Simulator sim = problem.costs();
        List<Cell> cells = new ArrayList<>();
        for (String placer : CLASSIC) {
            int[] placement;
            try {
                placement = Placers.get(placer).place(problem);
            } catch (BadInputException e) {
                cells.add(new Cell(placer, Double.NaN, false, e.getMessage()));
                continue;
            }
            cells.add(cell(placer, sim, placement));
        }
        String task = PlacementEnvs.id(model, cluster(gpus));
        for (String placer : LEARNED) {
            Path run = learnedRun(suiteDir, task, placer);
            if (!Files.exists(run.resolve("result.json"))) {
                cells.add(new Cell(placer, Double.NaN, false, "no finished run in " + run));
                continue;
            }
            cells.add(cell(placer, sim, LearnedPlacers.bestOpPlacement(run)));
        }
        return new Row(model, gpus, cells);
    }

    private static Cell cell(String placer, Simulator sim, int[] placement) {
        double t = sim.run(placement);
        return new Cell(placer, t, !Double.isNaN(t) && !sim.feasible(), sim.invalidReason());
    }

    public static Path learnedRun(Path suiteDir, String task, String placer) {
        return suiteDir.resolve(task).resolve(placer).resolve("seed-" + SEED);
    }

    public static Path pretrainingRun(Path suiteDir) {
        return learnedRun(suiteDir, pretrainingTask(), GnnPlacer.SPEC.id());
    }

    public static Path fineTuningRun(Path suiteDir) {
        return learnedRun(suiteDir.resolve(TRANSFER_DIR), PlacementEnvs.id(HELD_OUT, cluster(TRANSFER_GPUS)), GnnPlacer.SPEC.id());
    }

    /** The same held-out task trained from scratch: the table's rl-gnn run of its row. */
    public static Path scratchRun(Path suiteDir) {
        return learnedRun(suiteDir, PlacementEnvs.id(HELD_OUT, cluster(TRANSFER_GPUS)), GnnPlacer.SPEC.id());
    }

    static String seconds(double t) {
        return String.format(Locale.ROOT, "%.2f", t);
    }
}
