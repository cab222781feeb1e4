package io.gauntlet.benchmarks.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
    @Test
    void quietWhenNotATerminal() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar("x", new PrintStream(err, true, StandardCharsets.UTF_8), false);
        bar.update(5, 10, 1.0, null);
        bar.finish();
        assertEquals(0, err.size());
    }

    @Test
    void drawsStepsReturnAndEtaInPlace() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar("ppo", new PrintStream(err, true, StandardCharsets.UTF_8), true);
        bar.update(10, 10, 21.25, null); // the final update is always drawn
        bar.finish();
        String s = err.toString(StandardCharsets.UTF_8);
        assertTrue(s.startsWith("\rppo [" + "#".repeat(30) + "] 10/10 steps  return 21.3  ETA --:--"), s);
        assertTrue(s.endsWith(System.lineSeparator()));
    }

    @Test
    void clockFormatsMinutesAndHours() {
        assertEquals("0:07", ProgressBar.clock(7.2));
        assertEquals("2:05", ProgressBar.clock(125));
        assertEquals("1:01:01", ProgressBar.clock(3661));
    }
}
