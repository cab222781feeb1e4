package io.gauntlet.core.wrappers;

import io.gauntlet.core.env.Env;
import io.gauntlet.core.env.Snapshot;
import io.gauntlet.core.env.Step;

/**
 * Gymnasium's RecordEpisodeStatistics: sums the undiscounted return and counts the length of the current episode
 * and hands both to a listener on the step that ends it (terminated or truncated). The harness puts it around
 * every env a run makes, below any wrapper the algorithm adds, so the progress statistics are the task's own
 * returns. Snapshots hold the episode so far, so a resumed episode is counted whole. The listener also sees the
 * diagnostics of the step that ended the episode (Gymnasium's final info).
 */
public final class RecordEpisodeStatistics extends EnvWrapper {
    /** Receives every finished episode. */
    @FunctionalInterface
    public interface Listener {
        void episode(double undiscountedReturn, int length);

        /** The same, with the diagnostics of the step that ended the episode (the env's live array: copy what you keep). */
        default void episode(double undiscountedReturn, int length, double[] finalDiagnostics) {
            episode(undiscountedReturn, length);
        }
    }

    private final Listener listener;
    private double episodeReturn;
    private int episodeLength;

    public RecordEpisodeStatistics(Env env, Listener listener) {
        super(env);
        this.listener = listener;
    }

    @Override
    protected void startEpisode() {
        episodeReturn = 0;
        episodeLength = 0;
    }

    @Override
    public void setState(double[] state, Step out) {
        episodeReturn = 0;
        episodeLength = 0;
        env.setState(state, out);
    }

    @Override
    public void step(double[] action, Step out) {
        env.step(action, out);
        episodeReturn += out.reward;
        episodeLength++;
        if (out.terminated || out.truncated) listener.episode(episodeReturn, episodeLength, out.diagnostics);
    }

    @Override
    protected int ownSnapshotSize() {
        return 2;
    }

    @Override
    protected void saveOwn(Snapshot.Writer w) {
        w.put(episodeReturn).putInt(episodeLength);
    }

    @Override
    protected void restoreOwn(Snapshot.Reader r) {
        episodeReturn = r.getDouble();
        episodeLength = r.getInt();
    }
}
