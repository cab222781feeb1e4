package io.gauntlet.core.wrappers;

import io.gauntlet.core.env.Box;
import io.gauntlet.core.env.Env;

/**
 * Presents a continuous task's action box as [−1, 1]ⁿ (rllab's normalize(env) action rescaling): an action a is
 * clipped to [−1, 1] and mapped affinely to low + (a + 1)(high − low)/2. Needs a Box with finite bounds.
 */
public final class RescaleAction extends ActionWrapper {
    private final Box box;
    private final double[] inner;

    public RescaleAction(Env env) {
        super(env, Box.uniform(env.actionSpace().flatDim(), -1, 1));
        if (!(env.actionSpace() instanceof Box b)) {
            throw new IllegalArgumentException("rescale-action needs a continuous action space, not " + env.actionSpace().describe());
        }
        for (int i = 0; i < b.dim(); i++) {
            if (!Double.isFinite(b.low(i)) || !Double.isFinite(b.high(i))) {
                throw new IllegalArgumentException("rescale-action needs finite action bounds, not " + b.describe());
            }
        }
        this.box = b;
        this.inner = new double[b.dim()];
    }

    @Override
    protected double[] action(double[] action) {
        for (int i = 0; i < inner.length; i++) {
            double a = action[i];
            if (!Double.isFinite(a)) throw new IllegalArgumentException("rescale-action: action must be finite, got " + a);
            a = Math.min(1, Math.max(-1, a));
            inner[i] = box.low(i) + (a + 1) * (box.high(i) - box.low(i)) / 2;
        }
        return inner;
    }
}
