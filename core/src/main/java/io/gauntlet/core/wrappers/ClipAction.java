package io.gauntlet.core.wrappers;

import io.gauntlet.core.env.Box;
import io.gauntlet.core.env.Env;

/**
 * Gymnasium's ClipAction: a continuous action is clipped to the task's box before it is applied, so a policy may
 * emit (and learn from) unbounded samples. Stepping allocates nothing.
 */
public final class ClipAction extends ActionWrapper {
    private final Box box;
    private final double[] clipped;

    public ClipAction(Env env) {
        super(env, env.actionSpace());
        if (!(env.actionSpace() instanceof Box b)) {
            throw new IllegalArgumentException("clip-action needs a continuous action space, not " + env.actionSpace().describe());
        }
        this.box = b;
        this.clipped = new double[b.dim()];
    }

    @Override
    protected double[] action(double[] action) {
        System.arraycopy(action, 0, clipped, 0, clipped.length);
        box.clip(clipped);
        return clipped;
    }
}
