package io.gauntlet.benchmarks.suite;

import io.gauntlet.benchmarks.suite.YamlTree.Mapping;
import io.gauntlet.benchmarks.suite.YamlTree.Scalar;
import io.gauntlet.benchmarks.suite.YamlTree.Sequence;
import io.gauntlet.benchmarks.suite.YamlTree.Where;
import io.gauntlet.core.BadInputException;
import io.gauntlet.core.args.ArgSchema;
import io.gauntlet.core.args.Preset;
import io.gauntlet.core.env.Env;
import io.gauntlet.core.env.EnvRegistry;
import io.gauntlet.core.env.EnvSpec;
import io.gauntlet.core.env.Space;
import io.gauntlet.core.experiment.AlgorithmRegistry;
import io.gauntlet.core.experiment.AlgorithmSpec;
import io.gauntlet.core.experiment.RunConfig;
import io.gauntlet.core.io.InputFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A sweep file: a grid of runs described in YAML, read into a {@link Suite}. docs/sweeps.md is its user guide;
 * in short:
 *
 * <pre>
 * name: my-sweep                 # results go to &lt;out&gt;/my-sweep/
 * description: what it is for
 * envs: [CartPole-v1, Acrobot-v1]
 * algos: [ppo, trpo]             # or: all (every algorithm whose action space fits)
 * seeds: 5                       # 5 means 0..4; or a list: [1, 2, 3]
 * steps: 200000                  # default: each algorithm's own budget
 * set:                           # settings for every algorithm of the grid; a list sweeps over its values
 *   hidden_sizes: 64,64
 *   learning_rate: [1e-3, 3e-4]
 * env:                           # per-task overrides: steps, set
 *   Acrobot-v1: {steps: 400000}
 * algo:                          # per-algorithm overrides: steps, set
 *   trpo: {set: {step_size: 0.05}}
 * unsupported: skip              # leave out pairs whose action space the algorithm cannot take (default: an error)
 * grids: [...]                   # further grids: the keys above, each defaulting to the top level's
 * scales:                        # --scale NAME: top-level keys replaced (results in &lt;name&gt;-&lt;scale&gt;/)
 *   small: {seeds: 2, steps: 20000}
 * </pre>
 *
 * Every problem is found before anything runs, each with its line and column: an unknown key, an unknown task or
 * algorithm, a value of the wrong type, a setting the algorithm does not have, a pair whose action space does not
 * fit, a run listed twice.
 */
public final class SweepFile {
    private SweepFile() {}

    private static final Set<String> GRID_KEYS = Set.of("envs", "algos", "seeds", "steps", "set", "env", "algo", "unsupported");
    private static final Set<String> TOP_KEYS = union(GRID_KEYS, Set.of("name", "description", "grids", "scales"));
    private static final Set<String> OVERRIDE_KEYS = Set.of("steps", "set");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    /** Where the suites shipped in the jar live, as {@code <name>.yaml}. */
    static final String SHIPPED = "/io/gauntlet/benchmarks/suites/";

    /** One problem in a sweep file. */
    public record Problem(Where where, String message) {
        @Override
        public String toString() {
            return where + ": " + message;
        }
    }

    /** A sweep file with problems: each is one line, {@code FILE:LINE:COLUMN: message}. */
    public static final class Invalid extends BadInputException {
        private final String source;
        private final List<Problem> problems;

        Invalid(String source, List<Problem> problems) {
            super(source + ": " + problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + ": " + problems.get(0));
            this.source = source;
            this.problems = List.copyOf(problems);
        }

        public List<Problem> problems() {
            return problems;
        }

        /** Every problem on its own line, as compilers print them. */
        public List<String> lines() {
            return problems.stream().map(p -> source + ":" + p).toList();
        }
    }

    /** Reads the sweep file at {@code file}, at {@code scale} (null: the file's own values). */
    public static Suite read(Path file, String scale) throws IOException {
        if (file.toString().isBlank()) throw new BadInputException("the sweep file's name is empty");
        return parse(InputFiles.readString("sweep file", file), file.toString(), scale);
    }

