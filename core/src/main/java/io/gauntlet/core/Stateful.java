package io.gauntlet.core;

/**
 * A part of a run's training state that saves and restores itself exactly: networks, optimisers, random streams,
 * replay buffers, normalisers, environments. An algorithm registers each part once, by name, with
 * {@link io.gauntlet.core.experiment.Run#track}; the harness saves them all in every checkpoint and restores them
 * all on resume, so no algorithm lists its state twice.
 */
public interface Stateful {
    /** Everything that determines this part's future, as one array (a copy; longs packed exactly, see Snapshot). */
    double[] snapshot();

    /**
     * Puts this part back into the state {@code snapshot} describes. Throws {@link IllegalArgumentException} for a
     * snapshot of another shape, leaving the part unchanged.
     */
    void restore(double[] snapshot);

    /** The arrays one after another: the snapshot of a part made of several (split it back with {@link #split}). */
    static double[] concat(double[]... parts) {
        int n = 0;
        for (double[] p : parts) n += p.length;
        double[] s = new double[n];
        int at = 0;
        for (double[] p : parts) {
            System.arraycopy(p, 0, s, at, p.length);
            at += p.length;
        }
        return s;
    }

    /**
     * Copies a {@link #concat} snapshot back into {@code into}, each array taking as many values as it holds;
     * throws {@link IllegalArgumentException}, copying nothing, when the lengths do not add up.
     */
    static void split(double[] snapshot, double[]... into) {
        int n = 0;
        for (double[] p : into) n += p.length;
        if (snapshot.length != n) throw new IllegalArgumentException("expected " + n + " values, got " + snapshot.length);
        int at = 0;
        for (double[] p : into) {
            System.arraycopy(snapshot, at, p, 0, p.length);
            at += p.length;
        }
    }

    /** A step count (exact as a double below 2^53) and then the arrays: the snapshot of a part that counts its steps. */
    static double[] counted(long count, double[]... parts) {
        double[][] all = new double[parts.length + 1][];
        all[0] = new double[] {count};
        System.arraycopy(parts, 0, all, 1, parts.length);
        return concat(all);
    }

    /** Copies a {@link #counted} snapshot back into {@code into} (as {@link #split} does) and returns its count. */
    static long splitCounted(double[] snapshot, double[]... into) {
        double[][] all = new double[into.length + 1][];
        all[0] = new double[1];
        System.arraycopy(into, 0, all, 1, into.length);
        split(snapshot, all);
        return (long) all[0][0];
    }

    /** The live array {@code values} as a part: saved as a copy, restored in place (lengths must agree). */
    static Stateful of(double[] values) {
        return new Stateful() {
            @Override
            public double[] snapshot() {
                return values.clone();
            }

            @Override
            public void restore(double[] snapshot) {
                if (snapshot.length != values.length) {
                    throw new IllegalArgumentException("expected " + values.length + " values, got " + snapshot.length);
                }
                System.arraycopy(snapshot, 0, values, 0, values.length);
            }
        };
    }
}
