package io.gauntlet.core.env;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gauntlet.core.random.Rng;
import org.junit.jupiter.api.Test;

class SpacesTest {
    @Test
    void boxContainsAndClips() {
        Box b = new Box(new double[] {-1, 0}, new double[] {1, 2});
        assertTrue(b.contains(new double[] {0, 2}));
        assertFalse(b.contains(new double[] {0, 2.0001}));
        assertFalse(b.contains(new double[] {Double.NaN, 1}));
        assertFalse(b.contains(new double[] {0}));
        double[] v = {-3, 5};
        b.clip(v);
        assertArrayEquals(new double[] {-1, 2}, v);
        assertEquals("Box(2)", b.describe());
        assertEquals("Box(3, [-2, 2])", Box.uniform(3, -2, 2).describe());
    }

    @Test
    void boxRejectsInvertedOrNaNBounds() {
        assertThrows(IllegalArgumentException.class, () -> new Box(new double[] {1}, new double[] {0}));
        assertThrows(IllegalArgumentException.class, () -> new Box(new double[] {Double.NaN}, new double[] {0}));
        assertThrows(IllegalArgumentException.class, () -> new Box(new double[] {0, 0}, new double[] {1}));
    }

    @Test
    void boxSamplesStayInsideAndCoverBounds() {
        Box b = new Box(new double[] {-2, 10}, new double[] {3, 11});
        Rng r = new Rng(1);
        double[] v = new double[2];
        double min0 = Double.POSITIVE_INFINITY, max0 = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < 10000; i++) {
            b.sample(r, v);
            assertTrue(b.contains(v));
            min0 = Math.min(min0, v[0]);
            max0 = Math.max(max0, v[0]);
        }
        assertTrue(min0 < -1.99 && max0 > 2.99);
        Box half = new Box(new double[] {0}, new double[] {Double.POSITIVE_INFINITY});
        for (int i = 0; i < 1000; i++) {
            half.sample(r, v);
            assertTrue(v[0] >= 0);
        }
    }

    @Test
    void discreteHoldsIntegersOnly() {
        Discrete d = new Discrete(3);
        assertTrue(d.contains(new double[] {2}));
        assertFalse(d.contains(new double[] {3}));
        assertFalse(d.contains(new double[] {0.5}));
        assertFalse(d.contains(new double[] {-1}));
        assertEquals(1, d.flatDim());
        assertThrows(IllegalArgumentException.class, () -> new Discrete(0));
        int[] counts = new int[3];
        double[] v = new double[1];
        Rng r = new Rng(2);
        for (int i = 0; i < 3000; i++) {
            d.sample(r, v);
            counts[(int) v[0]]++;
        }
        for (int c : counts) assertTrue(c > 850 && c < 1150, "count " + c);
    }
}
