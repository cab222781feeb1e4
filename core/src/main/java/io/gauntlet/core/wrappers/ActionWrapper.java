package io.gauntlet.core.wrappers;

import io.gauntlet.core.env.Env;
import io.gauntlet.core.env.Space;
import io.gauntlet.core.env.Step;

/** Gymnasium's ActionWrapper: maps every action to the one the inner env takes. */
public abstract class ActionWrapper extends EnvWrapper {
    private final Space actionSpace;

    protected ActionWrapper(Env env, Space actionSpace) {
        super(env);
        this.actionSpace = actionSpace;
    }

    /** The inner env's action for {@code action} (a buffer of the wrapper's; nothing is allocated). */
    protected abstract double[] action(double[] action);

    @Override
    public Space actionSpace() {
        return actionSpace;
    }

    @Override
    public void step(double[] action, Step out) {
        env.step(action(action), out);
    }
}
