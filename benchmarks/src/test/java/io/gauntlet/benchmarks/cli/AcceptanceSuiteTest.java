package io.gauntlet.benchmarks.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gauntlet.benchmarks.suite.Criterion;
import io.gauntlet.benchmarks.suite.Criterion.Metric;
import io.gauntlet.benchmarks.suite.Suite;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run} on a suite with acceptance criteria, with a tiny criterion set: the random agent for 4,000 steps.
 * A random CartPole episode lasts ≥ 8 steps, so "≥ 8" passes on every seed whatever the draws; MountainCar-v0 pays
 * −1 per step for 200 steps unless the car reaches the flag, so "≥ 0" fails on every seed.
 */
class AcceptanceSuiteTest {
    @TempDir Path tmp;

    static final List<Long> SEEDS = List.of(1L, 2L);
    static final Criterion PASSES = new Criterion("random-cartpole", "CartPole-v1", "random", Map.of("batch_size", "1000"),
            4_000, SEEDS, Metric.FINAL_LAST_10, 8, 2, true);
    static final Criterion FAILS = new Criterion("random-mountaincar", "MountainCar-v0", "random", Map.of("batch_size", "1000"),
            4_000, SEEDS, Metric.REACHED_LAST_10, 0, 1, true);
    static final Criterion REPORTED = new Criterion("random-pendulum", "Pendulum-v1", "random", Map.of("batch_size", "1000"),
            4_000, SEEDS, Metric.REACHED_LAST_10, -200, 2, false);

    record Printed(int status, String out, String err) {}

    /** Runs the suite with stdout and stderr captured (the suite's progress lines are not the test's output). */
    static synchronized Printed run(Suite s, Path out, int jobs, boolean json) throws Exception {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(), errBytes = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
            int status = RunCommand.run(s, out, jobs, json);
            return new Printed(status, bytes.toString(StandardCharsets.UTF_8), errBytes.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void aFailingGatingRowFailsTheSuiteAndTheTableSaysWhy() throws Exception {
        Suite s = Suite.of("tiny", "test", List.of(PASSES, FAILS, REPORTED));
        Printed p = run(s, tmp, 2, false);
        assertEquals(1, p.status(), p.out());
        assertTrue(p.out().lines().anyMatch(l -> l.startsWith("random-cartpole") && l.contains("PASS") && l.contains("2/2")), p.out());
        assertTrue(p.out().lines().anyMatch(l -> l.startsWith("random-mountaincar") && l.contains("FAIL") && l.contains("0/2")
                && l.contains("-200.0 -200.0")), p.out());
        assertTrue(p.out().lines().anyMatch(l -> l.startsWith("random-pendulum") && l.contains("REPORTED") && l.contains("0/2")), p.out());

        Path report = tmp.resolve("tiny").resolve("report");
        String html = Files.readString(report.resolve("index.html"));
        assertTrue(html.contains("id=\"acceptance\"") && html.contains("href=\"#acceptance\"") && html.contains("<strong>FAIL</strong>"), html);
        String md = Files.readString(report.resolve("acceptance.md"));
        assertTrue(md.contains("| random-mountaincar |") && md.contains("FAIL |") && md.contains("A gating row failed"), md);
        JsonNode json = new ObjectMapper().readTree(report.resolve("acceptance.json").toFile());
        assertFalse(json.get("pass").asBoolean());
        assertEquals(3, json.get("rows").size());
        assertEquals("REPORTED", json.get("rows").get(2).get("verdict").asText());
        assertEquals(-200.0, json.get("rows").get(1).get("perSeed").get(0).asDouble());
    }

    @Test
    void passingGatesExitZeroAndJsonIsOneObjectWhateverTheJobs() throws Exception {
        Suite s = Suite.of("tiny", "test", List.of(PASSES, REPORTED));
        Printed one = run(s, tmp.resolve("one"), 1, true);
        Printed two = run(s, tmp.resolve("two"), 2, true);
        assertEquals(0, one.status(), one.out());
        assertEquals(1, one.out().strip().lines().count(), "one JSON line: " + one.out());
        JsonNode a = new ObjectMapper().readTree(one.out()).get("acceptance");
        JsonNode b = new ObjectMapper().readTree(two.out()).get("acceptance");
        assertTrue(a.get("pass").asBoolean());
        assertEquals("PASS", a.get("rows").get(0).get("verdict").asText());
        assertEquals(a, b, "the same seeds give the same table on 1 or 2 jobs");
    }

    @Test
    void aRerunSaysWhatItKeptAndWhatItResumes() throws Exception {
        Suite s = Suite.of("tiny", "test", List.of(PASSES, REPORTED));
        Printed first = run(s, tmp, 2, true);
        assertFalse(first.err().contains("already finished"), first.err());
        Path interrupted;
        try (var dirs = Files.walk(tmp.resolve("tiny"))) {
            interrupted = dirs.filter(f -> f.getFileName().toString().equals("result.json")).findFirst().orElseThrow();
        }
        Files.delete(interrupted); // as if killed after its last checkpoint
        Printed again = run(s, tmp, 2, true);
        assertTrue(again.err().contains("3 of 4 runs already finished (kept, not rerun), 1 interrupted (resumed from their checkpoints), 0 to start"),
                again.err());
        assertEquals(new ObjectMapper().readTree(first.out()).get("acceptance"), new ObjectMapper().readTree(again.out()).get("acceptance"));
    }

    @Test
    void rowsSharingRunsMustAgree() {
        Criterion other = new Criterion("x", "CartPole-v1", "random", Map.of(), 8_000, SEEDS, Metric.FINAL_LAST_10, 8, 2, true);
        try {
            Suite.of("bad", "test", List.of(PASSES, other));
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage().contains("random-cartpole"), e.getMessage());
            return;
        }
        throw new AssertionError("two rows on one run directory with different budgets were accepted");
    }
}
