package io.gauntlet.benchmarks.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gauntlet.core.env.Box;
import io.gauntlet.core.experiment.AlgorithmRegistry;
import io.gauntlet.core.experiment.AlgorithmSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
    @TempDir Path tmp;

    static CliRunner cli(String... args) {
        return CliRunner.run(args);
    }

    /** A test algorithm without settings. */
    record NoArgs() {}

    @BeforeAll
    static void registerAContinuousOnlyAlgorithm() {
        if (AlgorithmRegistry.all().stream().noneMatch(a -> a.id().equals("continuous-only"))) {
            AlgorithmRegistry.register(new AlgorithmSpec<>("continuous-only", "test algorithm for Box actions", NoArgs.class,
                    1000, s -> s instanceof Box, args -> run -> {}));
        }
    }

    private static List<Path> filesUnder(Path dir) throws IOException {
        if (!Files.exists(dir)) return List.of();
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    @Test
    void badTrainInputsExitWithStatus2OneLineAndWriteNothing() throws IOException {
        Path out = tmp.resolve("out");
        Path file = Files.writeString(tmp.resolve("file"), "x");
        String o = out.toString();
        List<String[]> cases = new ArrayList<>(List.of(
                new String[] {"train", "--env", "Nope-v0", "--algo", "random", "--out", o},
                new String[] {"train", "--env", "CartPole-v1", "--algo", "nope", "--out", o},
                new String[] {"train", "--env", "CartPole-v1", "--algo", "random", "--set", "nope=1", "--out", o},
                new String[] {"train", "--env", "CartPole-v1", "--algo", "random", "--set", "batch_size=lots", "--out", o},
                new String[] {"train", "--env", "CartPole-v1", "--algo", "random", "--set", "batch_size", "--out", o},
                new String[] {"train", "--env", "CartPole-v1", "--algo", "random", "--set", "batch_size=100", "--set", "batch_size=200", "--out", o},
                new String[] {"train", "--env", "CartPole-v1", "--algo", "random", "--set", "batch_size=0", "--out", o},
                new String[] {"train", "--env", "CartPole-v1", "--algo", "random", "--steps", "0", "--out", o},
                new String[] {"train", "--env", "CartPole-v1", "--algo", "random", "--steps", "ten", "--out", o},
                new String[] {"train", "--env", "CartPole-v1", "--algo", "random", "--seed", "-1", "--out", o},
                new String[] {"train", "--env", "CartPole-v1", "--algo", "random", "--bogus", "--out", o},
                new String[] {"train", "--env", "Pendulum-v1", "--algo", "td3", "--preset", "nope", "--out", o},
                new String[] {"train", "--env", "Pendulum-v1", "--algo", "td3", "--set", "preset=pendulum", "--out", o},
                new String[] {"train", "--env", "CartPole-v1", "--out", o},
                new String[] {"train", "--env", "CartPole-v1", "--algo", "continuous-only", "--out", o},
                new String[] {"train", "--env", "CartPole-v1", "--algo", "random", "--out", file.resolve("sub").toString()},
                new String[] {"list", "things"},
                new String[] {"run", "nope", "--out", o},
                new String[] {"run", "quick", "--jobs", "0", "--out", o},
                new String[] {"report", tmp.resolve("missing").toString()},
                new String[] {"report", Files.createDirectories(tmp.resolve("empty")).toString()},
                new String[] {"bench", "-wi", "x"}));
        for (String[] args : cases) {
            CliRunner r = cli(args);
            String what = String.join(" ", args);
            assertEquals(2, r.status(), what + " -> " + r.err());
            assertTrue(r.err().startsWith("gauntlet: "), what + " -> " + r.err());
            assertEquals(1, r.err().strip().lines().count(), what + " must print one line: " + r.err());
            assertFalse(r.err().contains("Exception"), what + " leaked a stack trace: " + r.err());
            assertEquals(List.of(), filesUnder(out), what + " wrote files");
        }
        assertEquals("x", Files.readString(file));
        assertEquals(List.of(), filesUnder(tmp.resolve("empty")));
    }

    @Test
    void actionSpaceMismatchNamesTheSpace() {
        CliRunner r = cli("train", "--env", "CartPole-v1", "--algo", "continuous-only", "--out", tmp.toString());
        assertTrue(r.err().contains("Discrete(2)"), r.err());
    }

    @Test
    void trainWritesARunAndReportsItAsJsonThenRecognisesItAsFinished() throws IOException {
        String[] args = {"train", "--env", "CartPole-v1", "--algo", "random", "--seed", "4", "--steps", "3000",
            "--set", "batch_size=1000", "--out", tmp.toString(), "--json"};
        CliRunner r = cli(args);
        assertEquals(0, r.status(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals(1, r.out().strip().lines().count());
        assertEquals("finished", j.get("status").asText());
        assertEquals(3, j.get("iterations").asInt());
        assertEquals(3000, j.get("totalEnvSteps").asLong());
        Path dir = tmp.resolve("CartPole-v1/random/seed-4");
        assertEquals(4, Files.readAllLines(dir.resolve("progress.csv")).size());
        // a uniformly random CartPole policy averages about 22 steps per episode, +1 reward per step
        double ret = j.get("lastAverageReturn").asDouble();
        assertTrue(ret > 12 && ret < 40, "random CartPole return " + ret);

        CliRunner again = cli(args);
        assertEquals(0, again.status());
        assertEquals("already-finished", new ObjectMapper().readTree(again.out()).get("status").asText());
        assertTrue(again.err().contains("already finished"));

        CliRunner other = cli("train", "--env", "CartPole-v1", "--algo", "random", "--seed", "4", "--steps", "3000",
                "--set", "batch_size=500", "--out", tmp.toString());
        assertEquals(2, other.status());
        assertTrue(other.err().contains("different run"), other.err());
    }

    /** The placement task is an ordinary env: the generic algorithms train on it, and the report charts it. */
    @Test
    void genericAlgorithmsTrainOnAPlacementTaskAndTheReportChartsIt() throws IOException {
        String env = "Placement-rnnlm@hidden=64,steps=4,vocab=100,batch=8-1cpu-2k80-v0";
        for (String algo : List.of("reinforce", "ppo", "trpo", "cem")) {
            CliRunner r = cli("train", "--env", env, "--algo", algo, "--steps", "6000", "--out", tmp.toString());
            assertEquals(0, r.status(), algo + ": " + r.err());
            Path progress = tmp.resolve(env).resolve(algo).resolve("seed-0").resolve("progress.csv");
            String header = Files.readAllLines(progress).get(0);
            assertTrue(header.contains("StepTime,BestStepTime,Feasible,BestFeasible"), algo + ": " + header);
        }
        Path cyclic = tmp.resolve("cyclic.json");
        Files.writeString(cyclic, "{\"name\": \"c\", \"ops\": [{\"name\": \"a\", \"inputs\": [\"b\"]}, {\"name\": \"b\", \"inputs\": [\"a\"]}]}");
        for (String bad : List.of("Placement-resnet-1cpu-4k80-v0", "Placement-nmt-9gpu-v0", "Placement-" + cyclic + "-1cpu-2k80-v0")) {
            CliRunner r = cli("train", "--env", bad, "--algo", "ppo", "--out", tmp.resolve("bad").toString());
            assertEquals(2, r.status(), bad);
            assertEquals(1, r.err().strip().lines().count(), r.err());
        }
        assertFalse(Files.exists(tmp.resolve("bad")));
        CliRunner report = cli("report", tmp.toString());
        assertEquals(0, report.status(), report.err());
        try (Stream<Path> charts = Files.list(tmp.resolve("report"))) {
            assertTrue(charts.anyMatch(p -> p.getFileName().toString().startsWith("Placement-") && p.toString().endsWith(".png")));
        }
    }

    @Test
    void listShowsIdsSpacesLimitsAndParameters() throws IOException {
        CliRunner envs = cli("list", "envs");
        assertEquals(0, envs.status());
        assertTrue(envs.out().contains("CartPole-v1"));
        assertTrue(envs.out().contains("Discrete(2)"));
        assertTrue(envs.out().contains("500"));
        CliRunner algos = cli("list", "algos", "--json");
        JsonNode j = new ObjectMapper().readTree(algos.out());
        JsonNode random = null;
        for (JsonNode a : j.get("algos")) if (a.get("id").asText().equals("random")) random = a;
        assertEquals("[\"discrete\",\"continuous\"]", random.get("actionSpaces").toString());
        assertEquals("batch_size", random.get("params").get(0).get("name").asText());
        assertEquals(2000, random.get("params").get(0).get("default").asInt());
    }

    @Test
    void listShowsWrappersAndPlacementCatalogues() throws IOException {
        CliRunner envs = cli("list", "envs", "--json");
        JsonNode j = new ObjectMapper().readTree(envs.out());
        boolean normalize = false;
        for (JsonNode w : j.get("wrappers")) normalize |= w.get("suffix").asText().equals("normalize-obs");
        assertTrue(normalize, envs.out());
        assertTrue(cli("list", "envs").out().contains("limited-sensors"));
        assertTrue(cli("list", "models").out().contains("inception_v3") || cli("list", "models").out().contains("inception"));
        assertTrue(cli("list", "clusters").out().contains("1cpu-4k80"));
        JsonNode placers = new ObjectMapper().readTree(cli("list", "placers", "--json").out()).get("placers");
        assertEquals("single-cpu", placers.get(0).get("id").asText());
        assertTrue(placers.toString().contains("heft"));
    }

    @Test
    void everyCommandHasHelp() {
        for (String c : List.of("list", "train", "run", "report", "bench", "rollout", "speed", "place")) {
            CliRunner r = cli(c, "--help");
            assertEquals(0, r.status(), c);
            assertTrue(r.out().contains("Usage: gauntlet " + c), c + ": " + r.out());
        }
    }
}
