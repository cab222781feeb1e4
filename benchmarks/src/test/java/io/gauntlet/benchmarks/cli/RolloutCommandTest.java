package io.gauntlet.benchmarks.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RolloutCommandTest {
    @TempDir
    Path dir;

    private Path actions(String content) throws IOException {
        Path f = dir.resolve("actions.txt");
        Files.writeString(f, content);
        return f;
    }

    /** The lines a successful rollout of {@code env} from {@code initState} under {@code actions} prints. */
    private String[] rollout(String env, String initState, String actions) throws IOException {
        CliRunner r = CliRunner.run("rollout", "--env", env, "--init-state", initState, "--actions", actions(actions).toString());
        assertEquals(0, r.status(), r.err());
        return r.out().strip().split("\n");
    }

    @Test
    void cartPoleRolloutPrintsHeaderAndOneRowPerStep() throws IOException {
        String[] lines = rollout("CartPole-v1", "0,0,0,0", "1\n0\n");
        assertEquals("step,reward,terminated,truncated,obs_0,obs_1,obs_2,obs_3", lines[0]);
        assertEquals(3, lines.length);
        String[] row1 = lines[1].split(",");
        assertEquals("1", row1[0]);
        assertEquals(1.0, Double.parseDouble(row1[1]));
        assertEquals("false", row1[2]);
        assertEquals("false", row1[3]);
        // Hand-derived first step from rest with force +10: x_dot = 0.02 * 400/41, theta_dot = -0.02 * 600/41.
        assertEquals(0.02 * 400.0 / 41.0, Double.parseDouble(row1[5]), 1e-15);
        assertEquals(-0.02 * 600.0 / 41.0, Double.parseDouble(row1[7]), 1e-15);
        assertTrue(lines[2].startsWith("2,"));
    }

    @Test
    void stopsAfterTheTerminalStep() throws IOException {
        String[] lines = rollout("CartPole-v1", "2.4,1,0,0", "1\n1\n1\n");
        assertEquals(2, lines.length);
        assertTrue(lines[1].startsWith("1,1.0,true,false,"));
    }

    @Test
    void stopsAtTheTimeLimitWithTruncated() throws IOException {
        String[] lines = rollout("Pendulum-v1:time-limit=3", "0.5,0", "0\n0\n0\n0\n0\n");
        assertEquals(4, lines.length);
        assertTrue(lines[3].startsWith("3,") && lines[3].contains(",false,true,"), lines[3]);
    }

    @Test
    void continuousActionsAndFileOutput() throws IOException {
        Path out = dir.resolve("sub/rollout.csv");
        CliRunner r = CliRunner.run("rollout", "--env", "Pendulum-v1", "--init-state", "1,0",
                "--actions", actions("0.5\n\n").toString(), "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        assertEquals("", r.out());
        String[] lines = Files.readString(out).strip().split("\n");
        assertEquals("step,reward,terminated,truncated,obs_0,obs_1,obs_2", lines[0]);
        assertEquals(2, lines.length);
        assertEquals(-1.00025, Double.parseDouble(lines[1].split(",")[1]), 1e-10); // the control cost is float32, as under NumPy 2
        try (var files = Files.list(out.getParent())) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    private static void assertOneLineError(CliRunner r, String fragment) {
        assertEquals(2, r.status());
        assertEquals("", r.out());
        String err = r.err().strip();
        assertFalse(err.contains("\n"), "one line: " + err);
        assertTrue(err.contains(fragment), err);
    }

    @Test
    void userErrorsExitTwoWithOneLine() throws IOException {
        Path good = actions("1\n");
        assertOneLineError(CliRunner.run("rollout", "--env", "CartPole-v1", "--init-state", "0,0,0",
                "--actions", good.toString()), "x, x_dot, theta, theta_dot");
        assertOneLineError(CliRunner.run("rollout", "--env", "CartPole-v1", "--init-state", "0,0,NaN,0",
                "--actions", good.toString()), "finite");
        assertOneLineError(CliRunner.run("rollout", "--env", "CartPole-v1", "--init-state", "0,0,x,0",
                "--actions", good.toString()), "not a number");
        assertOneLineError(CliRunner.run("rollout", "--env", "CartPole-v1", "--init-state", "0,0,0,0",
                "--actions", actions("1\n0\nleft\n").toString()), "line 3");
        assertOneLineError(CliRunner.run("rollout", "--env", "CartPole-v1", "--init-state", "0,0,0,0",
                "--actions", actions("1\n2\n").toString()), "line 2");
        assertOneLineError(CliRunner.run("rollout", "--env", "Pendulum-v1", "--init-state", "0,0",
                "--actions", actions("0.1\nNaN\n").toString()), "line 2");
        assertOneLineError(CliRunner.run("rollout", "--env", "Pendulum-v1", "--init-state", "0,0",
                "--actions", actions("0.1,0.2\n").toString()), "line 1");
        assertOneLineError(CliRunner.run("rollout", "--env", "Nope-v0", "--init-state", "0,0",
                "--actions", good.toString()), "unknown env id");
        assertOneLineError(CliRunner.run("rollout", "--env", "CartPole-v1", "--init-state", "0,0,0,0",
                "--actions", dir.resolve("missing.txt").toString()), "no such file");
        Path out = dir.resolve("never.csv");
        CliRunner r = CliRunner.run("rollout", "--env", "CartPole-v1", "--init-state", "0,0,0,0",
                "--actions", actions("1\nx\n").toString(), "--out", out.toString());
        assertOneLineError(r, "line 2");
        assertFalse(Files.exists(out), "no file written on error");
    }
}