    /** The text of a suite shipped in the jar, or null. */
    public static String shippedText(String name) {
        try (InputStream in = SweepFile.class.getResourceAsStream(SHIPPED + name + ".yaml")) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A suite shipped in the jar, at {@code scale} (null: its default). */
    public static Suite shipped(String name, String scale) {
        String text = shippedText(name);
        if (text == null) throw new IllegalStateException("no shipped suite " + name);
        return parse(text, name + ".yaml", scale);
    }

    /** The scales a sweep file offers, in file order (none: an empty list). */
    public static List<String> scales(String text) {
        try {
            if (YamlTree.parse(text) instanceof Mapping m && m.entries().get("scales") instanceof Mapping s) {
                return List.copyOf(s.entries().keySet());
            }
        } catch (YamlTree.Malformed e) {
            // reported by parse
        }
        return List.of();
    }

    /** The suite a sweep file describes; every problem found is in the {@link Invalid} thrown. */
    public static Suite parse(String text, String source, String scale) {
        YamlTree root;
        try {
            root = YamlTree.parse(text);
        } catch (YamlTree.Malformed e) {
            throw new Invalid(source, List.of(new Problem(e.where, e.getMessage())));
        }
        Reader r = new Reader();
        Suite s = r.suite(root, scale);
        if (!r.problems.isEmpty()) {
            List<Problem> sorted = new ArrayList<>(r.problems);
            sorted.sort(java.util.Comparator.comparingInt((Problem p) -> p.where().line()).thenComparingInt(p -> p.where().column()));
            throw new Invalid(source, sorted);
        }
        return s;
    }

    /** Reads one file, collecting problems instead of stopping at the first. */
    private static final class Reader {
        final List<Problem> problems = new ArrayList<>();
        final Map<String, Where> runDirectories = new HashMap<>();

        void problem(YamlTree at, String message) {
            add(new Problem(at.where(), message));
        }

        /** Top-level keys are read again by every grid: a problem in them is listed once. */
        void add(Problem p) {
            if (!problems.contains(p)) problems.add(p);
        }

        Suite suite(YamlTree root, String scale) {
            if (!(root instanceof Mapping top)) {
                problem(root, "a sweep file is a mapping of keys (name, envs, algos, ...), not " + root.kind());
                return null;
            }
            Map<String, YamlTree> keys = new LinkedHashMap<>(top.entries());
            checkKeys(top, TOP_KEYS, "a sweep file");
            String name = text(keys.get("name"), "name");
            if (keys.get("name") == null) problem(top, "missing key 'name' (the sweep's name: results go to <out>/<name>/)");
            else if (name != null && !NAME.matcher(name).matches()) {
                problem(keys.get("name"), "name '" + name + "' must be letters, digits, '.', '_' or '-' (it names a directory)");
            }
            String description = keys.get("description") == null ? "" : text(keys.get("description"), "description");
            YamlTree scales = keys.get("scales");
            if (scales != null && !(scales instanceof Mapping)) problem(scales, "'scales' must map scale names to keys, not " + scales.kind());
            if (scale != null) {
                if (!(scales instanceof Mapping sm) || !sm.entries().containsKey(scale)) {
                    List<String> known = scales instanceof Mapping sm2 ? List.copyOf(sm2.entries().keySet()) : List.of();
                    throw new BadInputException("unknown scale '" + scale + "'" + (known.isEmpty() ? ": this sweep has none"
                            : " (known: " + String.join(", ", known) + ")"));
                }
                YamlTree chosen = ((Mapping) scales).entries().get(scale);
                if (chosen instanceof Mapping cm) {
                    checkKeys(cm, union(GRID_KEYS, Set.of("description", "grids")), "a scale");
                    keys.putAll(cm.entries());
                    if (name != null) name = name + "-" + scale;
                } else {
                    problem(chosen, "scale '" + scale + "' must be a mapping of keys, not " + chosen.kind());
                }
            }
            if (keys.get("description") != top.entries().get("description")) description = text(keys.get("description"), "description");

            List<Suite.Entry> entries = new ArrayList<>();
            YamlTree grids = keys.get("grids");
            boolean topHasGrid = keys.containsKey("envs");
            if (grids == null || topHasGrid) grid(top, keys, Map.of(), entries);
            if (grids != null) {
                if (grids instanceof Sequence gs) {
                    for (YamlTree g : gs.items()) {
                        if (g instanceof Mapping gm) {
                            checkKeys(gm, GRID_KEYS, "a grid");
                            grid(gm, gm.entries(), keys, entries);
                        } else {
                            problem(g, "a grid is a mapping of keys (envs, algos, ...), not " + g.kind());
                        }
                    }
                } else {
                    problem(grids, "'grids' must be a list of grids, not " + grids.kind());
                }
            }
            if (problems.isEmpty() && entries.isEmpty()) problem(top, "the sweep makes no runs");
            if (!problems.isEmpty()) return null;
            return new Suite(name, description, entries);
        }

        /** One grid: its own keys, each missing one taken from {@code defaults} (the top level's). */
        void grid(YamlTree at, Map<String, YamlTree> own, Map<String, YamlTree> defaults, List<Suite.Entry> out) {
            Map<String, YamlTree> k = new LinkedHashMap<>(defaults);
            k.keySet().retainAll(GRID_KEYS);
            k.putAll(own);
            // The per-task and per-algorithm overrides of the top level apply in every grid, the grid's own on top.
            Map<String, Override> envOverrides = overrides(defaults.get("env"), "env");
            envOverrides.putAll(overrides(own.get("env"), "env"));
            Map<String, Override> algoOverrides = overrides(defaults.get("algo"), "algo");
            algoOverrides.putAll(overrides(own.get("algo"), "algo"));

            YamlTree envsNode = k.get("envs");
            if (envsNode == null) {
                problem(at, "missing key 'envs' (the tasks of this grid)");
                return;
            }
            List<Scalar> envIds = scalars(envsNode, "envs");
            YamlTree algosNode = k.get("algos");
            boolean all = algosNode == null || algosNode instanceof Scalar s && "all".equals(s.text());
            List<Scalar> algoIds = all ? List.of() : scalars(algosNode, "algos");
            List<Long> seeds = seeds(k.get("seeds"), at);
            Long steps = k.get("steps") == null ? null : positive(k.get("steps"), "steps");
            boolean skipUnsupported = false;
            if (k.get("unsupported") != null) {
                String u = text(k.get("unsupported"), "unsupported");
                if ("skip".equals(u)) skipUnsupported = true;
                else if (!"error".equals(u)) problem(k.get("unsupported"), "'unsupported' is skip or error, not " + k.get("unsupported").kind());
            }
            Map<String, Setting> gridSet = settings(k.get("set"));

            List<AlgorithmSpec<?>> named = new ArrayList<>();
            List<Scalar> namedAt = new ArrayList<>();
            for (Scalar id : algoIds) {
                try {
                    named.add(AlgorithmRegistry.spec(id.text()));
                    namedAt.add(id);
                } catch (BadInputException e) {
                    problem(id, e.getMessage());
                }
            }
            for (var o : algoOverrides.entrySet()) {
                try {
                    AlgorithmRegistry.spec(o.getKey());
                } catch (BadInputException e) {
                    add(new Problem(o.getValue().key(), e.getMessage()));
                }
            }
            for (Scalar envId : envIds) {
                EnvSpec env;
                Env task;
                Space actions;
                try {
                    env = EnvRegistry.spec(envId.text());
                    task = env.make();
                    actions = task.actionSpace();
                } catch (BadInputException e) {
                    problem(envId, e.getMessage());
                    continue;
                }
                Override envOverride = envOverrides.get(env.id());
                List<AlgorithmSpec<?>> algos = new ArrayList<>();
                List<YamlTree> algosAt = new ArrayList<>();
                if (all) {
                    for (AlgorithmSpec<?> a : AlgorithmRegistry.all()) {
                        if (RunConfig.supports(a, task)) {
                            algos.add(a);
                            algosAt.add(algosNode == null ? envId : algosNode);
                        }
                    }
                } else {
                    for (int i = 0; i < named.size(); i++) {
                        AlgorithmSpec<?> a = named.get(i);
                        if (RunConfig.supports(a, task)) {
                            algos.add(a);
                            algosAt.add(namedAt.get(i));
                        } else if (!skipUnsupported) {
                            problem(namedAt.get(i), "algorithm '" + a.id() + (RunConfig.supports(a, actions)
                                    ? "' does not run on tasks like " + env.id()
                                    : "' does not support the action space " + actions.describe() + " of " + env.id())
                                    + " (leave such pairs out with 'unsupported: skip')");
                        }
                    }
                }
                for (int i = 0; i < algos.size(); i++) {
                    AlgorithmSpec<?> a = algos.get(i);
                    Override algoOverride = algoOverrides.get(a.id());
                    Map<String, Setting> set = new LinkedHashMap<>(gridSet);
                    if (envOverride != null) set.putAll(envOverride.set());
                    if (algoOverride != null) set.putAll(algoOverride.set());
                    Long budget = algoOverride != null && algoOverride.steps() != null ? algoOverride.steps()
                            : envOverride != null && envOverride.steps() != null ? envOverride.steps() : steps;
                    for (Variant v : variants(a, actions, set)) {
                        try {
                            RunConfig.resolveSettings(a, env.id(), actions, v.values());
                        } catch (BadInputException e) {
                            problem(algosAt.get(i), "on " + env.id() + (v.label().isEmpty() ? "" : " with " + v.label()) + ": " + e.getMessage());
                            continue;
                        }
                        String dir = env.id() + "/" + (v.label().isEmpty() ? a.id() : a.id() + "@" + v.label());
                        Where first = runDirectories.putIfAbsent(dir, envId.where());
                        if (first != null) {
                            problem(envId, a.id() + " on " + env.id() + (v.label().isEmpty() ? "" : " with " + v.label())
                                    + " is already in the sweep (at " + first + "): a run is listed once");
                            continue;
                        }
                        out.add(new Suite.Entry(env.id(), List.of(a.id()), seeds,
                                budget == null ? Map.of() : Map.of(a.id(), budget), 0, Map.of(a.id(), v.values()), v.label()));
                    }
                }
            }
        }

        /** A setting as written: one value, or the list of values to sweep over. */
        record Setting(Scalar key, List<Scalar> values, boolean swept) {}

        record Override(Where key, Long steps, Map<String, Setting> set) {}

        /** One combination of swept values: every setting's value, and the label naming the swept ones. */
        record Variant(Map<String, String> values, String label) {}

        Map<String, Override> overrides(YamlTree node, String what) {
            Map<String, Override> out = new LinkedHashMap<>();
            if (node == null) return out;
            if (!(node instanceof Mapping m)) {
                problem(node, "'" + what + "' maps " + (what.equals("env") ? "task ids" : "algorithm ids") + " to {steps, set}, not " + node.kind());
                return out;
            }
            for (var e : m.entries().entrySet()) {
                YamlTree v = e.getValue();
                if (!(v instanceof Mapping vm)) {
                    problem(v, "the overrides of " + e.getKey() + " are a mapping {steps, set}, not " + v.kind());
                    continue;
                }
                checkKeys(vm, OVERRIDE_KEYS, "an override");
                String id = e.getKey();
                if (what.equals("env")) {
                    try {
                        id = EnvRegistry.spec(id).id();
                    } catch (BadInputException ex) {
                        add(new Problem(m.keys().get(e.getKey()), ex.getMessage()));
                        continue;
                    }
                }
                Long steps = vm.entries().get("steps") == null ? null : positive(vm.entries().get("steps"), "steps");
                out.put(id, new Override(m.keys().get(e.getKey()), steps, settings(vm.entries().get("set"))));
            }
            return out;
        }

        Map<String, Setting> settings(YamlTree node) {
            Map<String, Setting> out = new LinkedHashMap<>();
            if (node == null) return out;
            if (!(node instanceof Mapping m)) {
                problem(node, "'set' maps setting names to values, not " + node.kind());
                return out;
            }
            for (var e : m.entries().entrySet()) {
                Scalar key = new Scalar(e.getKey(), false, m.keys().get(e.getKey()));
                YamlTree v = e.getValue();
                if (v instanceof Scalar s) {
                    if (s.text() == null) problem(s, "setting '" + e.getKey() + "' has no value");
                    else out.put(e.getKey(), new Setting(key, List.of(s), false));
                } else if (v instanceof Sequence seq) {
                    if (seq.items().isEmpty()) {
                        problem(seq, "setting '" + e.getKey() + "' sweeps over no values");
                        continue;
                    }
                    if (seq.items().stream().allMatch(i -> i instanceof Scalar sc && sc.number())) {
                        // Either a sweep over numbers, or one list-valued setting (hidden_sizes: [64, 64]): the
                        // algorithm's field type decides, in variants().
                        out.put(e.getKey(), new Setting(key, seq.items().stream().map(i -> (Scalar) i).toList(), true));
                        continue;
                    }
                    List<Scalar> values = new ArrayList<>();
                    for (YamlTree item : seq.items()) {
                        if (item instanceof Scalar s && s.text() != null) values.add(s);
                        else if (item instanceof Sequence inner && inner.items().stream().allMatch(i -> i instanceof Scalar)) {
                            StringBuilder sb = new StringBuilder();
                            for (YamlTree i : inner.items()) sb.append(sb.length() == 0 ? "" : ",").append(((Scalar) i).text());
                            values.add(new Scalar(sb.toString(), false, inner.where()));
                        } else problem(item, "setting '" + e.getKey() + "': a value is a number, a word or a list of sizes, not " + item.kind());
                    }
                    out.put(e.getKey(), new Setting(key, values, true));
                } else {
                    problem(v, "setting '" + e.getKey() + "' takes a value or a list of values to sweep over, not " + v.kind());
                }
            }
            return out;
        }

        /** The combinations of {@code set}'s swept values for one algorithm, after checking every name and value. */
        List<Variant> variants(AlgorithmSpec<?> a, Space actions, Map<String, Setting> set) {
            Map<String, ArgSchema.Field> fields = new LinkedHashMap<>();
            for (ArgSchema.Field f : a.schema().fields()) fields.put(f.name(), f);
            List<String> names = new ArrayList<>();
            List<List<String>> choices = new ArrayList<>();
            boolean ok = true;
            for (Setting s : set.values()) {
                if (s.key().text().equals(Preset.KEY)) { // where the settings start from: a preset's name, or none
                    List<String> texts = new ArrayList<>();
                    for (Scalar v : s.values()) {
                        try {
                            if (!v.text().equals(Preset.NONE)) a.preset(v.text());
                            texts.add(v.text());
                        } catch (BadInputException e) {
                            problem(v, a.id() + ": " + e.getMessage());
                            ok = false;
                        }
                    }
                    if (!texts.isEmpty()) {
                        names.add(Preset.KEY);
                        choices.add(s.swept() ? texts : List.of(texts.get(0)));
                    }
                    continue;
                }
                ArgSchema.Field f = fields.get(s.key().text());
                if (f == null) {
                    problem(s.key(), "algorithm '" + a.id() + "' has no setting '" + s.key().text() + "' (its settings: "
                            + String.join(", ", fields.keySet()) + ")");
                    ok = false;
                    continue;
                }
                List<Scalar> values = s.values();
                boolean swept = s.swept();
                if (swept && f.type() == int[].class && values.stream().allMatch(Scalar::number)) {
                    // [64, 64] for a list of sizes is one value, not a sweep over 64 and 64
                    StringBuilder sb = new StringBuilder();
                    for (Scalar v : values) sb.append(sb.length() == 0 ? "" : ",").append(v.text());
                    values = List.of(new Scalar(sb.toString(), false, values.get(0).where()));
                    swept = false;
                }
                List<String> texts = new ArrayList<>();
                for (Scalar v : values) {
                    try {
                        ArgSchema.parse(f, v.text());
                        texts.add(v.text());
                    } catch (BadInputException e) {
                        problem(v, a.id() + ": " + e.getMessage());
                        ok = false;
                    }
                }
                if (swept && texts.size() > 1) {
                    names.add(f.name());
                    choices.add(texts);
                } else if (!texts.isEmpty()) {
                    names.add(f.name());
                    choices.add(List.of(texts.get(0)));
                }
            }
            if (!ok) return List.of();
            List<Variant> out = new ArrayList<>();
            out.add(new Variant(new LinkedHashMap<>(), ""));
            for (int i = 0; i < names.size(); i++) {
                List<Variant> next = new ArrayList<>();
                for (Variant v : out) {
                    for (String value : choices.get(i)) {
                        Map<String, String> values = new LinkedHashMap<>(v.values());
                        values.put(names.get(i), value);
                        String label = v.label();
                        if (choices.get(i).size() > 1) {
                            label += (label.isEmpty() ? "" : ",") + names.get(i) + "=" + value.replace(",", "x").replaceAll("[^A-Za-z0-9._x+-]", "_");
                        }
                        next.add(new Variant(values, label));
                    }
                }
                out = next;
            }
            return out;
        }

        void checkKeys(Mapping m, Set<String> allowed, String what) {
            for (var e : m.keys().entrySet()) {
                if (!allowed.contains(e.getKey())) {
                    add(new Problem(e.getValue(), "unknown key '" + e.getKey() + "' in " + what + " (known: "
                            + String.join(", ", allowed.stream().sorted().toList()) + ")"));
                }
            }
        }

        String text(YamlTree node, String key) {
            if (node instanceof Scalar s && s.text() != null) return s.text();
            if (node != null) problem(node, "'" + key + "' takes a word, not " + node.kind());
            return null;
        }

        List<Scalar> scalars(YamlTree node, String key) {
            List<Scalar> out = new ArrayList<>();
            if (node instanceof Scalar s && s.text() != null) {
                out.add(s);
            } else if (node instanceof Sequence seq) {
                for (YamlTree i : seq.items()) {
                    if (i instanceof Scalar s && s.text() != null) out.add(s);
                    else problem(i, "'" + key + "' lists ids, not " + i.kind());
                }
                if (seq.items().isEmpty()) problem(seq, "'" + key + "' lists no ids");
            } else {
                problem(node, "'" + key + "' takes an id or a list of ids, not " + node.kind());
            }
            return out;
        }

        List<Long> seeds(YamlTree node, YamlTree grid) {
            if (node == null) {
                problem(grid, "missing key 'seeds' (a count, or a list of seeds)");
                return List.of();
            }
            if (node instanceof Scalar s) {
                Long n = integer(s);
                if (n == null || n < 1 || n > 10_000) {
                    problem(s, "'seeds' takes a count from 1 or a list of seeds, not " + s.kind());
                    return List.of();
                }
                List<Long> out = new ArrayList<>();
                for (long i = 0; i < n; i++) out.add(i);
                return out;
            }
            List<Long> out = new ArrayList<>();
            if (node instanceof Sequence seq && !seq.items().isEmpty()) {
                for (YamlTree i : seq.items()) {
                    Long v = i instanceof Scalar s ? integer(s) : null;
                    if (v == null || v < 0) problem(i, "a seed is a non-negative integer, not " + i.kind());
                    else if (out.contains(v)) problem(i, "seed " + v + " is listed twice");
                    else out.add(v);
                }
                return out;
            }
            problem(node, "'seeds' takes a count or a list of seeds, not " + node.kind());
            return out;
        }

        Long positive(YamlTree node, String key) {
            Long v = node instanceof Scalar s ? integer(s) : null;
            if (v == null || v <= 0) {
                problem(node, "'" + key + "' takes a positive number of env steps, not " + node.kind());
                return null;
            }
            return v;
        }

        /** An integer as written plainly, with underscores or in scientific notation (1e6); null if it is none. */
        static Long integer(Scalar s) {
            if (s.text() == null) return null;
            String t = s.text().trim().replace("_", "");
            try {
                return Long.parseLong(t);
            } catch (NumberFormatException e) {
                try {
                    double d = Double.parseDouble(t);
                    return d == Math.rint(d) && Math.abs(d) < 9e15 ? (long) d : null;
                } catch (NumberFormatException e2) {
                    return null;
                }
            }
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> s = new java.util.HashSet<>(a);
        s.addAll(b);
        return Set.copyOf(s);
    }
}
