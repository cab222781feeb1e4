package io.gauntlet.core.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgressCsvTest {
    @TempDir
    Path dir;

    @Test
    void whatTheWriterWritesTheReaderReadsBackBitForBit() throws IOException {
        double awkward = 0.1 + 0.2;
        try (ProgressCsv csv = ProgressCsv.create(dir)) {
            Map<String, Double> d = new LinkedHashMap<>();
            d.put("Loss", awkward);
            csv.append(new double[] {0, 100, -1.5e-300, 2, 3, 4, 5, 6, 0.5, 0.5}, d);
            d.put("Loss", Double.NEGATIVE_INFINITY);
            csv.append(new double[] {1, 200, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, Double.NaN, 1, 0.5}, d);
        }
        ProgressCsv.Table t = ProgressCsv.read(dir.resolve(ProgressCsv.FILE));
        assertEquals("Loss", t.columns().get(ProgressCsv.STANDARD.size()));
        assertArrayEquals(new long[] {100, 200}, t.totalEnvSteps());
        assertEquals(-1.5e-300, t.averageReturns()[0], 0);
        assertTrue(Double.isNaN(t.averageReturns()[1]), "an iteration without episodes reads NaN");
        assertArrayEquals(new double[] {awkward, Double.NEGATIVE_INFINITY}, t.column("Loss"));
        assertArrayEquals(new int[] {5, 0}, t.numTrajs());
    }

    @Test
    void aTornLastLineIsLeftOutButATornMiddleLineIsAnError() throws IOException {
        String header = String.join(",", ProgressCsv.STANDARD) + "\n";
        Path torn = Files.writeString(dir.resolve("torn.csv"), header + "0,10,1,0,1,1,1,1,0.1,0.1\n1,20,2,0,2");
        assertEquals(1, ProgressCsv.read(torn).rows().size());
        Path bad = Files.writeString(dir.resolve("bad.csv"), header + "0,10,1,0\n1,20,2,0,2,2,1,2,0.1,0.1\n");
        IOException e = assertThrows(IOException.class, () -> ProgressCsv.read(bad));
        assertEquals(bad + ": line 2 is malformed", e.getMessage());
        Path foreign = Files.writeString(dir.resolve("foreign.csv"), "a,b\n1,2\n");
        assertThrows(IOException.class, () -> ProgressCsv.read(foreign));
    }
}
