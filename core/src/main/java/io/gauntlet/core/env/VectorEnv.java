package io.gauntlet.core.env;

import io.gauntlet.core.random.Rng;
import io.gauntlet.core.random.Seeds;
import java.util.Arrays;

/**
 * N copies of a task stepped in lock-step, with automatic reset, all data in flat row-major arrays
 * (row i belongs to copy i) so batched policies read them without copying.
 *
 * <p>Reset is same-step: when copy i ends an episode, {@link #finalObservations} row i keeps the last
 * observation of that episode (needed to bootstrap a truncated episode) and {@link #observations} row i already
 * holds the first observation of the next one. Copy i's episodes are seeded from the stream
 * {@code seed/"env/i"}, so results do not depend on how many threads step the copies.
 *
 * <p>{@link #snapshot()} / {@link #restore(double[])} save and restore every copy ({@link Env#snapshot()}) and
 * this class's per-copy bookkeeping (current and final observations, last rewards and flags, episode returns
 * and lengths so far), so a checkpointed rollout continues mid-episode exactly.
 */
public final class VectorEnv implements io.gauntlet.core.Stateful {
    private final Env[] envs;
    private final Step[] steps;
    private final int obsDim;
    private final int actDim;
    private final double[] actionRow;

    public final double[] observations;
    public final double[] finalObservations;
    public final double[] rewards;
    public final boolean[] terminated;
    public final boolean[] truncated;
    /** Undiscounted return and length of the episode each copy is in (of the one just ended, on its done step). */
    public final double[] episodeReturns;
    public final int[] episodeLengths;
    private final double[] runningReturns;
    private final int[] runningLengths;

    public VectorEnv(Env[] envs) {
        if (envs.length == 0) throw new IllegalArgumentException("VectorEnv needs at least one env");
        this.envs = envs.clone();
        this.obsDim = envs[0].observationSpace().flatDim();
        this.actDim = envs[0].actionSpace().flatDim();
        int n = envs.length;
        this.steps = new Step[n];
        for (int i = 0; i < n; i++) steps[i] = Step.of(envs[i]);
        this.actionRow = new double[actDim];
        this.observations = new double[n * obsDim];
        this.finalObservations = new double[n * obsDim];
        this.rewards = new double[n];
        this.terminated = new boolean[n];
        this.truncated = new boolean[n];
        this.episodeReturns = new double[n];
        this.episodeLengths = new int[n];
        this.runningReturns = new double[n];
        this.runningLengths = new int[n];
    }

    /** {@code n} copies made by {@code spec}. */
    public static VectorEnv of(EnvSpec spec, int n) {
        Env[] envs = new Env[n];
        for (int i = 0; i < n; i++) envs[i] = spec.make();
        return new VectorEnv(envs);
    }

    public int size() {
        return envs.length;
    }

    public Env env(int i) {
        return envs[i];
    }

    public int observationDim() {
        return obsDim;
    }

    public int actionDim() {
        return actDim;
    }

    public Space observationSpace() {
        return envs[0].observationSpace();
    }

    public Space actionSpace() {
        return envs[0].actionSpace();
    }

    /** Resets every copy; copy i is seeded from {@code Seeds.derive(seed, "env/" + i)}. */
    public void reset(long seed) {
        for (int i = 0; i < envs.length; i++) {
            envs[i].reset(Seeds.derive(seed, "env/" + i), steps[i]);
            System.arraycopy(steps[i].observation, 0, observations, i * obsDim, obsDim);
            runningReturns[i] = 0;
            runningLengths[i] = 0;
            terminated[i] = false;
            truncated[i] = false;
            rewards[i] = 0;
        }
    }

    /** Steps every copy with its row of {@code actions} (n × actionDim, row-major). */
    public void step(double[] actions) {
        for (int i = 0; i < envs.length; i++) {
            System.arraycopy(actions, i * actDim, actionRow, 0, actDim);
            Step s = steps[i];
            envs[i].step(actionRow, s);
            rewards[i] = s.reward;
            terminated[i] = s.terminated;
            truncated[i] = s.truncated;
            runningReturns[i] += s.reward;
            runningLengths[i]++;
            if (s.terminated || s.truncated) {
                System.arraycopy(s.observation, 0, finalObservations, i * obsDim, obsDim);
                episodeReturns[i] = runningReturns[i];
                episodeLengths[i] = runningLengths[i];
                runningReturns[i] = 0;
                runningLengths[i] = 0;
                envs[i].reset(s);
            } else {
                episodeReturns[i] = runningReturns[i];
                episodeLengths[i] = runningLengths[i];
            }
            System.arraycopy(s.observation, 0, observations, i * obsDim, obsDim);
        }
    }

