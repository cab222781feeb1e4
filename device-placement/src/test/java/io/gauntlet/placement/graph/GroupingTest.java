package io.gauntlet.placement.graph;

import io.gauntlet.placement.zoo.Zoo;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class GroupingTest {
    static Op op(String name, String colocateWith) {
        return new Op(name, "T", Phase.FORWARD, 1, 0, 0, null, 4, 0, colocateWith, -1);
    }

    @Test
    void colocationThenSingleConsumerMerging() {
        // x → a → b, x → c; a has one consumer (b): a joins b. x has two consumers: alone. d co-located with x.
        GraphBuilder g = new GraphBuilder("t");
        g.add(op("x", null));
        g.add(op("a", null), "x");
        g.add(op("b", null), "a");
        g.add(op("c", null), "x");
        g.add(op("d", "x"), "c");
        Graph graph = g.build();
        Grouping grouping = Grouping.paper(graph);
        // c's single consumer is d, which is co-located with x: {x, c, d}, {a, b}
        assertEquals(2, grouping.count());
        assertEquals(grouping.groupOf(0), grouping.groupOf(3));
        assertEquals(grouping.groupOf(0), grouping.groupOf(4));
        assertEquals(grouping.groupOf(1), grouping.groupOf(2));
        assertNotEquals(grouping.groupOf(0), grouping.groupOf(1));
        int[] groupPlacement = grouping.groupOf(0) == 0 ? new int[] {7, 9} : new int[] {9, 7};
        assertArrayEquals(new int[] {7, 9, 9, 7, 7}, grouping.expand(groupPlacement));
        int[] into = new int[5];
        assertSame(into, grouping.expandInto(groupPlacement, into));
        assertArrayEquals(new int[] {7, 9, 9, 7, 7}, into);
        assertThrows(IllegalArgumentException.class, () -> grouping.expandInto(groupPlacement, new int[4]));
    }

    @Test
    void coarseningReachesKAndKeepsGroupsWhole() {
        Graph g = Zoo.build("inception-v3");
        Grouping paper = Grouping.paper(g);
        assertTrue(paper.count() > 83, "layer-level ops group less than TF's primitive ops");
        Grouping coarse = paper.coarsen(g, 83);
        assertEquals(83, coarse.count());
        for (int i = 0; i < g.size(); i++)
            for (int j = 0; j < g.size(); j++)
                if (paper.groupOf(i) == paper.groupOf(j)) assertEquals(coarse.groupOf(i), coarse.groupOf(j));
        // co-located ops share a group
        for (int i = 0; i < g.size(); i++)
            if (g.colocatedWith(i) >= 0) assertEquals(coarse.groupOf(i), coarse.groupOf(g.colocatedWith(i)));
    }
}
