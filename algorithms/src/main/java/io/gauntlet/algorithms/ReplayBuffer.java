package io.gauntlet.algorithms;

import io.gauntlet.core.Stateful;
import io.gauntlet.core.random.Rng;

/**
 * A ring buffer of transitions (o, a, r, o', terminated) in flat arrays, with uniform minibatch sampling into
 * caller-owned arrays. Only {@code terminated} is stored: a time-limit truncation is an ordinary transition whose
 * next state is still bootstrapped.
 */
public final class ReplayBuffer implements Stateful {
    private final int capacity;
    private final int obsDim;
    private final int actDim;
    private final double[] obs;
    private final double[] actions;
    private final double[] rewards;
    private final double[] nextObs;
    private final boolean[] terminated;
    private int next;
    private int size;

    public ReplayBuffer(int capacity, int obsDim, int actDim) {
        if (capacity <= 0) throw new IllegalArgumentException("replay capacity must be positive: " + capacity);
        this.capacity = capacity;
        this.obsDim = obsDim;
        this.actDim = actDim;
        // Allocate lazily in chunks would save memory; rllab's 1e6 × (2·obs + act) doubles is fine for small tasks.
        this.obs = new double[Math.multiplyExact(capacity, obsDim)];
        this.actions = new double[Math.multiplyExact(capacity, actDim)];
        this.rewards = new double[capacity];
        this.nextObs = new double[Math.multiplyExact(capacity, obsDim)];
        this.terminated = new boolean[capacity];
    }

    public void add(double[] o, double[] a, double r, double[] o2, boolean term) {
        System.arraycopy(o, 0, obs, next * obsDim, obsDim);
        System.arraycopy(a, 0, actions, next * actDim, actDim);
        rewards[next] = r;
        System.arraycopy(o2, 0, nextObs, next * obsDim, obsDim);
        terminated[next] = term;
        next = (next + 1) % capacity;
        size = Math.min(size + 1, capacity);
    }

    public int size() {
        return size;
    }

    /** Draws {@code batch} transitions uniformly with replacement into the given row-major arrays. */
    public void sample(Rng rng, int batch, double[] o, double[] a, double[] r, double[] o2, double[] notTerminated) {
        for (int b = 0; b < batch; b++) {
            int i = rng.nextInt(size);
            System.arraycopy(obs, i * obsDim, o, b * obsDim, obsDim);
            System.arraycopy(actions, i * actDim, a, b * actDim, actDim);
            r[b] = rewards[i];
            System.arraycopy(nextObs, i * obsDim, o2, b * obsDim, obsDim);
            notTerminated[b] = terminated[i] ? 0 : 1;
        }
    }

    /**
     * The write position, the fill level, then the filled part of the buffer row by row (obs, action, reward, next
     * obs, terminated as 0/1): a checkpoint holds only what was stored.
     */
    @Override
    public double[] snapshot() {
        int w = 2 * obsDim + actDim + 2;
        double[] s = new double[2 + size * w];
        s[0] = next;
        s[1] = size;
        for (int i = 0; i < size; i++) {
            int o = 2 + i * w;
            System.arraycopy(obs, i * obsDim, s, o, obsDim);
            System.arraycopy(actions, i * actDim, s, o + obsDim, actDim);
            s[o + obsDim + actDim] = rewards[i];
            System.arraycopy(nextObs, i * obsDim, s, o + obsDim + actDim + 1, obsDim);
            s[o + w - 1] = terminated[i] ? 1 : 0;
        }
        return s;
    }

    @Override
    public void restore(double[] s) {
        int w = 2 * obsDim + actDim + 2;
        int n = s.length < 2 ? -1 : (int) s[1];
        if (n < 0 || n > capacity || s.length != 2 + n * w) throw new IllegalArgumentException("replay state does not fit this buffer");
        for (int i = 0; i < n; i++) {
            int o = 2 + i * w;
            System.arraycopy(s, o, obs, i * obsDim, obsDim);
            System.arraycopy(s, o + obsDim, actions, i * actDim, actDim);
            rewards[i] = s[o + obsDim + actDim];
            System.arraycopy(s, o + obsDim + actDim + 1, nextObs, i * obsDim, obsDim);
            terminated[i] = s[o + w - 1] != 0;
        }
        next = (int) s[0];
        size = n;
    }
}
