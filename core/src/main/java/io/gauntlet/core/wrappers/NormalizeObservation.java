package io.gauntlet.core.wrappers;

import io.gauntlet.core.env.Box;
import io.gauntlet.core.env.Env;
import io.gauntlet.core.env.Snapshot;
import io.gauntlet.core.stats.RunningMeanStd;

/**
 * Gymnasium's NormalizeObservation: every observation, those of resets included, first updates a running
 * per-component mean and variance ({@link RunningMeanStd}, Gymnasium's rule unless another is named), then is
 * returned as (obs − mean) / sqrt(var + 1e-8). Statistics persist across episodes and belong to this wrapper
 * instance; {@link #setUpdating(boolean) setUpdating(false)} freezes them (for evaluation). The observation space
 * becomes unbounded. Snapshots hold the statistics.
 */
public final class NormalizeObservation extends ObservationWrapper {
    public static final double EPSILON = 1e-8;

    private final RunningMeanStd stats;
    private boolean updating = true;

    public NormalizeObservation(Env env, RunningMeanStd.Rule rule) {
        super(env, Box.unbounded(env.observationSpace().flatDim()));
        this.stats = new RunningMeanStd(env.observationSpace().flatDim(), rule);
    }

    public NormalizeObservation(Env env) {
        this(env, RunningMeanStd.Rule.GYMNASIUM);
    }

    public RunningMeanStd statistics() {
        return stats;
    }

    public void setUpdating(boolean updating) {
        this.updating = updating;
    }

    @Override
    protected int ownSnapshotSize() {
        return stats.snapshotSize() + 1;
    }

    @Override
    protected void saveOwn(Snapshot.Writer w) {
        stats.save(w);
        w.putBoolean(updating);
    }

    @Override
    protected void restoreOwn(Snapshot.Reader r) {
        stats.restore(r);
        updating = r.getBoolean();
    }

    @Override
    protected void observation(double[] obs) {
        if (updating) stats.update(obs);
        stats.normalize(obs, 0, EPSILON);
    }

    /** The inner env writes its raw observation; it is normalised as after the step that produced it. */
    @Override
    protected void restored(double[] obs) {
        stats.normalize(obs, 0, EPSILON);
    }
}
