package io.gauntlet.algorithms;

import io.gauntlet.core.env.Box;
import io.gauntlet.core.env.Env;
import io.gauntlet.core.env.Snapshot;
import io.gauntlet.core.env.Space;
import io.gauntlet.core.env.Step;
import io.gauntlet.core.random.Rng;

/**
 * A test task with a Box action: each step shows a target x ~ U(−0.8, 0.8) and pays −(a − x)² for the
 * (clipped) action a ∈ [−1, 1]; 10 steps per episode. The best return is 0; a policy ignoring x with std 1
 * (half its mass clipped) loses about 0.6 per step.
 */
final class TrackTarget implements Env {
    static final int LENGTH = 10;
    private static final Box OBS = Box.uniform(1, -1, 1);
    private static final Box ACT = Box.uniform(1, -1, 1);
    private final Rng rng = new Rng(0);
    private double x;
    private int t;
    double maxAbsActionSeen;

    @Override
    public Space observationSpace() {
        return OBS;
    }

    @Override
    public Space actionSpace() {
        return ACT;
    }

    @Override
    public void reset(long seed, Step out) {
        rng.setSeed(seed);
        reset(out);
    }

    @Override
    public void reset(Step out) {
        t = 0;
        x = rng.uniform(-0.8, 0.8);
        out.clearOutcome();
        out.observation[0] = x;
    }

    @Override
    public void step(double[] action, Step out) {
        maxAbsActionSeen = Math.max(maxAbsActionSeen, Math.abs(action[0]));
        double d = action[0] - x;
        out.reward = -d * d;
        t++;
        out.terminated = false;
        out.truncated = t >= LENGTH;
        x = rng.uniform(-0.8, 0.8);
        out.observation[0] = x;
    }

    @Override
    public double[] snapshot() {
        return Snapshot.writer("TrackTarget", 2 + Snapshot.RNG).put(x).putInt(t).put(rng).finish();
    }

    @Override
    public void restore(double[] snapshot, Step out) {
        Snapshot.Reader r = Snapshot.reader("TrackTarget", snapshot, 2 + Snapshot.RNG);
        x = r.getDouble();
        t = r.getInt();
        r.get(rng);
        out.clearOutcome();
        out.observation[0] = x;
    }

    @Override
    public double[] state() {
        return new double[] {x};
    }

    @Override
    public void setState(double[] state, Step out) {
        x = state[0];
        t = 0;
        out.clearOutcome();
        out.observation[0] = x;
    }
}
