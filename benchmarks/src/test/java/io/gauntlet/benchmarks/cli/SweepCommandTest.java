package io.gauntlet.benchmarks.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gauntlet.benchmarks.suite.SuiteRunner;
import io.gauntlet.benchmarks.suite.SweepFile;
import io.gauntlet.core.experiment.AlgorithmRegistry;
import io.gauntlet.core.experiment.AlgorithmSpec;
import io.gauntlet.core.experiment.ProgressCsv;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepCommandTest {
    @TempDir Path tmp;

    /** REINFORCE on CartPole in 1,000-step batches: 24 iterations a run, a checkpoint after each in the child. */
    static final String SWEEP = """
            name: crash
            envs: [CartPole-v1]
            algos: [reinforce]
            seeds: 3
            steps: 24000
            set: {batch_size: 1000, hidden_sizes: "16"}
            """;

    /** A test algorithm that throws in its third iteration. */
    record NoArgs() {}

    @BeforeAll
    static void registerAnAlgorithmThatThrows() {
        if (AlgorithmRegistry.all().stream().noneMatch(a -> a.id().equals("throws"))) {
            // Box actions only, so that no shipped suite's "algos: all" (quick's, on CartPole) picks it up
            AlgorithmRegistry.register(new AlgorithmSpec<>("throws", "test algorithm that fails", NoArgs.class, 1000,
                    s -> s instanceof io.gauntlet.core.env.Box, args -> run -> {
                        for (int i = 0; i < 2; i++) {
                            run.addEnvSteps(100);
                            run.endIteration(Map.of());
                        }
                        throw new IllegalStateException("the third iteration fails");
                    }));
        }
    }

    /** Every run's progress.csv without its time columns, by directory relative to {@code sweepDir}. */
    static Map<String, List<String>> progress(Path sweepDir) throws IOException {
        Map<String, List<String>> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(sweepDir)) {
            for (Path p : s.filter(f -> f.getFileName().toString().equals(ProgressCsv.FILE)).toList()) {
                out.put(sweepDir.relativize(p.getParent()).toString(), ProgressCsv.withoutTimeColumns(p));
            }
        }
        return out;
    }

    @Test
    void aSweepKilledAtAnyMomentAndRunAgainEqualsAnUninterruptedOne() throws Exception {
        Path file = Files.writeString(tmp.resolve("crash.yaml"), SWEEP);
        CliRunner whole = CliRunner.run("sweep", file.toString(), "--jobs", "2", "--out", tmp.resolve("whole").toString());
        assertEquals(0, whole.status(), whole.err());
        assertTrue(whole.err().contains("sweep crash: 3 runs (reinforce), 72,000 env steps; on 2 jobs"), whole.err());
        assertFalse(whole.err().contains("already finished"), whole.err());

        // A child JVM runs the same sweep on one job, checkpointing after every iteration; it is killed (SIGKILL)
        // once one run has finished and the next one has a checkpoint but no result.
        Path killed = tmp.resolve("killed");
        Path sweepDir = killed.resolve("crash");
        Process child = new ProcessBuilder(javaCommand(file, killed)).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("child.log").toFile()).start();
        Path first = sweepDir.resolve("CartPole-v1/reinforce/seed-0"), second = sweepDir.resolve("CartPole-v1/reinforce/seed-1");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!(Files.exists(first.resolve("result.json")) && Files.exists(second.resolve("checkpoint/state.bin"))
                && !Files.exists(second.resolve("result.json")))) {
            assertTrue(child.isAlive(), () -> "the child ended before it could be killed: " + read(tmp.resolve("child.log")));
            assertTrue(System.nanoTime() < deadline, "no checkpoint of the second run within 120 s");
            Thread.sleep(5);
        }
        child.destroyForcibly(); // SIGKILL: no shutdown hook, no finally block runs
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        assertFalse(Files.exists(sweepDir.resolve("CartPole-v1/reinforce/seed-2/result.json")));
        CliRunner midway = CliRunner.run("report", sweepDir.toString());
        assertEquals(0, midway.status(), midway.err());
        assertTrue(Files.readString(sweepDir.resolve("report/index.html")).contains("Sweep: <strong>1 of 3 runs finished</strong>, "
                + "1 started (running or interrupted), 0 failed, 1 not started"), "the report on an unfinished sweep says so");

        CliRunner again = CliRunner.run("sweep", file.toString(), "--jobs", "2", "--out", killed.toString());
        assertEquals(0, again.status(), again.err());
        assertTrue(again.err().contains("sweep crash: 1 of 3 runs already finished (kept, not rerun), 1 interrupted (resumed from their checkpoints), 1 to start"),
                again.err());
        assertFalse(again.err().contains("seed 0:"), "the finished run is not run again: " + again.err());
        assertTrue(Files.readString(second.resolve("log.txt")).contains("resuming reinforce on CartPole-v1, seed 1"),
                "the interrupted run resumed from its checkpoint");
        Map<String, List<String>> want = progress(tmp.resolve("whole").resolve("crash"));
        assertEquals(3, want.size());
        assertEquals(want, progress(sweepDir), "the same rows, each once, as the uninterrupted sweep's");
        try (Stream<Path> s = Files.list(sweepDir.resolve("CartPole-v1/reinforce"))) {
            assertEquals(3, s.count(), "no run duplicated");
        }
    }

    static List<String> javaCommand(Path file, Path out) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Djava.awt.headless=true");
        cmd.add("-Dgauntlet.checkpoint.seconds=0");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Gauntlet.class.getName());
        cmd.addAll(List.of("sweep", file.toString(), "--jobs", "1", "--out", out.toString()));
        return cmd;
    }

    static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Test
    void aRunThatThrowsIsRecordedAndTheSweepGoesOnThenExitsOneNamingIt() throws Exception {
        Path file = Files.writeString(tmp.resolve("f.yaml"), """
                name: fails
                envs: [Pendulum-v1]
                algos: [throws, random]
                seeds: 1
                steps: 1000
                """);
        CliRunner r = CliRunner.run("sweep", file.toString(), "--jobs", "1", "--out", tmp.toString());
        assertEquals(1, r.status(), r.err());
        Path failed = tmp.resolve("fails/Pendulum-v1/throws/seed-0");
        String error = Files.readString(failed.resolve(SuiteRunner.ERROR));
        assertTrue(error.contains("Caused by: java.lang.IllegalStateException: the third iteration fails"), error);
        assertTrue(Files.exists(tmp.resolve("fails/Pendulum-v1/random/seed-0/result.json")), "the sweep went on");
        assertTrue(r.err().contains("gauntlet: failed: Pendulum-v1" + File.separator + "throws" + File.separator
                + "seed-0: throws on Pendulum-v1, seed 0, 1000 env steps failed in iteration ") && r.err().contains(
                "java.lang.IllegalStateException: the third iteration fails (the stack trace is in "), r.err());
        assertTrue(r.err().contains("1 of 2 runs failed"), r.err());
        assertTrue(Files.exists(tmp.resolve("fails/report/index.html")), "the report covers what finished");
    }

    @Test
    void aMalformedFileListsEveryProblemAndRunsNothing() throws Exception {
        Path file = Files.writeString(tmp.resolve("bad.yaml"), "name: bad\nenvs: [CartPole-v1, Nope]\nalgos: [random]\nseeds: [1, x]\n");
        CliRunner r = CliRunner.run("sweep", file.toString(), "--out", tmp.resolve("out").toString());
        assertEquals(2, r.status());
        List<String> lines = r.err().lines().toList();
        assertEquals(2, lines.size(), r.err());
        assertTrue(lines.get(0).startsWith("gauntlet: " + file + ":2:21: unknown env id 'Nope'"), lines.get(0));
        assertTrue(lines.get(1).startsWith("gauntlet: " + file + ":4:12: a seed is a non-negative integer, not 'x'"), lines.get(1));
        assertFalse(Files.exists(tmp.resolve("out")));
        Files.writeString(tmp.resolve("crash.yaml"), SWEEP);
        CliRunner noSpark = CliRunner.run("sweep", tmp.resolve("crash.yaml").toString(), "--spark", "local[2]", "--out", tmp.resolve("out").toString());
        assertEquals(2, noSpark.status());
        assertTrue(noSpark.err().startsWith("gauntlet: --spark needs Gauntlet's Spark application on the class path"), noSpark.err());
        assertFalse(Files.exists(tmp.resolve("out")));
        CliRunner missing = CliRunner.run("sweep", tmp.resolve("none.yaml").toString());
        assertEquals(2, missing.status());
        assertEquals("gauntlet: cannot read sweep file " + tmp.resolve("none.yaml") + ": no such file", missing.err().strip());
    }

    @Test
    void theShippedSuitesPrintAsSweepFilesThatReadBackTheSame() throws Exception {
        CliRunner r = CliRunner.run("run", "quick", "--print");
        assertEquals(0, r.status(), r.err());
        Path copy = Files.writeString(tmp.resolve("quick.yaml"), r.out());
        assertEquals(SweepFile.shippedText("quick"), r.out());
        assertEquals(io.gauntlet.benchmarks.suite.Suites.QUICK.name(), SweepFile.read(copy, null).name());
        CliRunner acceptance = CliRunner.run("run", "acceptance", "--print");
        assertEquals(2, acceptance.status());
    }
}
