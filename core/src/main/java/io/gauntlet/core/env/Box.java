package io.gauntlet.core.env;

import io.gauntlet.core.random.Rng;
import java.util.Arrays;

/** A box in R^n with per-dimension bounds (which may be infinite). */
public final class Box implements Space {
    private final double[] low;
    private final double[] high;

    public Box(double[] low, double[] high) {
        if (low.length != high.length) {
            throw new IllegalArgumentException("Box bounds differ in length: " + low.length + " vs " + high.length);
        }
        for (int i = 0; i < low.length; i++) {
            if (Double.isNaN(low[i]) || Double.isNaN(high[i]) || low[i] > high[i]) {
                throw new IllegalArgumentException("Box bound " + i + " is invalid: [" + low[i] + ", " + high[i] + "]");
            }
        }
        this.low = low.clone();
        this.high = high.clone();
    }

    /** The same bounds in every one of {@code dim} dimensions. */
    public static Box uniform(int dim, double low, double high) {
        double[] l = new double[dim];
        double[] h = new double[dim];
        Arrays.fill(l, low);
        Arrays.fill(h, high);
        return new Box(l, h);
    }

    public static Box unbounded(int dim) {
        return uniform(dim, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    public double low(int i) {
        return low[i];
    }

    public double high(int i) {
        return high[i];
    }

    public double[] low() {
        return low.clone();
    }

    public double[] high() {
        return high.clone();
    }

    public int dim() {
        return low.length;
    }

    @Override
    public int flatDim() {
        return low.length;
    }

    @Override
    public boolean contains(double[] value) {
        if (value.length != low.length) return false;
        for (int i = 0; i < low.length; i++) {
            if (!(value[i] >= low[i] && value[i] <= high[i])) return false;
        }
        return true;
    }

    /** Clips {@code value} into the box in place. */
    public void clip(double[] value) {
        for (int i = 0; i < low.length; i++) {
            value[i] = Math.min(high[i], Math.max(low[i], value[i]));
        }
    }

    @Override
    public void sample(Rng rng, double[] out) {
        for (int i = 0; i < low.length; i++) {
            boolean lowFinite = Double.isFinite(low[i]);
            boolean highFinite = Double.isFinite(high[i]);
            if (lowFinite && highFinite) out[i] = rng.uniform(low[i], high[i]);
            else if (lowFinite) out[i] = low[i] + Math.abs(rng.nextGaussian());
            else if (highFinite) out[i] = high[i] - Math.abs(rng.nextGaussian());
            else out[i] = rng.nextGaussian();
        }
    }

    @Override
    public String describe() {
        boolean same = true;
        for (int i = 1; i < low.length; i++) same &= low[i] == low[0] && high[i] == high[0];
        if (same && low.length > 0) {
            return "Box(" + low.length + ", [" + fmt(low[0]) + ", " + fmt(high[0]) + "])";
        }
        return "Box(" + low.length + ")";
    }

    private static String fmt(double v) {
        if (v == Double.POSITIVE_INFINITY) return "inf";
        if (v == Double.NEGATIVE_INFINITY) return "-inf";
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Box b && Arrays.equals(low, b.low) && Arrays.equals(high, b.high);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(low) + Arrays.hashCode(high);
    }

    @Override
    public String toString() {
        return describe();
    }
}
