package io.gauntlet.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gauntlet.benchmarks.cli.Gauntlet;
import io.gauntlet.core.experiment.ProgressCsv;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A small sweep on Spark's local[2] master equals the same sweep on the local pool, and runs again as finished. */
class SparkSweepTest {
    @TempDir Path tmp;

    static final String SWEEP = """
            name: tiny
            envs: [CartPole-v1]
            algos: [random, reinforce, ppo]
            seeds: 2
            steps: 3000
            algo:
              random: {set: {batch_size: 500}}
              reinforce: {set: {batch_size: 1000, hidden_sizes: "16"}}
              ppo: {set: {num_steps: 128, hidden_sizes: "16,16"}}
            """;

    record Ran(int status, String err) {}

    static synchronized Ran gauntlet(String... args) {
        PrintStream old = System.err, oldOut = System.out;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            return new Ran(Gauntlet.execute(args), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(old);
            System.setOut(oldOut);
        }
    }

    static Map<String, List<String>> progress(Path sweepDir) throws IOException {
        Map<String, List<String>> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(sweepDir)) {
            for (Path p : s.filter(f -> f.getFileName().toString().equals(ProgressCsv.FILE)).toList()) {
                assertTrue(Files.exists(p.resolveSibling("result.json")), p.toString());
                out.put(sweepDir.relativize(p.getParent()).toString(), ProgressCsv.withoutTimeColumns(p));
            }
        }
        return out;
    }

    @Test
    void aSweepOnLocalSparkEqualsTheLocalPools() throws Exception {
        Path file = Files.writeString(tmp.resolve("tiny.yaml"), SWEEP);
        Ran local = gauntlet("sweep", file.toString(), "--jobs", "2", "--out", tmp.resolve("pool").toString());
        assertEquals(0, local.status(), local.err());
        Ran spark = gauntlet("sweep", file.toString(), "--spark", "local[2]", "--out", tmp.resolve("spark").toString());
        assertEquals(0, spark.status(), spark.err());
        assertTrue(spark.err().contains("on spark local[2]"), spark.err());

        Map<String, List<String>> want = progress(tmp.resolve("pool/tiny"));
        assertEquals(6, want.size());
        assertEquals(want, progress(tmp.resolve("spark/tiny")), "the same rows, whichever ran them (PPO on 2 threads here, 1 there)");
        assertTrue(Files.exists(tmp.resolve("spark/tiny/report/index.html")));

        Ran again = gauntlet("sweep", file.toString(), "--spark", "local[2]", "--out", tmp.resolve("spark").toString());
        assertEquals(0, again.status(), again.err());
        assertTrue(again.err().contains("6 of 6 runs already finished (kept, not rerun)"), again.err());
    }
}
