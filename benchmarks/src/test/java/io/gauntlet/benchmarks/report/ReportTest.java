package io.gauntlet.benchmarks.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gauntlet.core.stats.Stats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {
    @TempDir Path tmp;

    /** A fixture run: params.json and a progress.csv with the given (steps, average return) rows, 1 s per iteration. */
    static Path fixture(Path root, String env, String algo, long seed, long[] steps, String[] returns) throws IOException {
        Path dir = Files.createDirectories(root.resolve(env.replace("<", "_").replace(">", "_").replace("/", "_")).resolve(algo).resolve("seed-" + seed));
        Files.writeString(dir.resolve("params.json"), new ObjectMapper().writeValueAsString(
                Map.of("env", env, "algo", algo, "seed", seed, "steps", steps[steps.length - 1], "params", Map.of())));
        StringBuilder csv = new StringBuilder("Iteration,TotalEnvSteps,AverageReturn,StdReturn,MaxReturn,MinReturn,NumTrajs,AverageEpisodeLength,Time,ItrTime,Loss\n");
        for (int i = 0; i < steps.length; i++) {
            String r = returns[i];
            csv.append(i).append(',').append(steps[i]).append(',').append(r).append(',').append(r.isEmpty() ? "" : "0.0")
                    .append(',').append(r).append(',').append(r).append(',').append(r.isEmpty() ? 0 : 1).append(',')
                    .append(r.isEmpty() ? "" : "10.0").append(',').append(i + 1).append(".0,1.0,0.5\n");
        }
        Files.writeString(dir.resolve("progress.csv"), csv);
        Files.writeString(dir.resolve("result.json"), "{}");
        return dir;
    }

    static String[] values(double... v) {
        String[] s = new String[v.length];
        for (int i = 0; i < v.length; i++) s[i] = Double.toString(v[i]);
        return s;
    }

    @Test
    void curvesAreInterpolatedOntoTheStepsAllSeedsReachedWithBandsWithinTheSeeds() {
        RunData a = new RunData(null, "E", "A", 0, new long[] {100, 200, 300}, new double[] {0, 10, 20});
        RunData b = new RunData(null, "E", "A", 1, new long[] {150, 250, 350}, new double[] {10, 20, 30});
        Curve c = Curve.of(List.of(a, b));
        // grid from 150 (latest start) to 300 (earliest end), 3 points: 150, 225, 300
        assertArrayEquals(new double[] {150, 225, 300}, c.x());
        // a at 150, 225, 300: 5, 12.5, 20; b: 10, 17.5, 25 -> means 7.5, 15, 22.5
        assertArrayEquals(new double[] {7.5, 15, 22.5}, c.mean(), 1e-12);
        // two seeds 5 apart: the t band (12.7 · 2.5 either side) is kept within the seeds, 5 and 10
        assertArrayEquals(new double[] {5, 12.5, 20}, c.low(), 1e-12);
        assertArrayEquals(new double[] {10, 17.5, 25}, c.high(), 1e-12);

        // ten seeds 0..9 at every step: the t band is inside their range, 4.5 ± t(0.975, 9) · s / √10
        List<RunData> ten = new java.util.ArrayList<>();
        for (int s = 0; s < 10; s++) ten.add(new RunData(null, "E", "A", s, new long[] {1, 2}, new double[] {s, s}));
        Curve t = Curve.of(ten);
        double half = 2.2621571627409915 * Stats.std(new double[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}) / Math.sqrt(10);
        assertEquals(4.5 - half, t.low()[0], 1e-9);
        assertEquals(4.5 + half, t.high()[0], 1e-9);
    }

    @Test
    void reportComparesAtTheCommonBudgetAndWritesEveryChartAndTable() throws IOException {
        Path runs = tmp.resolve("runs");
        long[] steps = {1000, 2000, 3000};
        // "slow": returns at 3000 steps 10, 20, 30; an iteration without episodes (empty cell) in seed 0
        fixture(runs, "Task-v0", "slow", 0, steps, new String[] {"0.0", "", "10.0"});
        fixture(runs, "Task-v0", "slow", 1, steps, values(5, 10, 20));
        fixture(runs, "Task-v0", "slow", 2, steps, values(5, 15, 30));
        // "long" ran twice the budget: compared at 3000 steps (its 40, 42), its final return at 6000 given apart
        long[] twice = {1500, 3000, 4500, 6000};
        fixture(runs, "Task-v0", "long", 0, twice, values(20, 40, 80, 100));
        fixture(runs, "Task-v0", "long", 1, twice, values(22, 42, 82, 102));
        fixture(runs, "Other-v0", "slow", 0, steps, values(1, 2, 3));

        Path out = tmp.resolve("report");
        Report.Result r = Report.write(runs, out);
        assertNull(r.chartProblem());
        for (String chart : List.of("Task-v0", "Task-v0-seconds", "Other-v0", "Other-v0-seconds")) {
            byte[] png = Files.readAllBytes(out.resolve(chart + ".png"));
            assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, java.util.Arrays.copyOf(png, 4));
            String svg = Files.readString(out.resolve(chart + ".svg"));
            assertTrue(svg.contains("<svg") && svg.contains("</svg") && svg.contains(">Environment steps<") != chart.endsWith("seconds"), chart);
        }
        List<Summary> task = r.tasks().get("Task-v0");
        assertEquals(List.of("long", "slow"), task.stream().map(Summary::algo).toList());
        Summary longer = task.get(0), slow = task.get(1);
        assertEquals(3000, slow.commonSteps());
        assertArrayEquals(new double[] {40, 42}, longer.atCommon());
        assertArrayEquals(new double[] {100, 102}, longer.finals());
        assertEquals(6000, longer.budget());
        assertEquals(20.0, Summary.mean(slow.atCommon()), 1e-12);
        assertEquals(10.0, Summary.std(slow.atCommon()), 1e-12);
        // score: seed 0 mean(0, 10) = 5, seed 1 mean(5, 10, 20) = 35/3, seed 2 mean(5, 15, 30) = 50/3 -> mean 100/9
        assertEquals(100.0 / 9, slow.scoreMean(), 1e-12);
        assertEquals(20.0, slow.iqm().estimate(), 1e-12); // three values: nothing trimmed
        assertEquals(1000.0, slow.stepsPerSecond(), 1e-12); // 3000 steps in 3 s
        assertTrue(longer.bold());
        assertFalse(slow.bold(), "with fewer than 5 seeds only the best is bold");

        String html = Files.readString(out.resolve("index.html"));
        assertTrue(html.contains("<img src=\"Task-v0.png\"") && html.contains("<a href=\"Task-v0-seconds.svg\">"), html);
        assertTrue(html.contains("Return at 3,000 steps"));
        assertTrue(html.contains("20.00 &plusmn; 10.00<span class=\"seeds\">10.00, 20.00, 30.00</span>"), "mean ± std and the seeds");
        assertTrue(html.contains("3.00 <span class=\"n\">(n&nbsp;=&nbsp;1)</span>"), "one seed: no ± 0");
        assertTrue(html.contains("<a href=\"../runs/Task-v0/slow/seed-0/params.json\""), "rows link their runs' params.json");
        assertTrue(html.contains("Content-Security-Policy") && !html.contains("<script") && !html.contains("http://")
                && !html.contains("https://"), "nothing to fetch, nothing to run");
        assertTrue(html.contains("id=\"table1\"") && html.contains("6,000 steps</span>"), "Table 1 marks the cell with another budget");

        List<String> summary = Files.readAllLines(out.resolve("summary.csv"));
        assertEquals("env,algo,seeds,budget,common_steps,return_at_common_mean,return_at_common_std,return_at_common_per_seed,"
                + "iqm,iqm_low,iqm_high,bold,final_return_mean,final_return_std,final_return_per_seed,steps_per_second", summary.get(0));
        assertEquals("Task-v0,long,2,6000,3000,41.0,1.4142135623730951,40.0 42.0,41.0,40.0,42.0,true,101.0,1.4142135623730951,"
                + "100.0 102.0,1500.0", summary.get(2));
        assertTrue(Files.readString(out.resolve("runs.csv")).contains("Task-v0,slow,2,finished,3000,3000,3.0,1000.0,30.0,"));
        JsonNode j = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals("Other-v0", j.get("envs").get(0).get("env").asText());
        assertEquals(3.0, j.get("envs").get(0).get("algos").get(0).get("finalReturnMean").asDouble());
        assertTrue(j.get("envs").get(0).get("algos").get(0).get("returnAtCommonStepsStd").isNull(), "one seed: no spread");
    }

    @Test
    void welchDecidesWithFiveSeedsAndOnlyTheBestIsBoldWithFewer() throws IOException {
        Path runs = tmp.resolve("runs");
        long[] steps = {1000, 2000};
        double[] a = {10, 12, 11, 9, 13}, b = {11.5, 12, 11, 12, 10};
        for (int s = 0; s < 5; s++) {
            fixture(runs, "T", "a", s, steps, values(1, a[s]));
            fixture(runs, "T", "b", s, steps, values(1, b[s]));
            if (s < 3) {
                fixture(runs, "U", "a", s, steps, values(1, a[s]));
                fixture(runs, "U", "b", s, steps, values(1, b[s]));
            }
        }
        Report.Result r = Report.write(runs, tmp.resolve("report"));
        assertTrue(r.tasks().get("T").stream().allMatch(Summary::bold), "5 seeds each, p = " + Stats.welchPValue(a, b));
        assertEquals(List.of(false, true), r.tasks().get("U").stream().map(Summary::bold).toList(), "3 seeds: only b (mean 11.5) is bold");
    }

    @Test
    void aggregatesNormaliseAgainstTheReferencesAndCompareEveryPair() throws IOException {
        Path runs = tmp.resolve("runs");
        long[] steps = {1000};
        // references: T1 random 0, reference 100; T2 random 0, reference 10
        fixture(runs, "T1", "A", 0, steps, values(50));
        fixture(runs, "T1", "A", 1, steps, values(100));
        fixture(runs, "T2", "A", 0, steps, values(5));
        fixture(runs, "T2", "A", 1, steps, values(10));
        fixture(runs, "T1", "B", 0, steps, values(0));
        fixture(runs, "T1", "B", 1, steps, values(50));
        fixture(runs, "T2", "B", 0, steps, values(0));
        fixture(runs, "T2", "B", 1, steps, values(5));
        fixture(runs, "T3", "A", 0, steps, values(7));
        Path refs = Files.writeString(tmp.resolve("refs.csv"), "env,random,reference,source\nT1,0,100,test\nT2,0,10,\"test, too\"\n");
        Report.Result r = Report.write(runs, tmp.resolve("report"), null, References.with(refs));
        Aggregates a = r.aggregates();
        assertEquals(List.of("A", "B"), a.algos());
        assertEquals(List.of("T3"), a.leftOut());
        // A's normalised scores 0.5, 1, 0.5, 1: IQM (one trimmed each end) and mean 0.75; B's 0, 0.5, 0, 0.5: 0.25
        assertEquals(0.75, a.iqm().get("A").estimate(), 1e-12);
        assertEquals(0.75, a.mean().get("A").estimate(), 1e-12);
        assertEquals(0.25, a.mean().get("B").estimate(), 1e-12);
        // per task P(A > B): (0.5 > 0) + (0.5 = 0.5)/2 + (1 > 0) + (1 > 0.5) = 3.5 of 4 pairs
        assertEquals(0.875, a.improvement()[0][1].estimate(), 1e-12);
        assertEquals(0.125, a.improvement()[1][0].estimate(), 1e-12);
        Stats.Interval ci = a.iqm().get("A");
        assertTrue(ci.low() >= 0.5 && ci.high() <= 1, ci.toString());
        // profile: the fraction of A's runs above τ = 0.5 is 2 of 4
        int half = java.util.Arrays.binarySearch(a.taus(), 0.5);
        assertTrue(half >= 0, "τ = 0.5 is on the grid");
        assertEquals(0.5, a.profiles().get("A")[0][half], 1e-12);
        assertEquals(0.0, a.profiles().get("B")[0][half], 1e-12);
        Path out = tmp.resolve("report");
        for (String f : List.of("aggregate", "profiles", "improvement")) {
            assertTrue(Files.size(out.resolve(f + ".png")) > 1000 && Files.readString(out.resolve(f + ".svg")).contains("</svg"), f);
        }
        assertTrue(Files.readAllLines(out.resolve("improvement.csv")).contains("A,B,0.875," + a.improvement()[0][1].low() + ","
                + a.improvement()[0][1].high()));
        assertTrue(Files.readString(out.resolve("references.csv")).contains("T2,0.0,10.0,\"test, too\""));
        assertTrue(Files.readString(out.resolve("index.html")).contains("Left out (no references"));
    }

    @Test
    void namesAreEscapedAndRunsWithoutEpisodesOrUnfinishedAreReported() throws IOException {
        Path runs = tmp.resolve("runs");
        long[] steps = {1000, 2000};
        fixture(runs, "<script>alert(1)</script>", "a\"b", 0, steps, values(1, 2));
        Path none = fixture(runs, "T", "nothing", 0, steps, new String[] {"", ""});
        Files.delete(none.resolve("result.json"));
        Report.write(runs, tmp.resolve("report"));
        String html = Files.readString(tmp.resolve("report/index.html"));
        assertFalse(html.contains("<script>"), "an id is never markup");
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && html.contains("a&quot;b"));
        assertTrue(html.contains("title=\"seed 0 (unfinished)\">0*</a>"));
    }
}
