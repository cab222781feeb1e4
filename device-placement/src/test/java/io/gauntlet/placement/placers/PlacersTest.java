package io.gauntlet.placement.placers;

import io.gauntlet.core.BadInputException;
import io.gauntlet.placement.device.Cluster;
import io.gauntlet.placement.device.CostProfiles;
import io.gauntlet.placement.device.DeviceType;
import io.gauntlet.placement.device.LinkType;
import io.gauntlet.placement.graph.Graph;
import io.gauntlet.placement.graph.GraphBuilder;
import io.gauntlet.placement.graph.Op;
import io.gauntlet.placement.graph.Phase;
import io.gauntlet.placement.sim.SimResult;
import io.gauntlet.placement.zoo.Zoo;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class PlacersTest {
    @Test
    void everyPlacerGivesAValidDeterministicPlacement() {
        for (String model : List.of("inception-v3:batch=4", "nmt:hidden=128,steps=6,vocab=500")) {
            Problem p = Problem.of(Zoo.build(model), Cluster.load("1cpu-2k80"));
            for (Placer placer : Placers.all()) {
                int[] a = placer.place(p);
                SimResult r = p.costs().simulate(a);
                assertTrue(r.valid(), placer.id() + " on " + model + ": " + r.invalidReason());
                assertTrue(r.stepTime() > 0);
                assertArrayEquals(a, placer.place(Problem.of(p.graph(), p.cluster())), placer.id() + " not deterministic");
            }
        }
    }

    @Test
    void singleDevicePlacersAndTheExpertsLayers() {
        Problem p = Problem.of(Zoo.build("rnnlm:hidden=64,steps=4,vocab=100"), Cluster.load("1cpu-4k80"));
        assertTrue(Arrays.stream(Placers.get("single-cpu").place(p)).allMatch(d -> d == 0));
        assertTrue(Arrays.stream(Placers.get("single-gpu").place(p)).allMatch(d -> d == 1));
        int[] expert = Placers.get("expert").place(p);
        Graph g = p.graph();
        // stages: layer 0, layer 1, softmax → 3 of 4 GPUs (devices 1..3)
        assertEquals(1, expert[g.indexOf("lstm_0/gates_2")]);
        assertEquals(2, expert[g.indexOf("lstm_1/gates_2")]);
        assertEquals(3, expert[g.indexOf("softmax/logits_2")]);
        assertEquals(2, expert[g.indexOf("lstm_1/weights/update")]);
        // round robin reaches the CPU too
        assertTrue(Arrays.stream(Placers.get("round-robin").place(p)).anyMatch(d -> d == 0));
        Problem cpuOnly = Problem.of(g, Cluster.fromJson("{\"id\":\"c\",\"devices\":[{\"name\":\"cpu0\",\"type\":\"haswell\"}]}"));
        assertThrows(BadInputException.class, () -> Placers.get("single-gpu").place(cpuOnly));
        assertThrows(BadInputException.class, () -> Placers.get("nope"));
    }

    static Cluster twoGpus(long capacity) {
        DeviceType gpu = new DeviceType("g", "gpu", "test", 1e9, 1e12, capacity, 1, false);
        LinkType l = new LinkType("l", "test", 1e9, 1e-3);
        return new Cluster("t", "t", List.of(new Cluster.Device("g0", gpu), new Cluster.Device("g1", gpu)),
                new LinkType[][] {{l, l}, {l, l}});
    }

    static Graph twoIndependentOps() {
        GraphBuilder b = new GraphBuilder("two");
        b.add(new Op("a", "T", Phase.FORWARD, 1e9, 0, 0, null, 100, 0, null, -1));
        b.add(new Op("b", "T", Phase.FORWARD, 1e9, 0, 0, null, 100, 0, null, -1));
        return b.build();
    }

    @Test
    void mEtfRunsIndependentOpsInParallelUnlessMemoryForbids() {
        int[] roomy = Baechi.M_ETF.place(Problem.of(twoIndependentOps(), twoGpus(1000)));
        assertNotEquals(roomy[0], roomy[1]);
        assertEquals(1.0, Problem.of(twoIndependentOps(), twoGpus(1000)).costs().simulate(roomy).stepTime(), 1e-12);
    }

    @Test
    void mTopoFillsDevicesInTopologicalOrderUpToAnEqualShare() {
        GraphBuilder b = new GraphBuilder("chain");
        String prev = null;
        for (int i = 0; i < 8; i++) {
            Op op = new Op("op" + i, "T", Phase.FORWARD, 1e6, 0, 0, null, 100, 0, null, -1);
            if (prev == null) b.add(op); else b.add(op, prev);
            prev = "op" + i;
        }
        int[] p = Baechi.M_TOPO.place(Problem.of(b.build(), twoGpus(10_000)));
        // 800 bytes in total, 401 per device: the first four ops fill g0, the rest go to g1
        assertArrayEquals(new int[] {0, 0, 0, 0, 1, 1, 1, 1}, p);
    }

    @Test
    void heftAvoidsTheSlowCpuForHeavyWork() {
        // on the hardware's roofline, where splitting Inception's branches over GPUs pays
        Problem p = Problem.of(Zoo.build("inception-v3:batch=8"), Cluster.load("1cpu-2k80"), CostProfiles.ROOFLINE);
        int[] h = Placers.get("heft").place(p);
        double cpuFlops = 0, total = p.graph().totalFlops();
        for (int i = 0; i < h.length; i++) if (h[i] == 0) cpuFlops += p.graph().op(i).flops();
        assertTrue(cpuFlops < 0.2 * total, "HEFT put " + cpuFlops / total + " of the FLOPs on the CPU");
        SimResult single = p.costs().simulate(Placers.get("single-gpu").place(p));
        assertTrue(p.costs().simulate(h).stepTime() < single.stepTime());
    }
}
