package io.gauntlet.envs.wrappers;

import io.gauntlet.core.env.Env;
import io.gauntlet.core.env.Space;
import io.gauntlet.core.env.Step;

/** Base for wrappers: forwards everything to the wrapped env; subclasses override what they change. */
public abstract class EnvWrapper implements Env {
    protected final Env env;

    protected EnvWrapper(Env env) {
        this.env = env;
    }

    /** The env this wrapper wraps (one level down). */
    public Env inner() {
        return env;
    }

    @Override
    public Space observationSpace() {
        return env.observationSpace();
    }

    @Override
    public Space actionSpace() {
        return env.actionSpace();
    }

    @Override
    public void reset(long seed, Step out) {
        env.reset(seed, out);
    }

    @Override
    public void reset(Step out) {
        env.reset(out);
    }

    @Override
    public void step(double[] action, Step out) {
        env.step(action, out);
    }

    @Override
    public String[] diagnosticNames() {
        return env.diagnosticNames();
    }

    @Override
    public double[] state() {
        return env.state();
    }

    @Override
    public void setState(double[] state, Step out) {
        env.setState(state, out);
    }

    @Override
    public Env unwrapped() {
        return env.unwrapped();
    }
}
