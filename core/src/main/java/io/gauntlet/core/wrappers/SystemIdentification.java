package io.gauntlet.core.wrappers;

import io.gauntlet.core.env.Env;
import io.gauntlet.core.env.Snapshot;
import io.gauntlet.core.env.Step;
import io.gauntlet.core.random.Rng;
import io.gauntlet.core.random.Seeds;
import io.gauntlet.core.env.PhysicalParameters;

/**
 * rllab's system-identification variant: at every reset each of the task's physical parameters
 * ({@link PhysicalParameters}) is resampled as its reference value times an independent factor uniform in
 * [1 − f, 1 + f] (default f = 0.5; rllab's exact ranges were per task), so a policy must identify the dynamics
 * from the observations. The stream is seeded from the reset seed (stream "system-id"). {@code setState} keeps
 * the current parameters.
 */
public final class SystemIdentification extends EnvWrapper {
    private final PhysicalParameters task;
    private final double[] nominal;
    private final double[] sampled;
    private final double spread;
    private final Rng rng = new Rng(Seeds.derive(0, "system-id"));

    public SystemIdentification(Env env, double spread) {
        super(env);
        if (!(env.unwrapped() instanceof PhysicalParameters p)) {
            throw new IllegalArgumentException("system-id: the task does not expose physical parameters");
        }
        if (!(spread >= 0 && spread < 1)) throw new IllegalArgumentException("system-id spread must be in [0, 1), got " + spread);
        this.task = p;
        this.nominal = p.parameters();
        this.sampled = new double[nominal.length];
        this.spread = spread;
    }

    /** The parameters of the current episode. */
    public double[] currentParameters() {
        return task.parameters();
    }

    private void resample() {
        for (int i = 0; i < nominal.length; i++) sampled[i] = nominal[i] * rng.uniform(1 - spread, 1 + spread);
        task.setParameters(sampled);
    }

    /** The parameters themselves are in the task's snapshot; this wrapper keeps only its stream. */
    @Override
    protected int ownSnapshotSize() {
        return Snapshot.RNG;
    }

    @Override
    protected void saveOwn(Snapshot.Writer w) {
        w.put(rng);
    }

    @Override
    protected void restoreOwn(Snapshot.Reader r) {
        r.get(rng);
    }

    @Override
    public void reset(long seed, Step out) {
        rng.setSeed(Seeds.derive(seed, "system-id"));
        super.reset(seed, out);
    }

    @Override
    protected void startEpisode() {
        resample();
    }
}
