package io.gauntlet.core.wrappers;

import io.gauntlet.core.env.Env;
import io.gauntlet.core.env.Step;

/** Clips every reward to [−bound, bound] (CleanRL's {@code TransformReward(np.clip(r, -10, 10))}). */
public final class ClipReward extends RewardWrapper {
    private final double bound;

    public ClipReward(Env env, double bound) {
        super(env);
        if (!(bound > 0)) throw new IllegalArgumentException("reward bound must be positive, got " + bound);
        this.bound = bound;
    }

    @Override
    protected double reward(Step out) {
        return Math.max(-bound, Math.min(bound, out.reward));
    }
}
