package io.gauntlet.core.wrappers;

import io.gauntlet.core.env.Env;
import io.gauntlet.core.env.Step;

/** Multiplies every reward by a constant (rllab's {@code normalize(env, scale_reward=c)}). */
public final class ScaleReward extends RewardWrapper {
    private final double scale;

    public ScaleReward(Env env, double scale) {
        super(env);
        if (!Double.isFinite(scale)) throw new IllegalArgumentException("reward scale must be finite, got " + scale);
        this.scale = scale;
    }

    @Override
    protected double reward(Step out) {
        return out.reward * scale;
    }
}
