package io.gauntlet.placement.learn;

import io.gauntlet.core.env.Step;
import io.gauntlet.placement.device.Cluster;
import io.gauntlet.placement.device.CostProfiles;
import io.gauntlet.placement.device.DeviceType;
import io.gauntlet.placement.device.LinkType;
import io.gauntlet.placement.env.Fixtures;
import io.gauntlet.placement.env.PlacementEnv;
import io.gauntlet.placement.env.PlacementGraph;
import io.gauntlet.placement.graph.Graph;
import io.gauntlet.placement.graph.Grouping;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** What the learned placers learn from besides the policy: the failure charge, the memory mask, the device prior. */
class PlacerPartsTest {
    private static Step ended(double stepTime, boolean feasible, double simulated, double excessGb) {
        Step s = Step.of(new PlacementEnv(Fixtures.ungrouped(Fixtures.forkJoin(0), 2, 1L << 40)));
        s.diagnostics[0] = stepTime;
        s.diagnostics[1] = feasible ? 1 : 0;
        s.diagnostics[2] = simulated;
        s.diagnostics[3] = excessGb;
        return s;
    }

    @Test
    void aFailureIsChargedItsSimulatedTimePlusThePenaltyPerGigabyteOverAtMostTheFailingTime() {
        FailureCharge placeto = new FailureCharge(2, 0);
        assertEquals(7.5, placeto.charge(ended(7.5, true, 7.5, 0)), 0, "a placement that fits: its step time");
        assertEquals(1.3 + 2 * 1.6, placeto.charge(ended(100, false, 1.3, 1.6)), 1e-12, "out of memory by 1.6 GB");
        assertEquals(-Math.sqrt(1.3 + 2 * 1.6), placeto.reward(ended(100, false, 1.3, 1.6)), 1e-12);
        assertEquals(100, placeto.charge(ended(100, false, 30, 40)), 0, "capped at the failing run time");
        assertEquals(100, placeto.charge(ended(100, false, 100, 0)), 0, "cannot run at all");
        assertEquals(100, new FailureCharge(0, 0).charge(ended(100, false, 1.3, 1.6)), 0, "0: the paper's flat charge");
    }

    @Test
    void theMaskLeavesOnlyDevicesWithRoomUnlessNoneHasAny() {
        double[] logits = {0.5, 1, 2, 3};
        // fills of four devices at a stride of 2 from offset 1: 0.5, 1.0, 1.2, 3
        double[] fill = {9, 0.5, 9, 1.0, 9, 1.2, 9, 3};
        OverflowMask.apply(logits, 0, 4, fill, 1, 2);
        assertArrayEquals(new double[] {0.5, 1, OverflowMask.MASKED, OverflowMask.MASKED}, logits, 0);
        double[] none = {0.5, 1};
        OverflowMask.apply(none, 0, 2, new double[] {1.1, 2}, 0, 1);
        assertArrayEquals(new double[] {0.5, 1}, none, 0, "every device overflows: the policy chooses");
        double[] p = new double[4];
        new io.gauntlet.core.distributions.Categorical(4).probabilities(logits, 0, p);
        assertEquals(0, p[2], 0);
        assertEquals(Math.exp(1) / (Math.exp(0.5) + Math.exp(1)), p[1], 1e-15);
    }

    @Test
    void thePriorIsEachDevicesShareOfTheMachinesSpeed() {
        // devices of 1, 4 and 2 GFLOP/s: a graph takes 4, 1 and 2 times as long on them, so shares 1/7, 4/7, 2/7
        List<Cluster.Device> ds = List.of(device("a", 1e9), device("b", 4e9), device("c", 2e9));
        LinkType[][] links = new LinkType[3][3];
        for (LinkType[] row : links) Arrays.fill(row, new LinkType("test", "test", 1e9, 1e-3));
        Cluster c = new Cluster("speeds", "test", ds, links, CostProfiles.ROOFLINE);
        Graph g = Fixtures.forkJoin(0);
        PlacementGraph pg = new PlacementGraph(g, c, c.profile(), Grouping.identity(g));
        double mean = (Math.log(1 / 7.0) + Math.log(4 / 7.0) + Math.log(2 / 7.0)) / 3;
        assertArrayEquals(new double[] {Math.log(1 / 7.0) - mean, Math.log(4 / 7.0) - mean, Math.log(2 / 7.0) - mean},
                DevicePrior.logits(pg), 1e-12);
        PlacementGraph same = Fixtures.ungrouped(g, 3, 1L << 40);
        assertArrayEquals(new double[3], DevicePrior.logits(same), 1e-12, "equal devices: uniform");
    }

    private static Cluster.Device device(String name, double flops) {
        return new Cluster.Device(name, new DeviceType(name, "gpu", "test", flops, 1e12, 1L << 40, 1.0, false));
    }
}
