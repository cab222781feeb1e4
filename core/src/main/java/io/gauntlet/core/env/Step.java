package io.gauntlet.core.env;

import java.util.Arrays;

/**
 * The outcome of a reset or a step, written in place by the environment so that stepping allocates nothing.
 * The caller owns one {@code Step} per environment and reads it after each call.
 */
public final class Step {
    /** The observation after the step (after reset: the first observation). */
    public final double[] observation;
    public double reward;
    /** The task reached a terminal state: the value of the next state is zero. */
    public boolean terminated;
    /** A time limit (or other outside cut) ended the episode: the next state's value is not zero. */
    public boolean truncated;
    /** Per-step diagnostics, named by {@link Env#diagnosticNames()} (e.g. reward terms). */
    public final double[] diagnostics;

    public Step(int observationDim, int diagnosticCount) {
        this.observation = new double[observationDim];
        this.diagnostics = new double[diagnosticCount];
    }

    /** A Step sized for {@code env}. */
    public static Step of(Env env) {
        return new Step(env.observationSpace().flatDim(), env.diagnosticNames().length);
    }

    /** A Step sized for {@code env}, holding what {@code env.reset(seed)} hands back: an episode's start. */
    public static Step afterReset(Env env, long seed) {
        Step s = of(env);
        env.reset(seed, s);
        return s;
    }

    public boolean done() {
        return terminated || truncated;
    }

    /** Clears reward and flags, as every reset must. */
    public void clearOutcome() {
        reward = 0;
        terminated = false;
        truncated = false;
        Arrays.fill(diagnostics, 0);
    }
}
