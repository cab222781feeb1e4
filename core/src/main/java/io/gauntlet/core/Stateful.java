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
