package io.gauntlet.core.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gauntlet.core.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HarnessTest {
    @TempDir Path tmp;

    private static Path progress(Path dir) {
        return dir.resolve("progress.csv");
    }

    private static List<String> lines(Path dir) throws IOException {
        return Files.readAllLines(dir.resolve("progress.csv"));
    }

    @Test
    void writesParamsProgressCheckpointAndLogWithTheDocumentedSchema() throws IOException {
        RunConfig c = Toy.config(3, 1000, Map.of("lr", "0.1"), 0);
        Path dir = c.directoryUnder(tmp);
        assertEquals(tmp.resolve("Coin-v0").resolve("toy").resolve("seed-3"), dir);
        RunResult r = Harness.run(c, dir, null);

        assertFalse(r.alreadyFinished());
        assertEquals(5, r.iterations()); // 1000 steps in batches of 200
        assertEquals(1000, r.totalEnvSteps());

        JsonNode params = new ObjectMapper().readTree(dir.resolve("params.json").toFile());
        assertEquals("Coin-v0", params.get("env").asText());
        assertEquals("toy", params.get("algo").asText());
        assertEquals(3, params.get("seed").asLong());
        assertEquals(1000, params.get("steps").asLong());
        assertEquals(200, params.get("params").get("batch_size").asInt());
        assertEquals(0.1, params.get("params").get("lr").asDouble());
        assertEquals(1, params.get("params").get("workers").asInt());
        JsonNode prov = params.get("provenance");
        for (String f : List.of("gauntletVersion", "gitCommit", "java", "jvm", "os", "startTime")) {
            assertTrue(prov.has(f), "provenance." + f);
        }

        List<String> lines = lines(dir);
        assertEquals("Iteration,TotalEnvSteps,AverageReturn,StdReturn,MaxReturn,MinReturn,NumTrajs,"
                + "AverageEpisodeLength,Time,ItrTime,Theta,P1", lines.get(0));
        assertEquals(1 + 5, lines.size());
        for (int i = 1; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",", -1);
            assertEquals(12, cells.length);
            assertEquals(Integer.toString(i - 1), cells[0]);
            assertEquals(Long.toString(200L * i), cells[1]);
            double avg = Double.parseDouble(cells[2]);
            double max = Double.parseDouble(cells[4]);
            double min = Double.parseDouble(cells[5]);
            assertTrue(min <= avg && avg <= max);
            assertTrue(Integer.parseInt(cells[6]) > 0);
        }
        // the P1 diagnostic is the policy's probability before the update: 0.5 exactly in the first row
        assertEquals("0.5", lines.get(1).split(",")[11]);

        Checkpoint cp = Checkpoint.read(dir.resolve("checkpoint")).orElseThrow();
        assertEquals(5, cp.iterations());
        assertEquals(1000, cp.totalEnvSteps());
        assertEquals(List.of("rng/policy", "theta"), List.copyOf(cp.state().names()));
        String[] lastRow = lines.get(5).split(",");
        // the checkpointed parameter is the one after the last logged update, bit for bit
        assertEquals(Double.parseDouble(lastRow[10]), cp.state().get("theta")[0]);
        assertTrue(Files.readString(dir.resolve("log.txt")).contains("finished"));
        assertTrue(Files.exists(dir.resolve("result.json")));
        try (Stream<Path> s = Files.walk(dir)) {
            assertTrue(s.noneMatch(p -> p.toString().endsWith(".tmp")), "no temporary file left");
        }
    }

    @Test
    void emptyCellsWhenAnIterationFinishesNoEpisode() throws IOException {
        // batches of 1 step: most iterations end mid-episode
        RunConfig c = Toy.config(1, 20, Map.of("batch_size", "1"), 0);
        Path dir = c.directoryUnder(tmp);
        Harness.run(c, dir, null);
        boolean sawEmpty = false;
        for (String l : lines(dir).subList(1, 21)) {
            String[] cells = l.split(",", -1);
            if (cells[6].equals("0")) {
                sawEmpty = true;
                for (int k = 2; k <= 5; k++) assertEquals("", cells[k]);
                assertEquals("", cells[7]);
            }
        }
        assertTrue(sawEmpty);
    }

    @Test
    void sameSeedGivesIdenticalProgressExceptTimeColumns() throws IOException {
        RunConfig c = Toy.config(7, 1200, Map.of(), 0);
        Path a = tmp.resolve("a"), b = tmp.resolve("b");
        Harness.run(c, a, null);
        Harness.run(c, b, null);
        assertEquals(ProgressCsv.withoutTimeColumns(progress(a)), ProgressCsv.withoutTimeColumns(progress(b)));
        RunConfig other = Toy.config(8, 1200, Map.of(), 0);
        Path d = tmp.resolve("d");
        Harness.run(other, d, null);
        assertNotEquals(ProgressCsv.withoutTimeColumns(progress(a)), ProgressCsv.withoutTimeColumns(progress(d)), "another seed must give other results");
    }

    /** Checkpoints after every second iteration (and the last), instead of every few seconds. */
    static final HarnessRun.CheckpointSchedule EVERY_SECOND_ITERATION = (done, since, took) -> done % 2 == 0;

    @Test
    void resumesAfterACrashAndMatchesAnUninterruptedRun() throws IOException {
        // checkpoint every 2nd iteration, crash after 5: the 5th row is written but not covered by a checkpoint
        Map<String, String> set = Map.of();
        Path reference = tmp.resolve("reference");
        Harness.run(Toy.config(11, 2000, set, 0), reference, null);

        Path dir = tmp.resolve("crashed");
        RunFailedException failed = assertThrows(RunFailedException.class,
                () -> Harness.run(Toy.config(11, 2000, set, 5), dir, null, EVERY_SECOND_ITERATION));
        assertTrue(failed.getCause() instanceof IllegalStateException);
        assertTrue(failed.getMessage().contains("failed in iteration 5") && failed.getMessage().contains("log.txt"), failed.getMessage());
        assertTrue(Files.readString(dir.resolve("log.txt")).contains("at io.gauntlet.core.experiment.Toy$Learner.train"),
                "the log holds the stack trace");
        assertEquals(1 + 5, lines(dir).size());
        assertEquals(4, Checkpoint.read(dir.resolve("checkpoint")).orElseThrow().iterations());
        assertFalse(Files.exists(dir.resolve("result.json")));
        assertEquals(Harness.Status.RESUMABLE, Harness.inspect(Toy.config(11, 2000, set, 0), dir));

        RunResult r = Harness.run(Toy.config(11, 2000, set, 0), dir, null);
        assertFalse(r.alreadyFinished());
        assertEquals(10, r.iterations());
        assertEquals(Double.parseDouble(lines(reference).get(10).split(",")[2]), r.lastAverageReturn());
        assertEquals(ProgressCsv.withoutTimeColumns(progress(reference)), ProgressCsv.withoutTimeColumns(progress(dir)));
        assertTrue(Files.readString(dir.resolve("log.txt")).contains("resuming"));
    }

    @Test
    void finalDiagnosticsOfEpisodesGetTheirMeanAndTheirValueInTheBestEpisodeSoFar() throws IOException {
        Path reference = tmp.resolve("reference");
        Harness.run(Toy.config(Toy.PRICE, 4, 600, Map.of("batch_size", "6"), 0), reference, null);
        ProgressCsv.Table t = ProgressCsv.read(progress(reference));
        assertEquals(List.of("Cost", "BestCost", "Theta", "P1"), t.columns().subList(ProgressCsv.STANDARD.size(), t.columns().size()));
        double bestReturn = Double.NEGATIVE_INFINITY;
        double[] average = t.column("AverageReturn"), max = t.column("MaxReturn"), cost = t.column("Cost"), best = t.column("BestCost");
        boolean improvedLater = false;
        for (int i = 0; i < t.rows().size(); i++) {
            assertEquals(-average[i], cost[i], 0, "the cost is the return's negative, so its mean is too");
            improvedLater |= i > 0 && max[i] > bestReturn;
            bestReturn = Math.max(bestReturn, max[i]);
            assertEquals(-bestReturn, best[i], 0, "row " + i);
        }
        assertTrue(improvedLater, "the best episode must change during the run for the test to mean something");

        // the best episode so far is training state: a resumed run writes the same columns
        Path dir = tmp.resolve("crashed");
        assertThrows(RunFailedException.class, () -> Harness.run(
                Toy.config(Toy.PRICE, 4, 600, Map.of("batch_size", "6"), 7), dir, null, EVERY_SECOND_ITERATION));
        Harness.run(Toy.config(Toy.PRICE, 4, 600, Map.of("batch_size", "6"), 0), dir, null);
        assertEquals(ProgressCsv.withoutTimeColumns(progress(reference)), ProgressCsv.withoutTimeColumns(progress(dir)));
    }

    @Test
    void aRunCheckpointedAtItsLastIterationFinishesOnResumeWithoutNewRows() throws IOException {
        Path dir = tmp.resolve("run");
        // a crash between the last checkpoint and result.json: simulated by deleting result.json
        Harness.run(Toy.config(5, 600, Map.of(), 0), dir, null);
        java.nio.file.Files.delete(dir.resolve("result.json"));
        List<String> before = lines(dir);
        RunResult r = Harness.run(Toy.config(5, 600, Map.of(), 0), dir, null);
        assertFalse(r.alreadyFinished());
        assertEquals(3, r.iterations());
        assertEquals(before, lines(dir));
        assertEquals(Double.parseDouble(before.get(3).split(",")[2]), r.lastAverageReturn());
        assertTrue(Files.exists(dir.resolve("result.json")));
    }

    @Test
    void aResourceParameterIsNotPartOfTheRunsIdentity() throws IOException {
        Path dir = tmp.resolve("resource");
        assertThrows(RunFailedException.class,
                () -> Harness.run(Toy.config(11, 2000, Map.of("workers", "1"), 5), dir, null, EVERY_SECOND_ITERATION));
        assertEquals(4, Checkpoint.read(dir.resolve("checkpoint")).orElseThrow().iterations());
        assertEquals(Harness.Status.RESUMABLE, Harness.inspect(Toy.config(11, 2000, Map.of("workers", "4"), 0), dir));
        Harness.run(Toy.config(11, 2000, Map.of("workers", "4"), 0), dir, null);
        assertEquals(Harness.Status.FINISHED, Harness.inspect(Toy.config(11, 2000, Map.of(), 0), dir));
        // A parameter that does change results still makes it another run.
        assertThrows(BadInputException.class, () -> Harness.inspect(Toy.config(11, 2000, Map.of("lr", "0.1"), 0), dir));
    }

    @Test
    void aRunThatFailedBeforeItsFirstIterationDoesNotBlockACorrectedCommand() throws IOException {
        Path dir = tmp.resolve("first-attempt");
        // crashAfter -1: the learner throws before its first iteration ends
        assertThrows(RunFailedException.class, () -> Harness.run(Toy.config(3, 600, Map.of("lr", "0.1"), -1), dir, null));
        assertTrue(Files.exists(dir.resolve("params.json")));
        // Another command (other settings) takes the directory over: nothing of the failed attempt was worth keeping.
        RunResult r = Harness.run(Toy.config(3, 600, Map.of("lr", "0.2"), 0), dir, null);
        assertEquals(3, r.iterations());
        assertEquals(0.2, new ObjectMapper().readTree(dir.resolve("params.json").toFile()).get("params").get("lr").asDouble());
        assertTrue(Files.readString(dir.resolve("log.txt")).contains("failed in iteration 0"), "the failed attempt's log is kept");
    }

    @Test
    void aFinishedRunIsReportedAndNotRedone() throws IOException {
        RunConfig c = Toy.config(2, 600, Map.of(), 0);
        Path dir = tmp.resolve("run");
        Harness.run(c, dir, null);
        byte[] before = Files.readAllBytes(dir.resolve("progress.csv"));
        RunResult again = Harness.run(c, dir, null);
        assertTrue(again.alreadyFinished());
        assertEquals(3, again.iterations());
        assertEquals(600, again.totalEnvSteps());
        assertArrayEquals(before, Files.readAllBytes(dir.resolve("progress.csv")));
    }

    @Test
    void aDirectoryHoldingAnotherRunIsBadInput() throws IOException {
        Path dir = tmp.resolve("run");
        Harness.run(Toy.config(2, 600, Map.of(), 0), dir, null);
        BadInputException e = assertThrows(BadInputException.class,
                () -> Harness.run(Toy.config(2, 600, Map.of("lr", "0.2"), 0), dir, null));
        assertTrue(e.getMessage().contains("different run"), e.getMessage());
        assertThrows(BadInputException.class, () -> Harness.run(Toy.config(3, 600, Map.of(), 0), dir, null));
        assertThrows(BadInputException.class, () -> Harness.run(Toy.config(2, 800, Map.of(), 0), dir, null));
    }

    @Test
    void aForeignNonEmptyDirectoryIsBadInput() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("photos"));
        Files.writeString(dir.resolve("cat.jpg"), "meow");
        assertThrows(BadInputException.class, () -> Harness.run(Toy.config(2, 600, Map.of(), 0), dir, null));
        assertEquals(1, Files.list(dir).count());
    }

    @Test
    void anUnwritableOutputIsBadInputBeforeAnyWrite() throws IOException {
        Path file = Files.writeString(tmp.resolve("plain-file"), "x");
        Path dir = file.resolve("results").resolve("seed-0");
        BadInputException e = assertThrows(BadInputException.class,
                () -> Harness.run(Toy.config(2, 600, Map.of(), 0), dir, null));
        assertTrue(e.getMessage().contains("not a directory"), e.getMessage());
        assertEquals("x", Files.readString(file));
    }

    @Test
    void aRunDirectoryTakesOneRunAtATime() throws Exception {
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        AlgorithmSpec<Toy.Args> blocking = new AlgorithmSpec<>("toy", "waits", Toy.Args.class, 2000, s -> true, args -> run -> {
            started.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            run.addEnvSteps(run.stepBudget());
            run.endIteration(Map.of());
        });
        RunConfig c = new RunConfig(Toy.ENV, blocking, blocking.resolve(new io.gauntlet.core.env.Discrete(2), Map.of()), 0, 100);
        Path dir = tmp.resolve("run");
        Thread first = new Thread(() -> {
            try {
                Harness.run(c, dir, null);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        first.start();
        started.await();
        BadInputException e = assertThrows(BadInputException.class, () -> Harness.run(c, dir, null));
        assertTrue(e.getMessage().contains("being run"), e.getMessage());
        release.countDown();
        first.join();
        assertTrue(Harness.run(c, dir, null).alreadyFinished());
    }

    @Test
    void listenerSeesEveryIteration() throws IOException {
        List<IterationSummary> seen = new ArrayList<>();
        Harness.run(Toy.config(4, 1000, Map.of(), 0), tmp.resolve("r"), Harness.Listener.ofIterations(seen::add));
        assertEquals(5, seen.size());
        assertEquals(1000, seen.get(4).totalEnvSteps());
        assertEquals(1000, seen.get(4).stepBudget());
    }

    @Test
    void progressNumbersRoundTripExactly() {
        for (double v : new double[] {0.1, 1.0 / 3, -2.5e-300, 123456789.123456789, Math.PI}) {
            assertEquals(v, Double.parseDouble(ProgressCsv.format(v)));
        }
        assertEquals("inf", ProgressCsv.format(Double.POSITIVE_INFINITY));
        assertEquals("-inf", ProgressCsv.format(Double.NEGATIVE_INFINITY));
    }
}
