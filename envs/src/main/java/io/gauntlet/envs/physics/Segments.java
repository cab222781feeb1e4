package io.gauntlet.envs.physics;

/**
 * MuJoCo's nearest points of two capsules' segments (mjc_CapsuleCapsule), for both engines: segment i is
 * {@code cᵢ + xᵢ·aᵢ}, xᵢ in [−1, 1], aᵢ the half axis.
 */
public final class Segments {
    private Segments() {}

    /**
     * For segments that are not parallel ({@code det = ma·mc − mb² ≥ mjMINVAL}): the parameters x1, x2 of the
     * nearest points into {@code out}, clipped to the segments as MuJoCo clips them (first x1, then x2 with x1
     * recomputed). {@code ma = a1·a1, mb = −a1·a2, mc = a2·a2, u = −a1·(c1 − c2), v = a2·(c1 − c2)}.
     */
    public static void nearest(double ma, double mb, double mc, double u, double v, double det, double[] out) {
        double x1 = (mc * u - mb * v) / det;
        double x2 = (ma * v - mb * u) / det;
        if (x1 > 1) {
            x1 = 1;
            x2 = (v - mb) / mc;
        } else if (x1 < -1) {
            x1 = -1;
            x2 = (v + mb) / mc;
        }
        if (x2 > 1) {
            x2 = 1;
            x1 = clip1((u - mb) / ma);
        } else if (x2 < -1) {
            x2 = -1;
            x1 = clip1((u + mb) / ma);
        }
        out[0] = x1;
        out[1] = x2;
    }

    /** x clipped to [−1, 1]. */
    public static double clip1(double x) {
        return x > 1 ? 1 : x < -1 ? -1 : x;
    }
}
