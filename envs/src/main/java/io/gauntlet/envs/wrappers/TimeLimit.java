package io.gauntlet.envs.wrappers;

import io.gauntlet.core.env.Env;
import io.gauntlet.core.env.Space;
import io.gauntlet.core.env.Step;

/**
 * Ends an episode with {@code truncated} after {@code maxEpisodeSteps} steps, as Gymnasium's TimeLimit does.
 * A step that both terminates and reaches the limit reports both flags.
 */
public final class TimeLimit implements Env {
    private final Env env;
    private final int maxEpisodeSteps;
    private int elapsedSteps;

    public TimeLimit(Env env, int maxEpisodeSteps) {
        if (maxEpisodeSteps <= 0) throw new IllegalArgumentException("time limit must be positive: " + maxEpisodeSteps);
        this.env = env;
        this.maxEpisodeSteps = maxEpisodeSteps;
    }

    public int maxEpisodeSteps() {
        return maxEpisodeSteps;
    }

    public int elapsedSteps() {
        return elapsedSteps;
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
        elapsedSteps = 0;
        env.reset(seed, out);
    }

    @Override
    public void reset(Step out) {
        elapsedSteps = 0;
        env.reset(out);
    }

    @Override
    public void step(double[] action, Step out) {
        env.step(action, out);
        elapsedSteps++;
        if (elapsedSteps >= maxEpisodeSteps) out.truncated = true;
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
        elapsedSteps = 0;
        env.setState(state, out);
    }

    @Override
    public Env unwrapped() {
        return env.unwrapped();
    }
}
