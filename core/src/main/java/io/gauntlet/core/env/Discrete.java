package io.gauntlet.core.env;

import io.gauntlet.core.random.Rng;

/** The integers {0, ..., n-1}, carried as one double. */
public record Discrete(int n) implements Space {
    public Discrete {
        if (n <= 0) throw new IllegalArgumentException("Discrete space needs n > 0, got " + n);
    }

    @Override
    public int flatDim() {
        return 1;
    }

    @Override
    public boolean contains(double[] value) {
        if (value.length != 1) return false;
        double v = value[0];
        return v == Math.rint(v) && v >= 0 && v < n;
    }

    @Override
    public void sample(Rng rng, double[] out) {
        out[0] = rng.nextInt(n);
    }

    @Override
    public String describe() {
        return "Discrete(" + n + ")";
    }
}
