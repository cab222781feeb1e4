package io.gauntlet.core.env;

import io.gauntlet.core.random.Rng;
import java.util.Arrays;

/**
 * Packs and unpacks the flat {@code double[]} of {@link Env#snapshot()}: doubles verbatim, and longs, ints,
 * booleans and {@link Rng} states exactly. A long is stored as its two 32-bit halves (each an exact double), not as
 * {@code Double.longBitsToDouble}, so no value is a NaN pattern that a platform or a text format could canonicalise.
 *
 * <p>Every layer (task or wrapper) writes a tag derived from its owner name first, so restoring a snapshot into a
 * differently built env fails with a clear message instead of loading nonsense. Layers are validated before any is
 * changed: a wrapper checks its own part, the task checks the exact length, then the task restores first.
 */
public final class Snapshot {
    /** Values one long takes. */
    public static final int LONG = 2;
    /** Values an {@link Rng} state takes (six longs). */
    public static final int RNG = 6 * LONG;

    private Snapshot() {}

    /** The snapshot of a task whose whole future is its state vector, its physical parameters and its random stream. */
    public static double[] ofTask(String owner, double[] state, double[] parameters, Rng rng) {
        return writer(owner, state.length + parameters.length + RNG).put(state).put(parameters).put(rng).finish();
    }

    /**
     * Reads an {@link #ofTask} snapshot back: the state into {@code state}, the stream into {@code rng}; returns the
     * parameters for the task to set. The length and the owner are checked before anything is written.
     */
    public static double[] restoreTask(String owner, double[] snapshot, double[] state, int parameterCount, Rng rng) {
        Reader r = reader(owner, snapshot, state.length + parameterCount + RNG);
        r.get(state);
        double[] parameters = r.getDoubles(parameterCount);
        r.get(rng);
        return parameters;
    }

    /** A writer for a whole snapshot of {@code size} values (the tag not counted). */
    public static Writer writer(String owner, int size) {
        Writer w = new Writer(new double[size + 1], 0);
        w.put(tag(owner));
        return w;
    }

    /** A writer that appends {@code ownSize} values (and the tag) of a wrapper to its inner env's snapshot. */
    public static Writer appending(double[] inner, String owner, int ownSize) {
        Writer w = new Writer(Arrays.copyOf(inner, inner.length + ownSize + 1), inner.length);
        w.put(tag(owner));
        return w;
    }

    /** A reader of a whole snapshot that must hold exactly {@code size} values (the tag not counted). */
    public static Reader reader(String owner, double[] snapshot, int size) {
        if (snapshot.length != size + 1) {
            throw new IllegalArgumentException(owner + ": snapshot has " + snapshot.length + " values, expected "
                    + (size + 1) + " (was it taken from a differently built env?)");
        }
        return new Reader(owner, snapshot, 0);
    }

    /** A reader of a wrapper's own last {@code ownSize} values (and tag); {@link Reader#inner()} is the rest. */
    public static Reader ownPart(String owner, double[] snapshot, int ownSize) {
        if (snapshot.length < ownSize + 2) {
            throw new IllegalArgumentException(owner + ": snapshot has " + snapshot.length + " values, too few for this"
                    + " wrapper's " + (ownSize + 1) + " and the env inside (was it taken from a differently built env?)");
        }
        return new Reader(owner, snapshot, snapshot.length - ownSize - 1);
    }

    private static double tag(String owner) {
        return owner.hashCode();
    }

    /** Fills a snapshot front to back. */
    public static final class Writer {
        private final double[] a;
        private int pos;

        private Writer(double[] a, int pos) {
            this.a = a;
            this.pos = pos;
        }

        public Writer put(double v) {
            a[pos++] = v;
            return this;
        }

        public Writer put(double[] v) {
            System.arraycopy(v, 0, a, pos, v.length);
            pos += v.length;
            return this;
        }

        public Writer putInt(int v) {
            return put(v);
        }

        public Writer putBoolean(boolean v) {
            return put(v ? 1 : 0);
        }

        public Writer putLong(long v) {
            return put((int) (v >>> 32)).put((int) v);
        }

        public Writer put(Rng rng) {
            for (long v : rng.state()) putLong(v);
            return this;
        }

        /** The snapshot; throws if fewer values were written than declared (a bug in the caller's size). */
        public double[] finish() {
            if (pos != a.length) throw new IllegalStateException("snapshot declared " + a.length + " values, wrote " + pos);
            return a;
        }
    }

    /** Reads a snapshot front to back, after checking its tag. */
    public static final class Reader {
        private final double[] a;
        private final int start;
        private int pos;

        private Reader(String owner, double[] a, int start) {
            this.a = a;
            this.start = start;
            this.pos = start;
            if (a[pos++] != tag(owner)) {
                throw new IllegalArgumentException(owner + ": a snapshot of " + a.length + " values that was not taken from an"
                        + " env built like this one (wrong length, or another task or wrapper stack)");
            }
        }

        /** The values before this reader's part: the inner env's snapshot. */
        public double[] inner() {
            return Arrays.copyOf(a, start);
        }

        public double getDouble() {
            return a[pos++];
        }

        public void get(double[] dst) {
            System.arraycopy(a, pos, dst, 0, dst.length);
            pos += dst.length;
        }

        public double[] getDoubles(int n) {
            double[] v = Arrays.copyOfRange(a, pos, pos + n);
            pos += n;
            return v;
        }

        public int getInt() {
            double v = a[pos++];
            if (v != (int) v) throw new IllegalArgumentException("snapshot: expected an integer, found " + v);
            return (int) v;
        }

        public boolean getBoolean() {
            return getInt() != 0;
        }

        public long getLong() {
            long hi = getInt();
            long lo = getInt();
            return (hi << 32) | (lo & 0xFFFFFFFFL);
        }

        public void get(Rng rng) {
            long[] s = new long[6];
            for (int i = 0; i < 6; i++) s[i] = getLong();
            rng.setState(s);
        }
    }
}
