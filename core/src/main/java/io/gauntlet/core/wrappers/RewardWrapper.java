package io.gauntlet.core.wrappers;

import io.gauntlet.core.env.Env;
import io.gauntlet.core.env.Step;

/** Gymnasium's RewardWrapper: transforms the reward of every step (the whole outcome is there to read). */
public abstract class RewardWrapper extends EnvWrapper {
    protected RewardWrapper(Env env) {
        super(env);
    }

    /** The reward to hand back for the step whose outcome is {@code out}. */
    protected abstract double reward(Step out);

    @Override
    public void step(double[] action, Step out) {
        env.step(action, out);
        out.reward = reward(out);
    }
}
