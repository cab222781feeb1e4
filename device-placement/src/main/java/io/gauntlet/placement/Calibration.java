package io.gauntlet.placement;

import io.gauntlet.placement.device.Cluster;
import io.gauntlet.placement.device.CostProfile;
import io.gauntlet.placement.graph.Graph;
import io.gauntlet.placement.graph.Grouping;
import io.gauntlet.placement.placers.Placers;
import io.gauntlet.placement.placers.Problem;
import io.gauntlet.placement.sim.Simulator;
import io.gauntlet.placement.zoo.Zoo;

import java.util.ArrayList;
import java.util.List;

/**
 * The columns of Mirhoseini et al. 2017, Table 1 that need no learning (single CPU, single GPU, the human expert's
 * placement, at the paper's model sizes on 1 CPU + 2 and 4 K80s) beside our simulator's figures under a cost
 * profile. The paper's seconds per step are as recalled in the project's reference facts; see the module README
 * for which could be checked against the paper.
 */
public final class Calibration {
    /** Seconds per step, {@link #OOM} for out of memory, NaN for not reported. */
    public static final double OOM = Double.POSITIVE_INFINITY;

    /** One cell: a model under a placer on the paper's machine with {@code gpus} GPUs. */
    public record Figure(String model, int gpus, String placer, double paper, double ours, boolean oursOom) {
        /** Whether this figure is the paper's (a time or OOM), not a gap in its table. */
        public boolean reported() { return !Double.isNaN(paper); }

        public boolean paperOom() { return paper == OOM; }

        /** ln(ours / paper) for two times, NaN otherwise. */
        public double logError() {
            return reported() && !paperOom() && !oursOom ? Math.log(ours / paper) : Double.NaN;
        }

        /** Whether both say the same about fitting in memory (true when the paper is silent). */
        public boolean oomAgrees() { return !reported() || paperOom() == oursOom; }
    }

    /** The placers of the table's columns that need no learning. */
    public static final List<String> PLACERS = List.of("single-cpu", "single-gpu", "expert");
    public static final int[] GPUS = {2, 4};

    /** A row of the paper's Table 1 (as recalled): seconds per step, the expert's and RL's on 2 and 4 GPUs. */
    public record PaperRow(String model, double singleCpu, double singleGpu, double expert2, double expert4, double learned2,
                           double learned4) {
        double paper(String placer, int gpus) {
            return switch (placer) {
                case "single-cpu" -> singleCpu;
                case "single-gpu" -> singleGpu;
                default -> expert(gpus);
            };
        }

        public double expert(int gpus) { return gpus == 2 ? expert2 : expert4; }

        public double learned(int gpus) { return gpus == 2 ? learned2 : learned4; }

        /** RL's speed-up over the best of the other columns reported here: 4.99 / 4.04 − 1 = 23.5 % (NMT, 2 GPUs). */
        public double learnedSpeedup(int gpus) {
            double best = Double.POSITIVE_INFINITY;
            for (double t : new double[] {singleCpu, singleGpu, expert(gpus)}) if (t < best) best = t; // NaN and OOM never
            return best / learned(gpus) - 1;
        }
    }

    // Table 1 of the paper, as recalled: RNNLM (batch 64), NMT (batch 64), Inception-V3 (batch 32).
    private static final List<PaperRow> PAPER = List.of(
            new PaperRow("rnnlm", 6.89, 1.57, 3.81, 4.46, 1.57, 1.57),
            new PaperRow("nmt", 10.72, OOM, 4.99, 4.73, 4.04, 3.92),
            new PaperRow("inception-v3", 26.21, 4.60, Double.NaN, Double.NaN, 4.60, 3.85));

    /** The paper's row of a model, or null when the paper has none (GNMT). */
    public static PaperRow paperRow(String model) {
        return PAPER.stream().filter(r -> r.model().equals(model)).findFirst().orElse(null);
    }

    private Calibration() {}

    public static List<String> models() {
        return PAPER.stream().map(PaperRow::model).toList();
    }

    /** Every figure of the table (model × GPUs × placer), ours under the given profile. */
    public static List<Figure> table(CostProfile profile) {
        List<Figure> figures = new ArrayList<>();
        for (PaperRow row : PAPER) {
            Graph g = Zoo.build(row.model());
            for (int gpus : GPUS) {
                Cluster machine = Cluster.load("1cpu-" + gpus + "k80");
                Simulator sim = new Simulator(g, machine, profile);
                Problem p = new Problem(g, machine, Grouping.paper(g), sim);
                for (String placer : PLACERS) {
                    double t = sim.run(Placers.get(placer).place(p));
                    figures.add(new Figure(row.model(), gpus, placer, row.paper(placer, gpus), t, !sim.feasible()));
                }
            }
        }
        return figures;
    }

    /**
     * What the profile's fitted constants minimise: the sum of squared {@link Figure#logError}s, each of the
     * paper's times counted once (single CPU and single GPU do not depend on the number of GPUs).
     */
    public static double squaredLogError(List<Figure> table) {
        double s = 0;
        for (Figure f : table) if (counted(f)) s += f.logError() * f.logError();
        return s;
    }

    /** Whether a figure enters {@link #squaredLogError}: two times, and not a repeat of a single-device figure. */
    public static boolean counted(Figure f) {
        return !Double.isNaN(f.logError()) && (f.gpus() == GPUS[0] || f.placer().equals("expert"));
    }
}
