package io.gauntlet.placement.placers;

/** Assigns every op of a problem's graph to a device of its cluster. Deterministic. */
public interface Placer {
    String id();

    String description();

    /** A device index per op. */
    int[] place(Problem problem);
}
