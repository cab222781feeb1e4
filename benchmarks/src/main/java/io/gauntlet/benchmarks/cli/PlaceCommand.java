package io.gauntlet.benchmarks.cli;

import io.gauntlet.core.io.OutputPaths;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gauntlet.benchmarks.report.GanttChart;
import io.gauntlet.benchmarks.report.PlacementReport;
import io.gauntlet.core.experiment.RunConfig;
import io.gauntlet.placement.learn.LearnedPlacers;
import io.gauntlet.core.BadInputException;
import io.gauntlet.placement.Calibration;
import io.gauntlet.placement.Catalog;
import io.gauntlet.placement.device.Cluster;
import io.gauntlet.placement.device.CostProfile;
import io.gauntlet.placement.device.CostProfiles;
import io.gauntlet.placement.graph.Graph;
import io.gauntlet.placement.graph.GraphJson;
import io.gauntlet.placement.graph.Grouping;
import io.gauntlet.placement.placers.Placer;
import io.gauntlet.placement.placers.Placers;
import io.gauntlet.placement.placers.Problem;
import io.gauntlet.placement.sim.SimResult;
import io.gauntlet.placement.sim.Simulator;
import io.gauntlet.placement.zoo.Zoo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code gauntlet place}: places a model on a cluster with the classic placers and the learned ones, and simulates a
 * step. A learned placer is a training run of its algorithm on the placement task (checkpointed and resumed like any
 * run); its row is the best placement it found.
 */
@Command(name = "place", mixinStandardHelpOptions = true,
        description = {"Place a model's training step on a cluster with classic and learned placers; print simulated step times.",
            "A learned placer (rl-seq2seq, rl-gnn) trains into <out>/<task>/<placer>/seed-<n>/ (default out: results),",
            "resuming an interrupted run; its report/ there shows best and mean step time against placements sampled",
            "and the Gantt chart of its best placement.",
            "With --calibration: the paper's Table 1 columns that need no learning beside our simulator's."})
public final class PlaceCommand implements Callable<Integer> {
    /** Ids for --profile's help and completion, from the catalogue. */
    static final class ProfileIds implements Iterable<String> {
        public java.util.Iterator<String> iterator() { return CostProfiles.ids().iterator(); }
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "ID|FILE.json",
            description = "zoo model id, optionally with sizes (nmt:hidden=512,batch=32), or a graph JSON file")
    String model;

    @Option(names = "--cluster", paramLabel = "ID|FILE.json", description = "cluster id (see --list clusters) or a cluster JSON file")
    String cluster;

    @Option(names = "--placer", paramLabel = "ID|all", defaultValue = "all",
            description = "placer id (see --list placers) or all (default: the classic ones, then the learned ones at their default budget)")
    String placer;

    @Option(names = "--budget", paramLabel = "N", description = "placements a learned placer samples (default: its algorithm's budget)")
    Long budget;

    @Option(names = "--seed", converter = SeedConverter.class, paramLabel = "S", defaultValue = "0", description = "seed of a learned placer's run (default: ${DEFAULT-VALUE})")
    long seed;

    @Mixin
    JsonOutput output;

    @Option(names = "--out", paramLabel = "DIR",
            description = "write a Gantt chart (PNG) and the placement (JSON) per placer; learned placers' runs go here too")
    Path out;

    @Option(names = "--groups", paramLabel = "K",
            description = "coarsen the paper's grouping to at most K groups (used by round-robin and metis)")
    Integer groups;

    @Option(names = "--save-graph", paramLabel = "FILE.json",
            description = "also write the model's graph in the graph JSON format (to edit and bring back with --model)")
    Path saveGraph;

    @Option(names = "--profile", paramLabel = "ID", completionCandidates = ProfileIds.class,
            description = "cost profile the step times follow: ${COMPLETION-CANDIDATES} (default: the cluster's own)")
    String profile;

    @Option(names = "--calibration",
            description = "print the paper's single-CPU, single-GPU and expert step times (Table 1) beside ours and exit")
    boolean calibration;

    @Option(names = "--list", paramLabel = "models|clusters|placers|profiles", description = "list ids with descriptions and exit")
    String list;

