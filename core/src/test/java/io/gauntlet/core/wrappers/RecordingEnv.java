package io.gauntlet.core.wrappers;

import io.gauntlet.core.env.Box;
import io.gauntlet.core.env.Env;
import io.gauntlet.core.env.Snapshot;
import io.gauntlet.core.env.Space;
import io.gauntlet.core.env.Step;

/**
 * A test task: its observation is the action it was last given (0 after reset), its reward 1 every step; the
 * action {@link #TERMINATE} ends the episode as a termination.
 */
final class RecordingEnv implements Env {
    static final double TERMINATE = 99;

    private final Space actionSpace;
    private double last;

    RecordingEnv(Space actionSpace) {
        this.actionSpace = actionSpace;
    }

    @Override
    public Space observationSpace() {
        return Box.unbounded(1);
    }

    @Override
    public Space actionSpace() {
        return actionSpace;
    }

    @Override
    public void reset(long seed, Step out) {
        reset(out);
    }

    @Override
    public void reset(Step out) {
        last = 0;
        out.clearOutcome();
        out.observation[0] = 0;
    }

    @Override
    public void step(double[] action, Step out) {
        last = action[0];
        out.observation[0] = last;
        out.reward = 1;
        out.terminated = last == TERMINATE;
        out.truncated = false;
    }

    @Override
    public double[] snapshot() {
        return Snapshot.writer("RecordingEnv", 1).put(last).finish();
    }

    @Override
    public void restore(double[] snapshot, Step out) {
        last = Snapshot.reader("RecordingEnv", snapshot, 1).getDouble();
        out.clearOutcome();
        out.observation[0] = last;
    }

    @Override
    public double[] state() {
        return new double[] {last};
    }

    @Override
    public void setState(double[] state, Step out) {
        last = state[0];
        out.clearOutcome();
        out.observation[0] = last;
    }
}
