package io.gauntlet.core.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gauntlet.core.random.Rng;
import org.junit.jupiter.api.Test;

class SnapshotTest {
    @Test
    void longsIntsBooleansAndRngsRoundTripExactly() {
        long[] longs = {0, -1, Long.MIN_VALUE, Long.MAX_VALUE, 0x7FF0000000000001L, 0xFFF8000000000123L, 123456789012345L};
        Rng rng = new Rng(99);
        rng.nextGaussian(); // leaves a spare Gaussian in the state
        Snapshot.Writer w = Snapshot.writer("t", longs.length * Snapshot.LONG + 3 + Snapshot.RNG);
        for (long v : longs) w.putLong(v);
        w.putInt(Integer.MIN_VALUE).putBoolean(true).put(-0.0).put(rng);
        double[] snapshot = w.finish();
        for (double v : snapshot) assertTrue(!Double.isNaN(v), "longs are never stored as NaN patterns");

        Snapshot.Reader r = Snapshot.reader("t", snapshot, snapshot.length - 1);
        for (long v : longs) assertEquals(v, r.getLong());
        assertEquals(Integer.MIN_VALUE, r.getInt());
        assertTrue(r.getBoolean());
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(r.getDouble()));
        Rng copy = new Rng(0);
        r.get(copy);
        for (int i = 0; i < 5; i++) assertEquals(Double.doubleToRawLongBits(rng.nextGaussian()), Double.doubleToRawLongBits(copy.nextGaussian()));
    }

    @Test
    void wrongLengthAndWrongOwnerAreRejected() {
        double[] s = Snapshot.writer("a", 2).put(1).put(2).finish();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Snapshot.reader("a", s, 3));
        assertTrue(e.getMessage().contains("has 3 values, expected 4"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Snapshot.reader("b", s, 2));
        assertThrows(IllegalArgumentException.class, () -> Snapshot.ownPart("a", s, 2)); // no room for an inner env
        assertThrows(IllegalStateException.class, () -> Snapshot.writer("a", 2).put(1).finish());
    }
}
