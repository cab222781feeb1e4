package io.gauntlet.core.wrappers;

import io.gauntlet.core.env.Env;
import io.gauntlet.core.env.Snapshot;
import io.gauntlet.core.env.Space;
import io.gauntlet.core.env.Step;

/**
 * Base for wrappers: forwards everything to the wrapped env; subclasses override what they change.
 *
 * <p>Snapshots: a wrapper with internal state declares its size ({@link #ownSnapshotSize()}) and writes and reads
 * it ({@link #saveOwn}, {@link #restoreOwn}); this class appends that part to the inner env's snapshot and, on
 * restore, restores the inner env first (which writes its observation into {@code out}), then the wrapper's part.
 * A wrapper that transforms observations also overrides {@link #restore} to transform {@code out} again, as it
 * would after a step.
 */
public abstract class EnvWrapper implements Env {
    protected final Env env;
    private final Space observationSpace;

    protected EnvWrapper(Env env) {
        this(env, env.observationSpace());
    }

    /** A wrapper whose observations are not the inner env's: they lie in {@code observationSpace}. */
    protected EnvWrapper(Env env, Space observationSpace) {
        this.env = env;
        this.observationSpace = observationSpace;
    }

    /** The env this wrapper wraps (one level down). */
    public Env inner() {
        return env;
    }

    @Override
    public Space observationSpace() {
        return observationSpace;
    }

    @Override
    public Space actionSpace() {
        return env.actionSpace();
    }

    @Override
    public void reset(long seed, Step out) {
        startEpisode();
        env.reset(seed, out);
    }

    @Override
    public void reset(Step out) {
        startEpisode();
        env.reset(out);
    }

    /** What a wrapper with per-episode state does at every reset, before the inner env's (nothing by default). */
    protected void startEpisode() {}

    @Override
    public void step(double[] action, Step out) {
        env.step(action, out);
    }

    @Override
    public String[] diagnosticNames() {
        return env.diagnosticNames();
    }

    @Override
    public boolean finalDiagnosticsDescribeEpisode() {
        return env.finalDiagnosticsDescribeEpisode();
    }

    @Override
    public double[] state() {
        return env.state();
    }

    @Override
    public void setState(double[] state, Step out) {
        env.setState(state, out);
    }

    /** Values of this wrapper's own state in a snapshot (0: stateless). */
    protected int ownSnapshotSize() {
        return 0;
    }

    /** Writes this wrapper's own state ({@link #ownSnapshotSize()} values). */
    protected void saveOwn(Snapshot.Writer w) {}

    /** Reads back what {@link #saveOwn} wrote. */
    protected void restoreOwn(Snapshot.Reader r) {}

    @Override
    public final double[] snapshot() {
        Snapshot.Writer w = Snapshot.appending(env.snapshot(), getClass().getSimpleName(), ownSnapshotSize());
        saveOwn(w);
        return w.finish();
    }

    @Override
    public void restore(double[] snapshot, Step out) {
        Snapshot.Reader own = Snapshot.ownPart(getClass().getSimpleName(), snapshot, ownSnapshotSize());
        env.restore(own.inner(), out);
        restoreOwn(own);
    }

    /** The outermost wrapper of class {@code type} in {@code env}'s stack, if any. */
    public static <T extends Env> java.util.Optional<T> find(Env env, Class<T> type) {
        for (Env e = env; ; e = ((EnvWrapper) e).inner()) {
            if (type.isInstance(e)) return java.util.Optional.of(type.cast(e));
            if (!(e instanceof EnvWrapper)) return java.util.Optional.empty();
        }
    }

    @Override
    public Env unwrapped() {
        return env.unwrapped();
    }
}
