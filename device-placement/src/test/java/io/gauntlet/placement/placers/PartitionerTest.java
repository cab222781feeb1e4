package io.gauntlet.placement.placers;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Cut and balance on graphs whose optimum is known. */
class PartitionerTest {
    static Partitioner.WeightedGraph graph(int n, List<int[]> edges) {
        double[] vw = new double[n];
        java.util.Arrays.fill(vw, 1);
        int[] u = edges.stream().mapToInt(e -> e[0]).toArray(), v = edges.stream().mapToInt(e -> e[1]).toArray();
        double[] w = edges.stream().mapToDouble(e -> e.length > 2 ? e[2] : 1).toArray();
        return Partitioner.WeightedGraph.of(vw, u, v, w);
    }

    @Test
    void twoCliquesJoinedByOneEdgeSplitAtThatEdge() {
        List<int[]> e = new ArrayList<>();
        for (int c = 0; c < 2; c++)
            for (int i = 0; i < 6; i++) for (int j = i + 1; j < 6; j++) e.add(new int[] {6 * c + i, 6 * c + j});
        e.add(new int[] {5, 6});
        Partitioner.WeightedGraph g = graph(12, e);
        int[] part = new Partitioner(0.05, 3).partition(g, 2);
        assertEquals(1.0, Partitioner.cut(g, part));
        assertArrayEquals(new double[] {6, 6}, Partitioner.partWeights(g, part, 2));
    }

    @Test
    void ringBisectionCutsTwoEdges() {
        List<int[]> e = new ArrayList<>();
        for (int i = 0; i < 64; i++) e.add(new int[] {i, (i + 1) % 64});
        Partitioner.WeightedGraph g = graph(64, e);
        int[] part = new Partitioner(0.05, 1).partition(g, 2);
        assertEquals(2.0, Partitioner.cut(g, part));
        for (double w : Partitioner.partWeights(g, part, 2)) assertTrue(w <= 1.05 * 32);
    }

    @Test
    void gridIntoFourQuadrants() {
        // 16x16 grid into 4 parts of 64: the optimum cuts 2·16 = 32 edges (two straight lines)
        int s = 16;
        List<int[]> e = new ArrayList<>();
        for (int r = 0; r < s; r++)
            for (int c = 0; c < s; c++) {
                if (c + 1 < s) e.add(new int[] {r * s + c, r * s + c + 1});
                if (r + 1 < s) e.add(new int[] {r * s + c, (r + 1) * s + c});
            }
        Partitioner.WeightedGraph g = graph(s * s, e);
        int[] part = new Partitioner(0.05, 7).partition(g, 4);
        double cut = Partitioner.cut(g, part);
        for (double w : Partitioner.partWeights(g, part, 4)) assertTrue(w <= 1.05 * 64, "part weight " + w);
        assertTrue(cut >= 32 && cut <= 32 * 1.5, "cut " + cut);
    }

    @Test
    void fourCliquesInAChainFindTheThreeBridges() {
        List<int[]> e = new ArrayList<>();
        for (int c = 0; c < 4; c++)
            for (int i = 0; i < 10; i++) for (int j = i + 1; j < 10; j++) e.add(new int[] {10 * c + i, 10 * c + j, 5});
        for (int c = 0; c < 3; c++) e.add(new int[] {10 * c + 9, 10 * c + 10, 1});
        Partitioner.WeightedGraph g = graph(40, e);
        int[] part = new Partitioner(0.05, 11).partition(g, 4);
        assertEquals(3.0, Partitioner.cut(g, part));
    }
}
