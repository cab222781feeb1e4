package io.gauntlet.core.wrappers;

import io.gauntlet.core.env.Env;
import io.gauntlet.core.env.Snapshot;
import io.gauntlet.core.env.Step;

/**
 * Ends an episode with {@code truncated} after {@code maxEpisodeSteps} steps, as Gymnasium's TimeLimit does.
 * A step that both terminates and reaches the limit reports both flags. {@code setState} starts a new count;
 * snapshots keep it.
 */
public final class TimeLimit extends EnvWrapper {
    private final int maxEpisodeSteps;
    private int elapsedSteps;

    public TimeLimit(Env env, int maxEpisodeSteps) {
        super(env);
        if (maxEpisodeSteps <= 0) throw new IllegalArgumentException("time limit must be positive: " + maxEpisodeSteps);
        this.maxEpisodeSteps = maxEpisodeSteps;
    }

    public int maxEpisodeSteps() {
        return maxEpisodeSteps;
    }

    public int elapsedSteps() {
        return elapsedSteps;
    }

    @Override
    protected void startEpisode() {
        elapsedSteps = 0;
    }

    @Override
    public void step(double[] action, Step out) {
        env.step(action, out);
        elapsedSteps++;
        if (elapsedSteps >= maxEpisodeSteps) out.truncated = true;
    }

    @Override
    protected int ownSnapshotSize() {
        return 1;
    }

    @Override
    protected void saveOwn(Snapshot.Writer w) {
        w.putInt(elapsedSteps);
    }

    @Override
    protected void restoreOwn(Snapshot.Reader r) {
        elapsedSteps = r.getInt();
    }

    @Override
    public void setState(double[] state, Step out) {
        elapsedSteps = 0;
        env.setState(state, out);
    }
}
