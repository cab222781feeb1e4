package io.gauntlet.core.random;

/**
 * The project's random number generator: xoshiro256** (Blackman and Vigna 2018).
 *
 * <p>Fast, statistically strong, and its whole state is four longs (plus the cached Gaussian), so a
 * checkpoint can save and restore it exactly. Not thread-safe: every stream has one owner.
 */
public final class Rng {
    private long s0, s1, s2, s3;
    private boolean haveSpareGaussian;
    private double spareGaussian;

    public Rng(long seed) {
        setSeed(seed);
    }

    /** Re-initialises the state from a seed, via SplitMix64 as the xoshiro authors recommend. */
    public void setSeed(long seed) {
        long x = seed;
        x += 0x9E3779B97F4A7C15L; s0 = mix(x);
        x += 0x9E3779B97F4A7C15L; s1 = mix(x);
        x += 0x9E3779B97F4A7C15L; s2 = mix(x);
        x += 0x9E3779B97F4A7C15L; s3 = mix(x);
        haveSpareGaussian = false;
        spareGaussian = 0;
    }

    /** SplitMix64's output function: a strong 64-bit mixer, also used to derive seeds. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    public long nextLong() {
        long result = Long.rotateLeft(s1 * 5, 7) * 9;
        long t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = Long.rotateLeft(s3, 45);
        return result;
    }

    /** Uniform in [0, 1) with 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [low, high). */
    public double uniform(double low, double high) {
        return low + (high - low) * nextDouble();
    }

    /** Uniform integer in [0, n), without modulo bias (Lemire's method). */
    public int nextInt(int n) {
        if (n <= 0) throw new IllegalArgumentException("bound must be positive: " + n);
        long m = (nextLong() >>> 32) * n;
        long low = m & 0xFFFFFFFFL;
        if (low < n) {
            long threshold = (0x100000000L - n) % n;
            while (low < threshold) {
                m = (nextLong() >>> 32) * n;
                low = m & 0xFFFFFFFFL;
            }
        }
        return (int) (m >>> 32);
    }

    /** Standard normal, by Marsaglia's polar method (one spare kept for the next call). */
    public double nextGaussian() {
        if (haveSpareGaussian) {
            haveSpareGaussian = false;
            return spareGaussian;
        }
        double u, v, s;
        do {
            u = 2 * nextDouble() - 1;
            v = 2 * nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double factor = Math.sqrt(-2 * Math.log(s) / s);
        spareGaussian = v * factor;
        haveSpareGaussian = true;
        return u * factor;
    }

    /** The complete state, for checkpoints: six longs. */
    public long[] state() {
        return new long[] {s0, s1, s2, s3, haveSpareGaussian ? 1 : 0, Double.doubleToRawLongBits(spareGaussian)};
    }

    public void setState(long[] state) {
        if (state.length != 6) throw new IllegalArgumentException("Rng state has 6 longs, got " + state.length);
        s0 = state[0]; s1 = state[1]; s2 = state[2]; s3 = state[3];
        haveSpareGaussian = state[4] != 0;
        spareGaussian = Double.longBitsToDouble(state[5]);
    }
}