    /** Per copy: its env's snapshot length, then the bookkeeping below. */
    private static final int BOOKKEEPING = 8;
    private static final String OWNER = "VectorEnv";

    /** Every copy's {@link Env#snapshot()} and the per-copy bookkeeping, in one array. */
    @Override
    public double[] snapshot() {
        int n = envs.length;
        double[][] inner = new double[n][];
        int size = 1;
        for (int i = 0; i < n; i++) {
            inner[i] = envs[i].snapshot();
            size += inner[i].length + BOOKKEEPING + 2 * obsDim;
        }
        Snapshot.Writer w = Snapshot.writer(OWNER, size).putInt(n);
        for (int i = 0; i < n; i++) {
            w.putInt(inner[i].length).put(inner[i]);
            w.put(Arrays.copyOfRange(observations, i * obsDim, (i + 1) * obsDim));
            w.put(Arrays.copyOfRange(finalObservations, i * obsDim, (i + 1) * obsDim));
            w.put(rewards[i]).putBoolean(terminated[i]).putBoolean(truncated[i]);
            w.put(episodeReturns[i]).putInt(episodeLengths[i]).put(runningReturns[i]).putInt(runningLengths[i]);
        }
        return w.finish();
    }

    /** The {@link Env#snapshot()} of copy 0 inside a {@link #snapshot()} (e.g. to rebuild one env as training left it). */
    public static double[] firstCopySnapshot(double[] vectorSnapshot) {
        if (vectorSnapshot.length < 4 || (int) vectorSnapshot[1] < 1) {
            throw new IllegalArgumentException(OWNER + ": not a snapshot holding env copies");
        }
        int len = (int) vectorSnapshot[2];
        if (len < 1 || 3 + len > vectorSnapshot.length) throw new IllegalArgumentException(OWNER + ": snapshot is truncated at copy 0");
        return Arrays.copyOfRange(vectorSnapshot, 3, 3 + len);
    }

    /** Restores what {@link #snapshot()} saved, into copies built like the ones that took it. */
    @Override
    public void restore(double[] snapshot) {
        if (snapshot.length < 3) throw new IllegalArgumentException(OWNER + ": snapshot has only " + snapshot.length + " values");
        int n = envs.length;
        int stored = (int) snapshot[1];
        if (stored != n) throw new IllegalArgumentException(OWNER + ": snapshot holds " + snapshot[1] + " env copies, this one has " + n);
        // Walk the layout before changing anything, so a bad snapshot leaves every copy as it was.
        int size = 1;
        for (int i = 0, pos = 2; i < n; i++) {
            if (pos >= snapshot.length) throw new IllegalArgumentException(OWNER + ": snapshot is truncated at copy " + i);
            int len = (int) snapshot[pos];
            size += len + BOOKKEEPING + 2 * obsDim;
            pos += len + BOOKKEEPING + 2 * obsDim;
        }
        Snapshot.Reader r = Snapshot.reader(OWNER, snapshot, size);
        r.getInt();
        double[] row = new double[obsDim];
        for (int i = 0; i < n; i++) {
            envs[i].restore(r.getDoubles(r.getInt()), steps[i]);
            r.get(row);
            System.arraycopy(row, 0, observations, i * obsDim, obsDim);
            r.get(row);
            System.arraycopy(row, 0, finalObservations, i * obsDim, obsDim);
            rewards[i] = r.getDouble();
            terminated[i] = r.getBoolean();
            truncated[i] = r.getBoolean();
            episodeReturns[i] = r.getDouble();
            episodeLengths[i] = r.getInt();
            runningReturns[i] = r.getDouble();
            runningLengths[i] = r.getInt();
        }
    }

    /** Samples one random action per copy into {@code actions}. */
    public void sampleActions(Rng rng, double[] actions) {
        for (int i = 0; i < envs.length; i++) {
            envs[i].actionSpace().sample(rng, actionRow);
            System.arraycopy(actionRow, 0, actions, i * actDim, actDim);
        }
    }
}
