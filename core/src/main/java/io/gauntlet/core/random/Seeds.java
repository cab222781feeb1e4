package io.gauntlet.core.random;

import java.nio.charset.StandardCharsets;

/**
 * One run seed derives every random stream of the run: each stream is named ("env/3", "policy",
 * "init", ...) and its seed is a hash of the run seed and the name. Streams never share state, so adding a
 * stream or changing the number of threads does not perturb the others.
 */
public final class Seeds {
    private Seeds() {}

    public static long derive(long runSeed, String stream) {
        long h = Rng.mix(runSeed ^ 0x5DEECE66DL);
        for (byte b : stream.getBytes(StandardCharsets.UTF_8)) {
            h = Rng.mix(h ^ (b & 0xFF));
        }
        return h;
    }

    public static Rng stream(long runSeed, String stream) {
        return new Rng(derive(runSeed, stream));
    }
}
