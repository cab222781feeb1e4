package io.gauntlet.benchmarks.suite;

import io.gauntlet.benchmarks.cli.Gauntlet;
import io.gauntlet.benchmarks.suite.PlacementTable.Cell;
import io.gauntlet.benchmarks.suite.PlacementTable.Row;
import io.gauntlet.placement.Calibration;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The table's arithmetic, against the paper's own rows. */
class PlacementTableTest {
    /** A row with the given times per column (classic, then learned); NaN: did not run, +inf: out of memory. */
    static Row row(double... times) {
        List<String> columns = new ArrayList<>(PlacementTable.CLASSIC);
        columns.addAll(PlacementTable.LEARNED);
        List<Cell> cells = new ArrayList<>();
        for (int k = 0; k < columns.size(); k++) {
            double t = times[k];
            cells.add(Double.isNaN(t) ? new Cell(columns.get(k), Double.NaN, false, "not applicable")
                    : new Cell(columns.get(k), Double.isInfinite(t) ? 1.0 : t, Double.isInfinite(t), null));
        }
        return new Row("nmt", 2, cells);
    }

    @Test
    void theLearnedSpeedUpIsTheBestOtherColumnOverTheBestLearnedOne() {
        double oom = Double.POSITIVE_INFINITY;
        // the paper's NMT row on 2 GPUs: single CPU 10.72, single GPU OOM, expert 4.99; RL 4.04
        Row r = row(10.72, oom, 4.99, 11.54, 14.19, oom, 12.0, 4.04, 4.50);
        assertEquals(4.99 / 4.04 - 1, r.learnedSpeedup(), 1e-12);
        assertEquals(0.235, r.learnedSpeedup(), 0.001, "the paper's 23.5 %");
        assertEquals(4.99 / 4.04 - 1, r.speedupOver("expert"), 1e-12);
        assertEquals("rl-seq2seq", r.best(PlacementTable.LEARNED).placer());
        assertEquals("expert", r.best(PlacementTable.CLASSIC).placer());
        assertTrue(Double.isNaN(r.speedupOver("single-gpu")), "no speed-up over a column that ran out of memory");
        // a learned placement slower than the best classic one: a negative speed-up
        Row slower = row(7.64, oom, 5.21, 15.1, 22.8, oom, 31.4, 7.2, 6.78);
        assertEquals(5.21 / 6.78 - 1, slower.learnedSpeedup(), 1e-12);
        assertTrue(Double.isNaN(row(oom, oom, oom, oom, oom, oom, oom, oom, oom).learnedSpeedup()));
    }

    @Test
    void thePapersLearnedColumnGivesItsOwnSpeedUps() {
        assertEquals(0.235, Calibration.paperRow("nmt").learnedSpeedup(2), 0.001);
        assertEquals(0.206, Calibration.paperRow("nmt").learnedSpeedup(4), 0.001);
        assertEquals(0.195, Calibration.paperRow("inception-v3").learnedSpeedup(4), 0.001);
        assertEquals(0, Calibration.paperRow("rnnlm").learnedSpeedup(2), 1e-12);
        assertNull(Calibration.paperRow("gnmt"));
    }

    @Test
    void aScaleIsSmallOrFullAndOnlyForThePlacementSuite() {
        PrintStream e = System.err;
        System.setErr(new PrintStream(new ByteArrayOutputStream()));
        try {
            assertEquals(2, Gauntlet.execute("run", "placement", "--scale", "huge"));
            assertEquals(2, Gauntlet.execute("run", "quick", "--scale", "small"));
        } finally {
            System.setErr(e);
        }
        assertTrue(PlacementTable.Scale.SMALL.budget.seq2seq() < PlacementTable.Scale.FULL.budget.seq2seq());
    }
}
