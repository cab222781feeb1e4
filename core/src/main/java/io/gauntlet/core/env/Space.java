package io.gauntlet.core.env;

import io.gauntlet.core.random.Rng;

/**
 * An observation or action space. Values are always carried as {@code double[]}: a {@link Discrete} value is one
 * element holding the integer index, so wrappers, buffers and vectorised code need a single representation.
 */
public sealed interface Space permits Box, Discrete {
    /** Number of doubles a value of this space occupies (1 for {@link Discrete}). */
    int flatDim();

    boolean contains(double[] value);

    /** Writes a uniformly random value into {@code out} (Box: uniform within finite bounds, normal where unbounded). */
    void sample(Rng rng, double[] out);

    /** Short description for listings, e.g. {@code Box(4)} or {@code Discrete(2)}. */
    String describe();
}
