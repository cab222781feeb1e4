package io.gauntlet.benchmarks.cli;

import io.gauntlet.core.BadInputException;
import io.gauntlet.core.args.ArgSchema;
import io.gauntlet.core.args.Preset;
import io.gauntlet.core.env.Box;
import io.gauntlet.core.env.Discrete;
import io.gauntlet.core.env.Env;
import io.gauntlet.core.env.EnvRegistry;
import io.gauntlet.core.env.EnvSpec;
import io.gauntlet.core.experiment.AlgorithmRegistry;
import io.gauntlet.core.experiment.AlgorithmSpec;
import io.gauntlet.core.env.WrapperSpec;
import io.gauntlet.placement.Catalog;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "list", mixinStandardHelpOptions = true,
        description = {"List the registered tasks, algorithms, or device-placement models, clusters and placers.",
            "  envs      ids with observation and action spaces, episode limits and descriptions, then the wrapper",
            "            suffixes any id takes (e.g. Pendulum-v1:normalize-obs) and what each changes",
            "  algos     ids with the action spaces they handle, default budgets, their parameters (--set name=value)",
            "            and presets (--preset name; some are a task's default)",
            "  models    computation graphs of the placement zoo",
            "  clusters  device clusters for placement",
            "  placers   placement algorithms",
            "  profiles  cost profiles the placement simulator's step times follow"})
final class ListCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "envs|algos|models|clusters|placers|profiles", description = "what to list")
    String what;

    @Mixin
    JsonOutput output;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        switch (what) {
            case "envs" -> envs(out);
            case "algos" -> algos(out);
            case "models" -> catalog(out, "models", Catalog.models());
            case "clusters" -> catalog(out, "clusters", Catalog.clusters());
            case "placers" -> catalog(out, "placers", Catalog.placers());
            case "profiles" -> catalog(out, "profiles", Catalog.profiles());
            default -> throw new BadInputException(
                    "list expects envs, algos, models, clusters, placers or profiles, got '" + what + "'");
        }
        return 0;
    }

    private void envs(PrintStream out) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (EnvSpec s : EnvRegistry.all()) {
            Env env = s.make();
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("id", s.id());
            r.put("observationSpace", env.observationSpace().describe());
            r.put("actionSpace", env.actionSpace().describe());
            r.put("maxEpisodeSteps", s.maxEpisodeSteps());
            r.put("description", s.description());
            rows.add(r);
        }
        List<Map<String, Object>> wrappers = new ArrayList<>();
        for (WrapperSpec w : EnvRegistry.wrappers()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("suffix", w.name());
            r.put("description", w.description());
            wrappers.add(r);
        }
        if (output.enabled) {
            Map<String, Object> all = new LinkedHashMap<>();
            all.put("envs", rows);
            all.put("wrappers", wrappers);
            Json.print(out, all);
            return;
        }
        for (Map<String, Object> r : rows) {
            out.printf("%-28s obs %-22s act %-22s limit %-6s %s%n", r.get("id"), r.get("observationSpace"),
                    r.get("actionSpace"), (int) r.get("maxEpisodeSteps") == 0 ? "none" : r.get("maxEpisodeSteps"),
                    r.get("description"));
        }
        out.printf("%nWrappers: append to any id as ID:suffix[=arg], left to right (e.g. Pendulum-v1:normalize-obs)%n");
        for (Map<String, Object> r : wrappers) out.printf("  %-24s %s%n", r.get("suffix"), r.get("description"));
    }

    private void catalog(PrintStream out, String kind, List<Catalog.Entry> entries) {
        if (output.enabled) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Catalog.Entry e : entries) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("id", e.id());
                r.put("description", e.description());
                rows.add(r);
            }
            Json.print(out, Map.of(kind, rows));
            return;
        }
        for (Catalog.Entry e : entries) out.printf("%-22s %s%n", e.id(), e.description());
    }

    private void algos(PrintStream out) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (AlgorithmSpec<?> a : AlgorithmRegistry.all()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("id", a.id());
            r.put("description", a.description());
            r.put("actionSpaces", actionSpaces(a));
            r.put("defaultSteps", a.defaultSteps());
            List<Map<String, Object>> params = new ArrayList<>();
            for (ArgSchema.Field f : a.schema().fields()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", f.name());
                m.put("default", f.defaultText());
                if (!f.continuousDefaultText().isEmpty()) m.put("continuousDefault", f.continuousDefaultText());
                m.put("expects", f.expected());
                m.put("doc", f.doc());
                if (f.resource()) m.put("resource", true);
                params.add(m);
            }
            r.put("params", params);
            List<Map<String, Object>> presets = new ArrayList<>();
            for (Preset p : a.presets()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", p.name());
                m.put("doc", p.doc());
                m.put("defaultOn", p.tasks());
                if (p.steps() > 0) m.put("steps", p.steps());
                m.put("settings", new java.util.TreeMap<>(p.settings()));
                presets.add(m);
            }
            r.put("presets", presets);
            rows.add(r);
        }
        if (output.enabled) {
            Json.print(out, Map.of("algos", rows));
            return;
        }
        for (AlgorithmSpec<?> a : AlgorithmRegistry.all()) {
            out.printf("%-12s %s  [actions: %s; default budget %d steps]%n", a.id(), a.description(),
                    String.join(", ", actionSpaces(a)), a.defaultSteps());
            for (ArgSchema.Field f : a.schema().fields()) {
                String dflt = f.continuousDefaultText().isEmpty() ? f.defaultText()
                        : f.defaultText() + " (continuous: " + f.continuousDefaultText() + ")";
                out.printf("    %-22s %-24s %s; %s%s%n", f.name(), dflt, f.doc(), f.expected(),
                        f.resource() ? "; changes speed, never results" : "");
            }
            for (Preset p : a.presets()) {
                out.printf("    preset %-15s %s%s%s%n", p.name(), p.doc(),
                        p.tasks().isEmpty() ? "" : " [default on " + String.join(", ", p.tasks()) + "]",
                        p.steps() > 0 ? " [budget " + p.steps() + " steps]" : "");
                out.printf("    %-22s %s%n", "", new java.util.TreeMap<>(p.settings()).entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue()).collect(java.util.stream.Collectors.joining(" ")));
            }
        }
    }

    /** Which kinds of action space the algorithm accepts, probed with a small space of each kind. */
    static List<String> actionSpaces(AlgorithmSpec<?> a) {
        List<String> kinds = new ArrayList<>();
        if (a.supportsActionSpace().test(new Discrete(2))) kinds.add("discrete");
        if (a.supportsActionSpace().test(Box.uniform(2, -1, 1))) kinds.add("continuous");
        return kinds;
    }
}
