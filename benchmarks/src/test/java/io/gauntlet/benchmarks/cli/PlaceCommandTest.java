package io.gauntlet.benchmarks.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class PlaceCommandTest {
    static final String SMALL = "rnnlm:hidden=64,steps=4,vocab=100,batch=8";

    /** Runs the CLI capturing stdout and stderr. */
    static int run(StringBuilder out, StringBuilder err, String... args) {
        PrintStream o = System.out, e = System.err;
        ByteArrayOutputStream bo = new ByteArrayOutputStream(), be = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bo, true));
        System.setErr(new PrintStream(be, true));
        try {
            return Gauntlet.commandLine()
                    .setOut(new java.io.PrintWriter(bo, true)).setErr(new java.io.PrintWriter(be, true))
                    .execute(args);
        } finally {
            System.setOut(o);
            System.setErr(e);
            out.append(bo);
            err.append(be);
        }
    }

    @Test
    void badInputsExitWithStatus2AndOneLine(@TempDir Path dir) throws Exception {
        Path cyclic = dir.resolve("cyclic.json");
        Files.writeString(cyclic, "{\"name\":\"c\",\"ops\":[{\"name\":\"a\",\"inputs\":[\"b\"]},{\"name\":\"b\",\"inputs\":[\"a\"]}]}");
        Path file = dir.resolve("file");
        Files.writeString(file, "x");
        Path badProfile = dir.resolve("bad-profile.json");
        Files.writeString(badProfile, "{\"id\":\"b\",\"profile\":\"tf1999\",\"devices\":[{\"type\":\"k80\"}]}");
        String[][] bad = {
            {"place", "--model", "nope", "--cluster", "1cpu-2k80"},
            {"place", "--model", SMALL, "--cluster", "nope"},
            {"place", "--model", SMALL, "--cluster", "../etc/passwd"},
            {"place", "--model", SMALL, "--cluster", "1cpu-2k80", "--placer", "nope"},
            {"place", "--cluster", "1cpu-2k80"},
            {"place", "--model", SMALL},
            {"place", "--list", "gpus"},
            {"place", "--model", "rnnlm:hidden=big", "--cluster", "1cpu-2k80"},
            {"place", "--model", cyclic.toString(), "--cluster", "1cpu-2k80"},
            {"place", "--model", dir.resolve("missing.json").toString(), "--cluster", "1cpu-2k80"},
            {"place", "--model", SMALL, "--cluster", "1cpu-2k80", "--out", file.toString()},
            {"place", "--model", SMALL, "--cluster", "1cpu-2k80", "--bogus"},
            {"place", "--model", SMALL, "--cluster", "1cpu-2k80", "--groups", "0"},
            {"place", "--model", SMALL, "--cluster", "1cpu-2k80", "--groups", "many"},
            {"place", "--model", SMALL, "--cluster", "1cpu-2k80", "--profile", "nope"},
            {"place", "--calibration", "--profile", "nope"},
            {"place", "--model", SMALL, "--cluster", badProfile.toString()},
            {"place", "--model", SMALL, "--cluster", "1cpu-2k80", "--placer", "rl-seq2seq", "--budget", "0"},
            {"place", "--model", SMALL, "--cluster", "1cpu-2k80", "--placer", "rl-gnn", "--budget", "-3"},
            {"place", "--model", SMALL, "--cluster", "1cpu-2k80", "--placer", "rl-gnn", "--profile", "roofline", "--out", dir.toString()},
        };
        for (String[] args : bad) {
            StringBuilder out = new StringBuilder(), err = new StringBuilder();
            assertEquals(2, run(out, err, args), String.join(" ", args));
            assertEquals(1, err.toString().strip().lines().count(), String.join(" ", args) + " → " + err);
            assertTrue(err.toString().startsWith("gauntlet: "), err.toString());
        }
        // the public entry point too (its one line goes to stderr, silenced here)
        PrintStream e = System.err;
        System.setErr(new PrintStream(new ByteArrayOutputStream()));
        try {
            assertEquals(2, CliRunner.run("place", "--model", "nope", "--cluster", "1cpu-2k80").status());
        } finally {
            System.setErr(e);
        }
    }

    @Test
    void allPlacersTableJsonAndFiles(@TempDir Path dir) throws Exception {
        StringBuilder out = new StringBuilder(), err = new StringBuilder();
        assertEquals(0, run(out, err, "place", "--model", SMALL, "--cluster", "1cpu-2k80", "--out", dir.toString(), "--budget", "8"), err.toString());
        for (String p : new String[] {"single-cpu", "single-gpu", "expert", "round-robin", "metis", "heft", "m-topo", "m-etf", "rl-seq2seq", "rl-gnn"}) {
            assertTrue(out.toString().contains(p), p);
            assertTrue(Files.size(dir.resolve(p + "-gantt.png")) > 1000);
            assertTrue(Files.readString(dir.resolve(p + "-placement.json")).contains("\"placement\""));
        }
        assertTrue(out.toString().contains("1.00x"), out.toString());
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(f -> f.toString().endsWith(".tmp")));
        }
        // each learned placer trained into its run directory, with its report
        for (String p : new String[] {"rl-seq2seq", "rl-gnn"}) {
            Path run = dir.resolve("Placement-rnnlm@hidden=64,steps=4,vocab=100,batch=8-1cpu-2k80-v0").resolve(p).resolve("seed-0");
            assertTrue(Files.exists(run.resolve("result.json")), p);
            for (String f : new String[] {"curve.png", "gantt.png", "index.html"}) assertTrue(Files.size(run.resolve("report").resolve(f)) > 100, p + " " + f);
        }

        Path saved = dir.resolve("small.json");
        StringBuilder again = new StringBuilder();
        assertEquals(0, run(again, err, "place", "--model", SMALL, "--cluster", "1cpu-2k80", "--placer", "metis",
                "--groups", "10", "--save-graph", saved.toString()));
        StringBuilder reloaded = new StringBuilder();
        assertEquals(0, run(reloaded, err, "place", "--model", saved.toString(), "--cluster", "1cpu-2k80", "--placer", "metis",
                "--groups", "10"));
        assertEquals(again.toString(), reloaded.toString()); // same graph, same result

        StringBuilder json = new StringBuilder();
        assertEquals(0, run(json, err, "place", "--model", SMALL, "--cluster", "1cpu-2k80", "--placer", "heft", "--json"));
        var tree = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.toString());
        assertEquals("heft", tree.get("results").get(0).get("placer").asText());
        assertTrue(tree.get("results").get(0).get("stepTime").asDouble() > 0);
    }

    @Test
    void aLearnedPlacerIsARunThatAnotherCallFindsFinished(@TempDir Path dir) throws Exception {
        StringBuilder first = new StringBuilder(), again = new StringBuilder(), err = new StringBuilder();
        String[] args = {"place", "--model", SMALL, "--cluster", "1cpu-2k80", "--placer", "rl-seq2seq", "--budget", "16", "--seed", "3",
            "--out", dir.toString()};
        assertEquals(0, run(first, err, args), err.toString());
        assertTrue(first.toString().contains("rl-seq2seq"), first.toString());
        Path run = dir.resolve("Placement-rnnlm@hidden=64,steps=4,vocab=100,batch=8-1cpu-2k80-v0").resolve("rl-seq2seq").resolve("seed-3");
        String progress = Files.readString(run.resolve("progress.csv"));
        assertEquals(0, run(again, err, args), err.toString());
        assertEquals(first.toString(), again.toString());
        assertEquals(progress, Files.readString(run.resolve("progress.csv")), "a finished run is not redone");
    }

    @Test
    void placersThatDoNotApplyAreReportedNotFatal(@TempDir Path dir) throws Exception {
        Path cpuOnly = dir.resolve("cpu.json");
        Files.writeString(cpuOnly, "{\"id\":\"cpu\",\"devices\":[{\"name\":\"cpu0\",\"type\":\"haswell\"}]}");
        StringBuilder out = new StringBuilder(), err = new StringBuilder();
        assertEquals(0, run(out, err, "place", "--model", SMALL, "--cluster", cpuOnly.toString(), "--budget", "4", "--out", dir.toString()), err.toString());
        assertTrue(out.toString().contains("not applicable"), out.toString());
        assertEquals(2, run(out, err, "place", "--model", SMALL, "--cluster", cpuOnly.toString(), "--placer", "single-gpu"));
    }

    @Test
    void listings() {
        for (String what : new String[] {"models", "clusters", "placers"}) {
            StringBuilder out = new StringBuilder(), err = new StringBuilder();
            assertEquals(0, run(out, err, "place", "--list", what));
            assertTrue(out.toString().lines().count() >= 4, out.toString());
        }
        StringBuilder out = new StringBuilder(), err = new StringBuilder();
        assertEquals(0, run(out, err, "place", "--list", "profiles"));
        assertTrue(out.toString().contains("roofline") && out.toString().contains("tf2017-k80"), out.toString());
    }

    @Test
    void profileOverridesTheClustersOwn() throws Exception {
        StringBuilder calibrated = new StringBuilder(), roofline = new StringBuilder(), err = new StringBuilder();
        assertEquals(0, run(calibrated, err, "place", "--model", SMALL, "--cluster", "1cpu-2k80", "--placer", "single-gpu", "--json"));
        assertEquals(0, run(roofline, err, "place", "--model", SMALL, "--cluster", "1cpu-2k80", "--placer", "single-gpu", "--json",
                "--profile", "roofline"));
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        var a = mapper.readTree(calibrated.toString());
        var b = mapper.readTree(roofline.toString());
        assertEquals("tf2017-k80", a.get("profile").asText());
        assertEquals("roofline", b.get("profile").asText());
        // per-kernel dispatch and kind efficiencies make the calibrated step slower than the hardware's roofline
        assertTrue(a.get("results").get(0).get("stepTime").asDouble() > b.get("results").get(0).get("stepTime").asDouble());
    }

    @Test
    void calibrationTableBesideThePapers() throws Exception {
        StringBuilder out = new StringBuilder(), err = new StringBuilder();
        assertEquals(0, run(out, err, "place", "--calibration"), err.toString());
        String text = out.toString();
        assertTrue(text.contains("tf2017-k80") && text.contains("6.89") && text.contains("OOM"), text);
        assertEquals(2 + 6 + 1, text.strip().lines().count(), text); // title, header, 3 models × 2 machines, error line

        StringBuilder json = new StringBuilder();
        assertEquals(0, run(json, err, "place", "--calibration", "--json", "--profile", "roofline"));
        var tree = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.toString());
        assertEquals("roofline", tree.get("profile").asText());
        assertEquals(3 * 2 * 3, tree.get("figures").size());
        for (var f : tree.get("figures"))
            if (f.get("model").asText().equals("nmt") && f.get("placer").asText().equals("single-gpu")) {
                assertEquals("OOM", f.get("paper").asText());
                assertFalse(f.get("oom").asBoolean()); // the roofline misses the paper's out-of-memory
            }
    }
}
