package io.gauntlet.envs.wrappers;

import io.gauntlet.core.env.Env;
import io.gauntlet.core.env.Snapshot;
import io.gauntlet.core.env.Step;

/**
 * Reward scaling by the running standard deviation of the discounted return (Gymnasium's NormalizeReward, as
 * used by PPO implementations): after each step G ← γ·G + r, the statistics take G, and the reward returned is
 * r / sqrt(var(G) + 1e-8). The mean is not subtracted, so the sign of every reward is kept. G restarts at 0 on
 * every reset. Statistics persist across episodes; {@link #setUpdating(boolean)} freezes them. Snapshots
 * hold the statistics and G.
 */
public final class NormalizeReward extends EnvWrapper {
    public static final double EPSILON = 1e-8;

    private final double gamma;
    private final RunningMeanStd returnStats = new RunningMeanStd(1);
    private double discountedReturn;
    private boolean updating = true;

    public NormalizeReward(Env env, double gamma) {
        super(env);
        if (!(gamma >= 0 && gamma <= 1)) throw new IllegalArgumentException("gamma must be in [0, 1], got " + gamma);
        this.gamma = gamma;
    }

    public RunningMeanStd statistics() {
        return returnStats;
    }

    public void setUpdating(boolean updating) {
        this.updating = updating;
    }

    @Override
    public void reset(long seed, Step out) {
        discountedReturn = 0;
        env.reset(seed, out);
    }

    @Override
    public void reset(Step out) {
        discountedReturn = 0;
        env.reset(out);
    }

    @Override
    public void setState(double[] state, Step out) {
        discountedReturn = 0;
        env.setState(state, out);
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

    @Override
    public void step(double[] action, Step out) {
        env.step(action, out);
        discountedReturn = gamma * discountedReturn + out.reward;
        if (updating) returnStats.update(discountedReturn);
        out.reward = out.reward / Math.sqrt(returnStats.variance(0) + EPSILON);
    }
}
