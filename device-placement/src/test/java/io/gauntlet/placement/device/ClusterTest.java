package io.gauntlet.placement.device;

import io.gauntlet.core.BadInputException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class ClusterTest {
    @Test
    void thePapersMachines() {
        for (int gpus : new int[] {2, 4}) {
            Cluster c = Cluster.load("1cpu-" + gpus + "k80");
            assertEquals(1 + gpus, c.size());
            assertEquals("cpu0", c.device(0).name());
            assertEquals("haswell", c.device(0).type().id());
            assertArrayEquals(java.util.stream.IntStream.rangeClosed(1, gpus).toArray(), c.all("gpu"));
            assertEquals("pcie3", c.link(1, 2).id());
        }
        // a K80 die: 2496 cores × 2 FLOP × 875 MHz
        assertEquals(2496 * 2 * 875e6, Devices.device("k80").peakFlops(), 0.01e12);
    }

    @Test
    void linksOverrideTheDefaultAmongTheirMembers() {
        Cluster c = Cluster.load("2node-2k80-eth10g");
        int gpu0 = 1, gpu1 = 2, gpu2 = 4;
        assertEquals("pcie3", c.link(gpu0, gpu1).id());
        assertEquals("eth10g", c.link(gpu1, gpu2).id());
        assertEquals("eth10g", c.link(gpu2, gpu1).id());
        assertTrue(Cluster.load("1cpu-1k80-1tpu1").device(2).type().inferenceOnly());
    }

    @Test
    void badClusterFilesAreRejected() {
        String[] bad = {
            "{ nope",
            "{\"id\":\"x\",\"devices\":[]}",
            "{\"id\":\"x\",\"devices\":[{\"type\":\"gtx9000\"}]}",
            "{\"id\":\"x\",\"devices\":[{\"type\":\"k80\",\"count\":0}]}",
            "{\"id\":\"x\",\"devices\":[{\"name\":\"a\",\"type\":\"k80\"},{\"name\":\"a\",\"type\":\"k80\"}]}",
            "{\"id\":\"x\",\"devices\":[{\"type\":\"k80\"}],\"defaultLink\":\"carrier-pigeon\"}",
            "{\"id\":\"x\",\"devices\":[{\"type\":\"k80\"}],\"links\":[{\"among\":[\"gpu9\"],\"type\":\"pcie3\"}]}",
        };
        for (String json : bad) assertThrows(BadInputException.class, () -> Cluster.fromJson(json), json);
        assertThrows(BadInputException.class, () -> Cluster.load("no-such-cluster"));
        assertThrows(BadInputException.class, () -> Cluster.load("/no/such/file.json"));
    }
}
