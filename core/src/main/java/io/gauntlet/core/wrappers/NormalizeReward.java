package io.gauntlet.core.wrappers;

import io.gauntlet.core.env.Env;
import io.gauntlet.core.env.Snapshot;
import io.gauntlet.core.env.Step;
import io.gauntlet.core.stats.RunningMeanStd;

/**
 * Gymnasium's NormalizeReward (as in CleanRL's continuous PPO): after each step the discounted return
 * G ← γ·G·(1 − terminated) + r goes into the running statistics, and the reward returned is r / sqrt(var(G) + 1e-8).
 * The mean is not subtracted, so every reward keeps its sign. As in Gymnasium, G restarts only at a termination
 * (and then from the terminal reward), not at a truncation or a reset. Statistics persist across episodes;
 * {@link #setUpdating(boolean)} freezes them. Snapshots hold the statistics and G.
 */
public final class NormalizeReward extends RewardWrapper {
    public static final double EPSILON = 1e-8;

    private final double gamma;
    private final RunningMeanStd returnStats;
    private double discountedReturn;
    private boolean updating = true;

    public NormalizeReward(Env env, double gamma, RunningMeanStd.Rule rule) {
        super(env);
        if (!(gamma >= 0 && gamma <= 1)) throw new IllegalArgumentException("gamma must be in [0, 1], got " + gamma);
        this.gamma = gamma;
        this.returnStats = new RunningMeanStd(1, rule);
    }

    public NormalizeReward(Env env, double gamma) {
        this(env, gamma, RunningMeanStd.Rule.GYMNASIUM);
    }

    public RunningMeanStd statistics() {
        return returnStats;
    }

    public void setUpdating(boolean updating) {
        this.updating = updating;
    }

    @Override
    protected double reward(Step out) {
        discountedReturn = discountedReturn * gamma * (out.terminated ? 0 : 1) + out.reward;
        if (updating) returnStats.update(discountedReturn);
        return out.reward / Math.sqrt(returnStats.var(0) + EPSILON);
    }

    @Override
    protected int ownSnapshotSize() {
        return returnStats.snapshotSize() + 2;
    }

    @Override
    protected void saveOwn(Snapshot.Writer w) {
        returnStats.save(w);
        w.put(discountedReturn).putBoolean(updating);
    }

    @Override
    protected void restoreOwn(Snapshot.Reader r) {
        returnStats.restore(r);
        discountedReturn = r.getDouble();
        updating = r.getBoolean();
    }
}
