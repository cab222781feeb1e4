package io.gauntlet.placement.placers;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** Topcuoglu, Hariri and Wu 2002, the 10-task, 3-processor example (their Fig. 2 and Table 1). */
class HeftTest {
    static final double[][] W = {
        {14, 16, 9}, {13, 19, 18}, {11, 13, 19}, {13, 8, 17}, {12, 13, 10},
        {13, 16, 9}, {7, 15, 11}, {5, 11, 14}, {18, 12, 20}, {21, 7, 16},
    };
    // edges (0-based) with their communication costs
    static final int[][] EDGES = {
        {0, 1, 18}, {0, 2, 12}, {0, 3, 9}, {0, 4, 11}, {0, 5, 14}, {1, 7, 19}, {1, 8, 16}, {2, 6, 23},
        {3, 7, 27}, {3, 8, 23}, {4, 8, 13}, {5, 7, 15}, {6, 9, 17}, {7, 9, 11}, {8, 9, 13},
    };

    static int[][] successors() {
        int[][] succ = new int[10][];
        for (int i = 0; i < 10; i++) {
            final int t = i;
            succ[i] = java.util.Arrays.stream(EDGES).filter(e -> e[0] == t).mapToInt(e -> e[1]).toArray();
        }
        return succ;
    }

    static final Heft.Comm COMM = new Heft.Comm() {
        public double cost(int a, int b, int pa, int pb) { return pa == pb ? 0 : mean(a, b); }
        public double mean(int a, int b) {
            for (int[] e : EDGES) if (e[0] == a && e[1] == b) return e[2];
            throw new IllegalArgumentException();
        }
    };

    @Test
    void upwardRanksMatchThePaper() {
        double[] rank = Heft.upwardRanks(W, successors(), COMM);
        double[] published = {108.000, 77.000, 80.000, 80.000, 69.000, 63.333, 42.667, 35.667, 44.333, 14.667};
        for (int i = 0; i < 10; i++) assertEquals(published[i], rank[i], 1e-3, "rank of n" + (i + 1));
    }

    @Test
    void scheduleLengthIs80() {
        Heft.Schedule s = Heft.schedule(W, successors(), COMM, null);
        assertEquals(80.0, s.makespan(), 1e-9);
        // n1 starts first on P3 (cost 9), the exit task n10 finishes last on P2
        assertEquals(2, s.proc()[0]);
        assertEquals(0.0, s.start()[0]);
        assertEquals(1, s.proc()[9]);
    }
}