    /** One placer's outcome; placement and result are null if the placer does not apply to this cluster. */
    private record Row(String placer, int[] placement, SimResult result, Problem problem, String notApplicable) {}

    @Override
    public Integer call() throws java.io.IOException {
        PrintWriter o = spec.commandLine().getOut();
        if (list != null) {
            List<Catalog.Entry> entries = switch (list) {
                case "models" -> Catalog.models();
                case "clusters" -> Catalog.clusters();
                case "placers" -> Catalog.placers();
                case "profiles" -> Catalog.profiles();
                default -> throw new BadInputException("--list takes models, clusters, placers or profiles, not '" + list + "'");
            };
            for (Catalog.Entry e : entries) o.printf("%-22s %s%n", e.id(), e.description());
            o.flush();
            return 0;
        }
        CostProfile costs = profile == null ? null : CostProfiles.get(profile);
        if (calibration) {
            CostProfile p = costs != null ? costs : Cluster.load("1cpu-" + Calibration.GPUS[0] + "k80").profile();
            List<Calibration.Figure> table = Calibration.table(p);
            o.println(output.enabled ? calibrationJson(p, table) : calibrationText(p, table));
            o.flush();
            return 0;
        }
        if (model == null) throw new BadInputException("--model is required (see --list models)");
        if (cluster == null) throw new BadInputException("--cluster is required (see --list clusters)");
        boolean all = placer.equals("all");
        if (!all && Catalog.placers().stream().noneMatch(e -> e.id().equals(placer))) {
            throw new BadInputException("unknown placer '" + placer + "' (known: "
                    + String.join(", ", Catalog.placers().stream().map(Catalog.Entry::id).toList()) + ", all)");
        }
        List<Placer> placers = all ? Placers.all() : LearnedPlacers.isLearned(placer) ? List.of() : List.of(Placers.get(placer));
        List<String> learned = all ? LearnedPlacers.all().stream().map(a -> a.id()).toList()
                : LearnedPlacers.isLearned(placer) ? List.of(placer) : List.of();
        if (budget != null && budget <= 0) throw new BadInputException("--budget must be a positive number of placements, got " + budget);
        Graph graph = model.endsWith(".json") || Files.exists(Path.of(model)) ? GraphJson.read(Path.of(model)) : Zoo.build(model);
        Cluster machine = Cluster.load(cluster);
        if (groups != null && groups < 1) throw new BadInputException("--groups must be at least 1, not " + groups);
        if (out != null) OutputPaths.requireDirectory("--out", out);
        if (saveGraph != null) OutputPaths.requireFile("--save-graph", saveGraph);
        if (saveGraph != null) GraphJson.write(graph, saveGraph);
        Grouping grouping = Grouping.paper(graph);
        if (groups != null && grouping.count() > groups) grouping = grouping.coarsen(graph, groups);
        Problem problem = new Problem(graph, machine, grouping,
                new Simulator(graph, machine, costs != null ? costs : machine.profile()));
        String profileId = problem.costs().profile().id();

        double baseline = Double.NaN;
        if (machine.first("gpu") >= 0) {
            SimResult base = problem.costs().simulate(Placers.get("single-gpu").place(problem));
            if (base.feasible()) baseline = base.stepTime();
        }
        List<Row> rows = new ArrayList<>();
        for (Placer p : placers) {
            int[] placement;
            try {
                placement = p.place(problem);
            } catch (BadInputException e) {
                if (placers.size() == 1) throw e; // the one placer asked for cannot run: a user error
                rows.add(new Row(p.id(), null, null, problem, e.getMessage()));
                continue;
            }
            rows.add(new Row(p.id(), placement, problem.costs().simulate(placement), problem, null));
        }
        if (!learned.isEmpty() && costs != null && !costs.id().equals(machine.profile().id())) {
            throw new BadInputException("learned placers train under the cluster's own cost profile (" + machine.profile().id()
                    + "), not --profile " + costs.id());
        }
        for (String id : learned) {
            Path runDir = trainLearned(id);
            int[] placement = LearnedPlacers.bestOpPlacement(runDir);
            rows.add(new Row(id, placement, problem.costs().simulate(placement), problem, null));
            PlacementReport.writeRun(runDir, graph, machine, problem.costs());
            System.err.println("gauntlet: " + id + ": run and report in " + runDir);
        }
        if (output.enabled) o.println(toJson(graph, machine, profileId, rows, baseline));
        else printTable(o, graph, machine, problem, rows, baseline);
        o.flush();
        if (out != null) {
            for (Row r : rows) {
                if (r.result() == null || !r.result().valid()) continue;
                r.problem().costs().simulate(r.placement());
                GanttChart.writePng(out.resolve(r.placer() + "-gantt.png"),
                        String.format(Locale.ROOT, "%s on %s, %s: step %.1f ms", graph.name(), machine.id(), r.placer(), r.result().stepTime() * 1e3),
                        graph, machine, r.problem().costs().timeline());
                GraphJson.writeAtomically(out.resolve(r.placer() + "-placement.json"), placementJson(graph, machine, r));
            }
        }
        return 0;
    }

