package io.gauntlet.benchmarks.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {
    @TempDir Path tmp;

    /** A fixture run: params.json and a progress.csv with the given (steps, average return) rows. */
    static void fixture(Path root, String env, String algo, long seed, long[] steps, String[] returns) throws IOException {
        Path dir = Files.createDirectories(root.resolve(env).resolve(algo).resolve("seed-" + seed));
        Files.writeString(dir.resolve("params.json"), new ObjectMapper().writeValueAsString(
                Map.of("env", env, "algo", algo, "seed", seed, "steps", steps[steps.length - 1], "params", Map.of())));
        StringBuilder csv = new StringBuilder("Iteration,TotalEnvSteps,AverageReturn,StdReturn,MaxReturn,MinReturn,NumTrajs,AverageEpisodeLength,Time,ItrTime,Loss\n");
        for (int i = 0; i < steps.length; i++) {
            String r = returns[i];
            csv.append(i).append(',').append(steps[i]).append(',').append(r).append(',').append(r.isEmpty() ? "" : "0.0")
                    .append(',').append(r).append(',').append(r).append(',').append(r.isEmpty() ? 0 : 1).append(',')
                    .append(r.isEmpty() ? "" : "10.0").append(",0.1,0.1,0.5\n");
        }
        Files.writeString(dir.resolve("progress.csv"), csv);
    }

    @Test
    void curvesAreInterpolatedOntoTheStepsAllSeedsReached() {
        RunData a = new RunData(null, "E", "A", 0, new long[] {100, 200, 300}, new double[] {0, 10, 20});
        RunData b = new RunData(null, "E", "A", 1, new long[] {150, 250, 350}, new double[] {10, 20, 30});
        Curve c = Curve.of(List.of(a, b));
        // grid from 150 (latest start) to 300 (earliest end), 3 points: 150, 225, 300
        assertArrayEquals(new double[] {150, 225, 300}, c.steps());
        // a at 150, 225, 300: 5, 12.5, 20; b: 10, 17.5, 25 -> means 7.5, 15, 22.5
        assertArrayEquals(new double[] {7.5, 15, 22.5}, c.mean(), 1e-12);
        // two seeds 5 apart: s = 5/sqrt(2), half-width = t(0.975, 1) * s / sqrt(2) = 12.7062 * 2.5
        assertEquals(12.706204736174703 * 2.5, c.high()[0] - c.mean()[0], 1e-8);
    }

    @Test
    void reportComputesTheSummaryAndDrawsEveryTask() throws IOException {
        Path runs = tmp.resolve("runs");
        long[] steps = {1000, 2000, 3000};
        // algo "slow": final returns 10, 20, 30; an iteration without episodes (empty cell) in seed 0
        fixture(runs, "Task-v0", "slow", 0, steps, new String[] {"0.0", "", "10.0"});
        fixture(runs, "Task-v0", "slow", 1, steps, new String[] {"5.0", "10.0", "20.0"});
        fixture(runs, "Task-v0", "slow", 2, steps, new String[] {"5.0", "15.0", "30.0"});
        fixture(runs, "Task-v0", "fast", 0, steps, new String[] {"50.0", "90.0", "100.0"});
        fixture(runs, "Task-v0", "fast", 1, steps, new String[] {"60.0", "98.0", "102.0"});
        fixture(runs, "Other-v0", "slow", 0, steps, new String[] {"1.0", "2.0", "3.0"});

        Path out = tmp.resolve("report");
        Report.Result r = Report.write(runs, out);
        assertNull(r.chartProblem());
        for (String png : List.of("Task-v0.png", "Other-v0.png")) {
            byte[] bytes = Files.readAllBytes(out.resolve(png));
            assertTrue(bytes.length > 1000);
            assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, java.util.Arrays.copyOf(bytes, 4));
        }
        List<Summary> task = r.tasks().get("Task-v0");
        assertEquals(List.of("fast", "slow"), task.stream().map(Summary::algo).toList());
        Summary fast = task.get(0), slow = task.get(1);
        assertEquals(3, slow.seeds());
        assertEquals(20.0, slow.finalMean(), 1e-12);
        // s = 10, t(0.975, 2) = 4.302652729911275: half-width 4.3027 * 10 / sqrt(3)
        assertEquals(4.302652729911275 * 10 / Math.sqrt(3), (slow.finalHigh() - slow.finalLow()) / 2, 1e-8);
        // score: seed 0 mean(0, 10) = 5, seed 1 mean(5, 10, 20) = 35/3, seed 2 mean(5, 15, 30) = 50/3 -> mean 100/9
        assertEquals(100.0 / 9, slow.score(), 1e-12);
        assertEquals(20.0, slow.iqm(), 1e-12); // three values: nothing trimmed
        assertEquals(101.0, fast.finalMean(), 1e-12);
        assertTrue(fast.bold());
        assertFalse(slow.bold(), "slow is significantly worse than fast");

        String html = Files.readString(out.resolve("index.html"));
        assertTrue(html.contains("<img src=\"Task-v0.png\""));
        assertTrue(html.contains("<img src=\"Other-v0.png\""));
        assertTrue(html.contains("20.00 &plusmn; 24.84"), "slow's final return with its CI half-width");
        assertTrue(html.contains("101.00"));
        assertTrue(html.contains("11.11"), "slow's score");

        JsonNode j = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        JsonNode other = j.get("envs").get(0);
        assertEquals("Other-v0", other.get("env").asText());
        assertEquals(3.0, other.get("algos").get(0).get("finalReturnMean").asDouble());
    }

    @Test
    void equalAlgorithmsAreBothBold() throws IOException {
        Path runs = tmp.resolve("runs");
        long[] steps = {1000, 2000};
        fixture(runs, "T", "a", 0, steps, new String[] {"1.0", "10.0"});
        fixture(runs, "T", "a", 1, steps, new String[] {"1.0", "12.0"});
        fixture(runs, "T", "b", 0, steps, new String[] {"1.0", "11.0"});
        fixture(runs, "T", "b", 1, steps, new String[] {"1.0", "11.5"});
        Report.Result r = Report.write(runs, tmp.resolve("report"));
        assertTrue(r.tasks().get("T").stream().allMatch(Summary::bold));
    }
}
