package io.gauntlet.benchmarks.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gauntlet.core.env.EnvRegistry;
import io.gauntlet.core.experiment.AlgorithmRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Every option and file argument of every command, given values it must refuse: the command exits with status 2,
 * prints one line on stderr (no stack trace), and creates nothing under its output directory. Each case starts
 * from a valid invocation of the command ({@link #aValidInvocationOfEachCommandSucceeds} shows they are) and
 * spoils exactly one argument, so a refusal is the spoiled argument's doing. {@link #everyArgumentIsCovered} keeps
 * the table complete: a new option without bad values here fails the build.
 */
class CliFuzzTest {
    static Path root;
    static Path results, runDir, actions, sweepFile, planarXml, emptyFile, textFile, binaryFile, wrongJson, aDirectory, aDirectoryPng;

    /** How an argument is spoiled: the values every argument of the kind must refuse. */
    enum Kind { COUNT, SEED, SECONDS, TASK, PLANAR_TASK, ALGORITHM, SETTING, PPO_SETTING, OUT_DIR, OUT_FILE, IN_FILE,
        IN_DIR, CHOICE, STATE, MODEL, CLUSTER, JMH }

    /**
     * One argument: its command and option (a positional by index), the valid invocation it is spoiled in
     * ({@code {out}} is the output directory, {@code {results}}, {@code {run}}, {@code {actions}}, {@code {xml}}
     * the prepared inputs), and bad values beyond its kind's (an upper bound of its own).
     */
    record Slot(String command, String option, Kind kind, List<String> base, List<String> extraBad) {
        String label() {
            return command + " " + option + (kind == Kind.PPO_SETTING ? " (ppo)" : "");
        }
    }

    static final Map<String, List<String>> BASE = Map.of(
            "train", List.of("train", "--env", "CartPole-v1", "--algo", "random", "--steps", "200", "--set", "batch_size=100", "--out", "{out}"),
            "run", List.of("run", "quick", "--jobs", "1", "--out", "{out}"),
            "report", List.of("report", "{results}", "--out", "{out}"),
            "render", List.of("render", "--env", "Hopper-planar-v0", "--steps", "3", "--frames", "2", "--out", "{out}/r.png"),
            "rollout", List.of("rollout", "--env", "CartPole-v1", "--init-state", "0,0,0.01,0", "--actions", "{actions}", "--out", "{out}/r.csv"),
            "speed", List.of("speed", "--env", "CartPole-v1", "--steps", "1000", "--seconds", "0.05"),
            "place", List.of("place", "--model", "rnnlm", "--cluster", "1cpu-2k80", "--placer", "heft", "--out", "{out}"),
            "list", List.of("list", "envs"),
            "bench", List.of("bench", "-l"),
            "sweep", List.of("sweep", "{sweep}", "--jobs", "1", "--out", "{out}"));

    static final List<Slot> SLOTS = List.of(
            slot("train", "--env", Kind.TASK),
            slot("train", "--algo", Kind.ALGORITHM),
            slot("train", "--seed", Kind.SEED),
            slot("train", "--steps", Kind.COUNT),
            slot("train", "--set", Kind.SETTING),
            new Slot("train", "--set", Kind.PPO_SETTING, List.of("train", "--env", "CartPole-v1", "--algo", "ppo", "--steps", "512", "--out", "{out}"),
                    List.of()),
            slot("train", "--out", Kind.OUT_DIR),
            slot("train", "--preset", Kind.CHOICE),
            slot("run", "0", Kind.CHOICE),
            slot("run", "--jobs", Kind.COUNT, "3", "100000"),
            slot("run", "--out", Kind.OUT_DIR),
            slot("run", "--scale", Kind.CHOICE),
            slot("sweep", "0", Kind.IN_FILE, "{sweep}.missing"),
            slot("sweep", "--jobs", Kind.COUNT, "3"),
            slot("sweep", "--out", Kind.OUT_DIR),
            slot("sweep", "--scale", Kind.CHOICE),
            slot("sweep", "--spark", Kind.CHOICE),
            slot("report", "0", Kind.IN_DIR),
            slot("report", "--out", Kind.OUT_DIR),
            slot("report", "--references", Kind.IN_FILE),
            slot("render", "--env", Kind.PLANAR_TASK),
            new Slot("render", "--model", Kind.IN_FILE, List.of("render", "--model", "{xml}", "--steps", "3", "--out", "{out}/r.png"),
                    List.of("{xml}.missing")),
            new Slot("render", "--checkpoint", Kind.IN_DIR, List.of("render", "--checkpoint", "{run}", "--steps", "3", "--out", "{out}/r.png"),
                    List.of("{results}")),
            slot("render", "--steps", Kind.COUNT, "1000000"),
            slot("render", "--frames", Kind.COUNT, "1000000"),
            slot("render", "--seed", Kind.SEED),
            slot("render", "--out", Kind.OUT_FILE, "{out}/r.txt", "{out}/r"),
            slot("rollout", "--env", Kind.TASK),
            slot("rollout", "--init-state", Kind.STATE),
            slot("rollout", "--actions", Kind.IN_FILE, "{xml}"),
            slot("rollout", "--out", Kind.OUT_FILE),
            slot("rollout", "--seed", Kind.SEED),
            slot("speed", "--env", Kind.TASK),
            slot("speed", "--num-envs", Kind.COUNT, "100000000"),
            slot("speed", "--seconds", Kind.SECONDS),
            slot("speed", "--steps", Kind.COUNT, "1000000000000"),
            slot("speed", "--seed", Kind.SEED),
            slot("place", "--model", Kind.MODEL),
            slot("place", "--cluster", Kind.CLUSTER),
            slot("place", "--placer", Kind.CHOICE),
            slot("place", "--out", Kind.OUT_DIR),
            slot("place", "--groups", Kind.COUNT),
            slot("place", "--save-graph", Kind.OUT_FILE),
            slot("place", "--profile", Kind.CHOICE),
            slot("place", "--list", Kind.CHOICE),
            slot("place", "--budget", Kind.COUNT),
            slot("place", "--seed", Kind.SEED),
            slot("list", "0", Kind.CHOICE),
            slot("bench", "0", Kind.JMH));

    /** Arguments with nothing to spoil: flags and help. */
    static final Set<String> FLAGS = Set.of("--json", "--help", "-h", "--version", "-V", "--calibration", "--print", "--dry-run");

    /** Arguments whose refusal may take several lines: a sweep file lists every problem it has, each on its line. */
    static final Set<String> LINE_PER_PROBLEM = Set.of("sweep 0");

    static Slot slot(String command, String option, Kind kind, String... extraBad) {
        return new Slot(command, option, kind, BASE.get(command), List.of(extraBad));
    }

    /** The values every argument of a kind refuses, as written on the command line ({@code {…}} as in {@link Slot}). */
    static List<String> badValues(Kind kind) {
        return switch (kind) {
            case COUNT -> List.of("0", "-1", "ten", "1.5", "", "99999999999999999999", "NaN");
            case SEED -> List.of("-1", "x", "1.5", "", "99999999999999999999999");
            case SECONDS -> List.of("0", "-1", "NaN", "Infinity", "x", "1e9", "");
            case TASK -> List.of("Nope-v0", "", "cartpole-v1", "CartPole-v1:nope", "CartPole-v1:normalize-obs=bogus", "CartPole-v1:",
                    "CartPole", "../CartPole-v1", "CartPole-v1 ");
            case PLANAR_TASK -> List.of("Nope-v0", "", "CartPole-v1", "Pendulum-v1", "Hopper-planar-v0:nope");
            case ALGORITHM -> List.of("nope", "", "PPO ", "ppo,trpo", "random:x");
            case SETTING -> List.of("nope=1", "batch_size=lots", "batch_size", "=3", "batch_size=", "batch_size=0", "batch_size=-1",
                    "batch_size=1e99", "batch_size=NaN", "batch_size=1.5", "batch_size==2");
            case PPO_SETTING -> List.of("num_envs=0", "num_envs=100000", "num_minibatches=100000", "gamma=2", "gamma=-0.1",
                    "learning_rate=-2", "learning_rate=0", "learning_rate=NaN", "threads=3", "threads=0", "hidden_sizes=0",
                    "hidden_sizes=64,,64", "hidden_sizes=-64", "norm_adv=maybe", "update_epochs=0", "clip_coef=inf", "ent_coef=-1",
                    "max_grad_norm=0", "num_steps=0");
            case OUT_DIR -> List.of("/proc/x", "/sys/x", "/proc/x/y/z", "{file}/sub", "{file}", "");
            case OUT_FILE -> List.of("/proc/x/out.png", "{dir.png}", "{file}/sub.png", "");
            case IN_FILE -> List.of("{out}/missing", "{dir}", "{empty}", "{text}", "{binary}", "{wrongJson}", "");
            case IN_DIR -> List.of("{out}/missing", "{file}", "{dir}", "");
            case CHOICE -> List.of("nope", "", "ALL ", "--", "x".repeat(300));
            case STATE -> List.of("0,0", "0,0,0,0,0", "a,b,c,d", "NaN,0,0,0", "0,0,Infinity,0", "", ",,,", "0;0;0;0", "1e999,0,0,0");
            case MODEL -> List.of("nope", "", "nmt:hidden=-1", "nmt:hidden=x", "nmt:bogus=3", "nmt:steps=100000", "gnmt:layers=1000000", "rnnlm:batch=0", "{dir}", "{empty}",
                    "{text}", "{binary}", "{wrongJson}", "{out}/missing.json");
            case CLUSTER -> List.of("nope", "", "{dir}", "{empty}", "{text}", "{binary}", "{wrongJson}", "{out}/missing.json");
            case JMH -> List.of("-wi x", "-bogus", "NoSuchBenchmarkAnywhere", "-f", "-t many", "-i -x");
        };
    }

    @BeforeContainer
    static void prepare() throws IOException {
        root = Files.createTempDirectory("gauntlet-fuzz");
        results = root.resolve("results");
        CliRunner trained = CliRunner.run("train", "--env", "Hopper-planar-v0", "--algo", "ppo", "--steps", "64", "--set", "num_steps=64",
                "--set", "num_minibatches=2", "--set", "update_epochs=1", "--out", results.toString());
        assertEquals(0, trained.status(), trained.err());
        runDir = results.resolve("Hopper-planar-v0").resolve("ppo").resolve("seed-0");
        actions = Files.writeString(root.resolve("actions.txt"), "0\n1\n1\n");
        sweepFile = Files.writeString(root.resolve("sweep.yaml"),
                "name: fuzz\nenvs: [CartPole-v1]\nalgos: [random]\nseeds: 1\nsteps: 200\nset: {batch_size: 100}\n");
        planarXml = Files.writeString(root.resolve("arm.xml"), "<mujoco model='arm'><worldbody><geom name='floor' type='plane' size='5 5 1'/>"
                + "<body name='base' pos='0 0 0.3'><joint name='x' type='slide' axis='1 0 0'/><joint name='z' type='slide' axis='0 0 1'/>"
                + "<joint name='r' type='hinge' axis='0 1 0'/><geom type='box' size='0.2 0.1 0.05'/></body></worldbody>"
                + "<actuator><motor joint='r' gear='5' ctrlrange='-1 1'/></actuator></mujoco>");
        emptyFile = Files.createFile(root.resolve("empty"));
        textFile = Files.writeString(root.resolve("text"), "this is not { what any command reads\n");
        binaryFile = Files.write(root.resolve("binary"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, (byte) 0xc3, 0x28});
        wrongJson = Files.writeString(root.resolve("wrong.json"), "{\"format\":\"something-else/9\",\"ops\":[]}");
        aDirectory = Files.createDirectories(root.resolve("a-directory"));
        aDirectoryPng = Files.createDirectories(root.resolve("a-directory.png"));
    }

    @AfterContainer
    static void cleanUp() throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    private static final AtomicInteger CASES = new AtomicInteger();

    /** {@code args} with the placeholders filled in, {out} as given. */
    static List<String> fill(List<String> args, Path out) {
        return args.stream().map(s -> s.replace("{out}", out.toString()).replace("{results}", results.toString())
                .replace("{run}", runDir.toString()).replace("{actions}", actions.toString()).replace("{sweep}", sweepFile.toString()).replace("{xml}", planarXml.toString())
                .replace("{file}", textFile.toString()).replace("{dir.png}", aDirectoryPng.toString()).replace("{dir}", aDirectory.toString())
                .replace("{empty}", emptyFile.toString()).replace("{text}", textFile.toString()).replace("{binary}", binaryFile.toString())
                .replace("{wrongJson}", wrongJson.toString())).collect(Collectors.toCollection(ArrayList::new));
    }

    /** The command line of {@code slot}'s valid invocation with its argument set to {@code value}, under {@code out}. */
    static List<String> invocation(Slot slot, String value, Path out) {
        if (slot.kind() == Kind.JMH) return fill(Stream.concat(Stream.of("bench"), Stream.of(value.split(" "))).toList(), out);
        List<String> args = fill(slot.base(), out);
        String v = fill(List.of(value), out).get(0);
        if (slot.option().matches("\\d+")) {
            args.set(1 + Integer.parseInt(slot.option()), v);
        } else {
            int at = args.indexOf(slot.option());
            if (slot.kind() == Kind.SETTING || slot.kind() == Kind.PPO_SETTING || at < 0) {
                args.add(slot.option());
                args.add(v);
            } else {
                args.set(at + 1, v);
            }
        }
        return args;
    }

    /** Runs the spoiled invocation and checks the refusal. */
    static void assertRefused(Slot slot, String value) throws IOException {
        Path out = root.resolve("out-" + CASES.incrementAndGet());
        Files.createDirectories(out);
        List<String> args = invocation(slot, value, out);
        String what = slot.label() + " '" + value + "': " + String.join(" ", args);
        CliRunner r = CliRunner.run(args.toArray(new String[0]));
        assertEquals(2, r.status(), what + " -> exit " + r.status() + ", stderr: " + r.err());
        assertTrue(r.err().startsWith("gauntlet: "), what + " -> " + r.err());
        if (LINE_PER_PROBLEM.contains(slot.label())) {
            assertTrue(r.err().strip().lines().allMatch(l -> l.startsWith("gauntlet: ")), what + " -> " + r.err());
        } else {
            assertEquals(1, r.err().strip().lines().count(), what + " must print one line: " + r.err());
        }
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), what + " leaked a stack trace: " + r.err());
        assertFalse(r.err().contains(".tmp") || r.err().contains(".gauntlet-probe"), what + " shows an internal file name: " + r.err());
        try (Stream<Path> s = Files.list(out)) {
            assertEquals(List.of(), s.toList(), what + " created files under its output directory");
        }
        Files.delete(out);
    }

    @Example
    void everyArgumentIsCovered() {
        Set<String> covered = SLOTS.stream().map(s -> s.command() + " " + s.option()).collect(Collectors.toSet());
        Set<String> missing = new TreeSet<>();
        for (Map.Entry<String, CommandLine> e : Gauntlet.commandLine().getSubcommands().entrySet()) {
            if (e.getKey().equals("help")) continue;
            for (ArgSpec a : e.getValue().getCommandSpec().args()) {
                String name = a instanceof OptionSpec o ? o.longestName() : String.valueOf(((PositionalParamSpec) a).index().min());
                if (a instanceof OptionSpec o && Set.of(o.names()).stream().anyMatch(FLAGS::contains)) continue;
                if (!covered.contains(e.getKey() + " " + name)) missing.add(e.getKey() + " " + name);
            }
            assertTrue(BASE.containsKey(e.getKey()), "no valid invocation of " + e.getKey() + " to spoil");
        }
        assertEquals(Set.of(), missing, "arguments without bad values in CliFuzzTest.SLOTS");
    }

    /** The spoiled invocations start valid: each command's base succeeds (run's is a whole suite, left out). */
    @Example
    void aValidInvocationOfEachCommandSucceeds() throws IOException {
        Set<List<String>> bases = SLOTS.stream().filter(s -> !s.command().equals("run")).map(Slot::base)
                .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
        for (List<String> base : bases) {
            Path out = Files.createDirectories(root.resolve("valid-" + CASES.incrementAndGet()));
            List<String> args = fill(base, out);
            CliRunner r = CliRunner.run(args.toArray(new String[0]));
            assertEquals(0, r.status(), String.join(" ", args) + " -> " + r.err());
        }
    }

    /** The table's cases, every one: each kind's bad values and each argument's own, in each argument. */
    @Example
    void everyBadValueOfEveryArgumentIsRefused() throws IOException {
        int n = 0;
        List<String> failures = new ArrayList<>();
        for (Slot slot : SLOTS) {
            for (String value : badValuesOf(slot)) {
                try {
                    assertRefused(slot, value);
                } catch (AssertionError e) {
                    failures.add(e.getMessage());
                }
                n++;
            }
        }
        assertEquals("", String.join("\n", failures), failures.size() + " of " + n + " cases failed");
        assertTrue(n > 250, "the table holds " + n + " cases");
    }

    static List<String> badValuesOf(Slot slot) {
        List<String> all = new ArrayList<>(badValues(slot.kind()));
        all.addAll(slot.extraBad());
        return all;
    }

    /** Generated junk in every argument: random text, numbers out of any range, paths that cannot be. */
    @Property(tries = 300)
    void generatedJunkIsRefused(@ForAll("spoiled") Spoiled c) throws IOException {
        assertRefused(c.slot(), c.value());
    }

    record Spoiled(Slot slot, String value) {}

    @Provide
    Arbitrary<Spoiled> spoiled() {
        return Arbitraries.of(SLOTS).flatMap(slot -> junk(slot).map(v -> new Spoiled(slot, v)));
    }

    private static final Set<String> KNOWN_NAMES = Stream.concat(
                    Stream.concat(EnvRegistry.all().stream().map(s -> s.id()), AlgorithmRegistry.all().stream().map(a -> a.id())),
                    Stream.of("quick", "acceptance", "locomotion", "rllab-table", "placement", "full", "rl-seq2seq", "rl-gnn", "none", "rllab", "pendulum", "small", "local", "yarn", "envs", "algos", "models", "clusters", "placers", "profiles", "all",
                            "rnnlm", "nmt", "gnmt", "inception-v3", "heft", "random", "human-expert", "single-gpu", "single-cpu",
                            "round-robin", "metis", "scotch", "roofline", "tf2017-k80"))
            .collect(Collectors.toSet());

    static Arbitrary<String> junk(Slot slot) {
        // at least one of a, b, c, x, y, z: never a number, and no registered name is spelt from these
        Arbitrary<String> words = Arbitraries.strings().withChars("abcxyz-_:.=,/ 019").ofMinLength(1).ofMaxLength(24)
                .filter(s -> s.matches(".*[abcxyz].*") && !KNOWN_NAMES.contains(s.strip()));
        return switch (slot.kind()) {
            case COUNT -> Arbitraries.oneOf(Arbitraries.longs().between(Long.MIN_VALUE, 0).map(String::valueOf),
                    Arbitraries.doubles().map(d -> d == Math.rint(d) ? d + 0.5 : d).map(String::valueOf), words);
            case SEED -> Arbitraries.oneOf(Arbitraries.longs().lessOrEqual(-1).map(String::valueOf), words);
            case SECONDS -> Arbitraries.oneOf(Arbitraries.doubles().lessOrEqual(0).map(String::valueOf),
                    Arbitraries.doubles().greaterOrEqual(3601).map(String::valueOf), words);
            case TASK, PLANAR_TASK, ALGORITHM, CHOICE -> words;
            case SETTING -> Combinators.combine(Arbitraries.of("batch_size", "nope", ""), words).as((k, v) -> k + "=" + v);
            case PPO_SETTING -> Combinators.combine(Arbitraries.of("num_envs", "gamma", "learning_rate", "hidden_sizes", "threads", "clip_coef",
                    "anneal_lr", "bogus"), Arbitraries.oneOf(words, Arbitraries.doubles().ofScale(12).between(-1e30, -1e-9).map(String::valueOf)))
                    .as((k, v) -> k + "=" + v);
            case OUT_DIR -> words.map(w -> "/proc/" + w.strip().replace(" ", "_") + "/x");
            case OUT_FILE -> words.map(w -> "/proc/" + w.strip().replace(" ", "_") + "/x.png");
            case IN_FILE, IN_DIR -> words.map(w -> "{out}/" + w.strip().replace(" ", "_").replace("/", "_") + ".missing");
            case STATE -> Arbitraries.doubles().list().ofMaxSize(8).filter(l -> l.size() != 4)
                    .map(l -> l.stream().map(String::valueOf).collect(Collectors.joining(",")));
            case MODEL, CLUSTER -> Arbitraries.oneOf(words, words.map(w -> "nmt:" + w));
            case JMH -> words.map(w -> "NoSuch" + w.strip().replace(" ", "_"));
        };
    }
}