    /** Trains (or resumes, or finds finished) a learned placer's run on this model and cluster; returns its directory. */
    private Path trainLearned(String id) throws java.io.IOException {
        RunConfig config = LearnedPlacers.config(id, model, cluster, seed, budget, java.util.Map.of());
        Path dir = config.directoryUnder(out != null ? out : Path.of("results"));
        TrainCommand.runWithProgress(config, dir);
        return dir;
    }

    private static String status(Cluster c, SimResult r) {
        if (!r.valid()) return "invalid: " + r.invalidReason();
        List<String> oom = new ArrayList<>();
        for (int d = 0; d < c.size(); d++) if (r.oom()[d]) oom.add(c.device(d).name());
        return oom.isEmpty() ? "ok" : "OOM on " + String.join(", ", oom);
    }

    private static void printTable(PrintWriter o, Graph g, Cluster c, Problem p, List<Row> rows, double baseline) {
        o.printf(Locale.ROOT, "%s: %d ops, %d groups, %.1f GFLOP per step; cluster %s: %s; cost profile %s%n", g.name(),
                g.size(), p.grouping().count(), g.totalFlops() / 1e9, c.id(), c.description(), p.costs().profile().id());
        StringBuilder head = new StringBuilder(String.format("%-12s %10s %9s  ", "placer", "step (ms)", "vs 1 GPU"));
        for (Cluster.Device d : c.devices()) head.append(String.format("%7s", d.name()));
        o.println(head + "  (peak memory, GB)  status");
        for (Row r : rows) {
            SimResult s = r.result();
            if (s == null) {
                o.printf("%-12s %10s %9s  %s%n", r.placer(), "-", "-", "not applicable: " + r.notApplicable());
                continue;
            }
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-12s %10s %9s  ", r.placer(),
                    s.valid() ? String.format(Locale.ROOT, "%.1f", s.stepTime() * 1e3) : "-",
                    s.valid() && !Double.isNaN(baseline) ? String.format(Locale.ROOT, "%.2fx", baseline / s.stepTime()) : "-"));
            for (int d = 0; d < c.size(); d++) line.append(String.format(Locale.ROOT, "%7.2f", s.peakMemory()[d] / 1e9));
            o.println(line + "  " + status(c, s));
        }
        if (Double.isNaN(baseline)) o.println("(no speed-up: the single-GPU placement does not fit or there is no GPU)");
    }

    private static String toJson(Graph g, Cluster c, String profile, List<Row> rows, double baseline) {
        ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = m.createObjectNode();
        root.put("model", g.name());
        root.put("ops", g.size());
        root.put("cluster", c.id());
        root.put("profile", profile);
        if (!Double.isNaN(baseline)) root.put("singleGpuStepTime", baseline);
        ArrayNode results = root.putArray("results");
        for (Row r : rows) {
            SimResult s = r.result();
            ObjectNode n = results.addObject();
            n.put("placer", r.placer());
            if (s == null) { n.put("notApplicable", r.notApplicable()); continue; }
            n.put("valid", s.valid());
            if (!s.valid()) { n.put("invalidReason", s.invalidReason()); continue; }
            n.put("stepTime", s.stepTime());
            if (!Double.isNaN(baseline)) n.put("speedupOverSingleGpu", baseline / s.stepTime());
            n.put("transferBytes", s.transferBytes());
            ObjectNode peak = n.putObject("peakMemoryBytes");
            ObjectNode busy = n.putObject("busySeconds");
            ArrayNode oom = n.putArray("oom");
            for (int d = 0; d < c.size(); d++) {
                peak.put(c.device(d).name(), s.peakMemory()[d]);
                busy.put(c.device(d).name(), s.busyTime()[d]);
                if (s.oom()[d]) oom.add(c.device(d).name());
            }
        }
        return root.toPrettyString();
    }

    private static String seconds(double t, boolean oom) {
        if (Double.isNaN(t)) return "-";
        return oom || t == Calibration.OOM ? "OOM" : String.format(Locale.ROOT, "%.2f", t);
    }

    private static String calibrationText(CostProfile p, List<Calibration.Figure> table) {
        StringBuilder b = new StringBuilder();
        b.append("Mirhoseini et al. 2017, Table 1 (seconds per step, as recalled; - not reported) beside our simulator under ")
                .append(p.id()).append('\n');
        b.append(String.format("%-13s %4s", "model", "GPUs"));
        for (String placer : Calibration.PLACERS) b.append(String.format("  %-11s %6s %6s %5s", placer + ":", "paper", "ours", "diff"));
        b.append('\n');
        int agree = 0, ooms = 0, n = 0;
        for (int i = 0; i < table.size(); i += Calibration.PLACERS.size()) {
            Calibration.Figure first = table.get(i);
            b.append(String.format("%-13s %4d", first.model(), first.gpus()));
            for (int k = 0; k < Calibration.PLACERS.size(); k++) {
                Calibration.Figure f = table.get(i + k);
                double e = f.logError();
                String diff = !Double.isNaN(e) ? String.format(Locale.ROOT, "%+.0f%%", 100 * (Math.exp(e) - 1))
                        : f.reported() && f.oomAgrees() ? "same" : f.reported() ? "DIFF" : "";
                b.append(String.format("  %-11s %6s %6s %5s", "", seconds(f.paper(), false), seconds(f.ours(), f.oursOom()), diff));
                if (f.paperOom()) { ooms++; if (f.oomAgrees()) agree++; }
                if (Calibration.counted(f)) n++;
            }
            b.append('\n');
        }
        b.append(String.format(Locale.ROOT, "squared log error %.3f over the paper's %d times (each once); out of memory where the paper ran out: %d of %d cells",
                Calibration.squaredLogError(table), n, agree, ooms));
        return b.toString();
    }

    private static String calibrationJson(CostProfile p, List<Calibration.Figure> table) {
        ObjectNode root = new ObjectMapper().createObjectNode();
        root.put("profile", p.id());
        root.put("squaredLogError", Calibration.squaredLogError(table));
        ArrayNode figures = root.putArray("figures");
        for (Calibration.Figure f : table) {
            ObjectNode n = figures.addObject();
            n.put("model", f.model());
            n.put("gpus", f.gpus());
            n.put("placer", f.placer());
            if (f.paperOom()) n.put("paper", "OOM");
            else if (f.reported()) n.put("paper", f.paper());
            else n.putNull("paper");
            n.put("stepTime", f.ours());
            n.put("oom", f.oursOom());
        }
        return root.toPrettyString();
    }

    private static String placementJson(Graph g, Cluster c, Row r) {
        ObjectMapper m = new ObjectMapper();
        ObjectNode root = m.createObjectNode();
        root.put("model", g.name());
        root.put("cluster", c.id());
        root.put("placer", r.placer());
        root.put("stepTime", r.result().stepTime());
        ArrayNode ops = root.putArray("placement");
        for (int i = 0; i < g.size(); i++) {
            ObjectNode n = ops.addObject();
            n.put("op", g.op(i).name());
            n.put("device", c.device(r.placement()[i]).name());
        }
        return root.toPrettyString();
    }
}
