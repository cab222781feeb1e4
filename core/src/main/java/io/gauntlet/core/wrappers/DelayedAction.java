package io.gauntlet.core.wrappers;

import io.gauntlet.core.env.Box;
import io.gauntlet.core.env.Discrete;
import io.gauntlet.core.env.Env;
import io.gauntlet.core.env.Snapshot;
import io.gauntlet.core.env.Step;

/**
 * rllab's delayed actions: the action given at step t is applied at step t + k (rllab: k = 3). The first k
 * steps of an episode apply a neutral action, as rllab fills its queue with zeros: the centre of the action
 * box (0 for symmetric boxes) or, for a discrete task, action n/2 (the "no push" action of MountainCar-v0 and
 * Acrobot-v1; CartPole-v1 has none and gets action 1). Snapshots hold the queue of pending actions.
 */
public final class DelayedAction extends EnvWrapper {
    private final int delay;
    private final int dim;
    /** Ring buffer of the last {@code delay} actions; {@code head} is the oldest. */
    private final double[] queue;
    private final double[] neutral;
    private final double[] applied;
    private int head;

    public DelayedAction(Env env, int delay) {
        super(env);
        if (delay <= 0) throw new IllegalArgumentException("action delay must be positive, got " + delay);
        this.delay = delay;
        this.dim = env.actionSpace().flatDim();
        this.queue = new double[delay * dim];
        this.applied = new double[dim];
        this.neutral = new double[dim];
        if (env.actionSpace() instanceof Discrete d) {
            neutral[0] = d.n() / 2;
        } else {
            Box b = (Box) env.actionSpace();
            for (int i = 0; i < dim; i++) {
                double lo = b.low(i), hi = b.high(i);
                neutral[i] = Double.isFinite(lo) && Double.isFinite(hi) ? (lo + hi) / 2 : Math.min(hi, Math.max(lo, 0));
            }
        }
        clearQueue();
    }

    public int delay() {
        return delay;
    }

    private void clearQueue() {
        for (int j = 0; j < delay; j++) System.arraycopy(neutral, 0, queue, j * dim, dim);
        head = 0;
    }

    @Override
    protected void startEpisode() {
        clearQueue();
    }

    @Override
    public void setState(double[] state, Step out) {
        clearQueue();
        env.setState(state, out);
    }

    @Override
    protected int ownSnapshotSize() {
        return queue.length + 1;
    }

    @Override
    protected void saveOwn(Snapshot.Writer w) {
        w.put(queue).putInt(head);
    }

    @Override
    protected void restoreOwn(Snapshot.Reader r) {
        r.get(queue);
        head = r.getInt();
        if (head < 0 || head >= delay) throw new IllegalArgumentException("delay-actions: snapshot has queue head " + head);
    }

    @Override
    public void step(double[] action, Step out) {
        // Reject a bad action now, not k steps later when it would be applied.
        if (env.actionSpace() instanceof Discrete d) {
            if (!d.contains(action)) throw new IllegalArgumentException("delay-actions: action must be an integer in 0.." + (d.n() - 1) + ", got " + action[0]);
        } else {
            for (int i = 0; i < dim; i++) {
                if (!Double.isFinite(action[i])) throw new IllegalArgumentException("delay-actions: action must be finite, got " + action[i]);
            }
        }
        System.arraycopy(queue, head * dim, applied, 0, dim);
        System.arraycopy(action, 0, queue, head * dim, dim);
        head = (head + 1) % delay;
        env.step(applied, out);
    }
}
