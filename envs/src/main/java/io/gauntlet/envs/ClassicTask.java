package io.gauntlet.envs;

import io.gauntlet.core.env.Env;
import io.gauntlet.core.env.PhysicalParameters;
import io.gauntlet.core.env.PositionSensors;
import io.gauntlet.core.env.Snapshot;
import io.gauntlet.core.env.Space;
import io.gauntlet.core.env.Step;

/**
 * What every classic-control task shares (Gymnasium's five and rllab's four): a small state vector {@link #s} in its
 * documented order, a few physical parameters, one random stream for resets. A task supplies its reset
 * distribution, its step and its observation; this class and {@link Task} do the rest of the {@link Env} contract the
 * same way for all of them (seeding, {@code setState}, snapshots, parameters for {@code system-id}, positions for
 * {@code limited-sensors}).
 */
public abstract class ClassicTask extends Task implements PhysicalParameters, PositionSensors {
    private final String[] stateNames;
    private final String[] parameterNames;
    private final int[] positionIndices;
    /** The state, in the order of the task's documentation (what {@code --init-state} takes). */
    protected final double[] s;

    protected ClassicTask(String id, String[] stateNames, String[] parameterNames, Space observationSpace, Space actionSpace,
            int... positionIndices) {
        super(id, observationSpace, actionSpace);
        this.stateNames = stateNames;
        this.parameterNames = parameterNames;
        this.positionIndices = positionIndices;
        this.s = new double[stateNames.length];
    }

    /** Draws the initial state of an episode into {@link #s} from {@link #rng}. */
    protected abstract void sampleInitialState();

    /** Writes the observation of the current state. */
    protected abstract void writeObservation(double[] obs);

    /** Sets the physical parameters (already checked: right length, finite and positive). */
    protected abstract void applyParameters(double[] values);

    /** rllab's one-dimensional action: checked finite, then clipped to ±max (its action box). */
    protected final double clippedAction(double[] action, double max) {
        StateChecks.requireFinite(id, action[0]);
        return Math.min(max, Math.max(-max, action[0]));
    }

    /** An angle into [−π, π), as Python's {@code ((x + pi) % (2 pi)) - pi} does (the remainder takes the divisor's sign). */
    public static double wrapAngle(double x) {
        double twoPi = 2 * Math.PI;
        double r = (x + Math.PI) % twoPi;
        if (r < 0) r += twoPi;
        return r - Math.PI;
    }

    @Override
    public final void reset(Step out) {
        sampleInitialState();
        show(out);
    }

    /** What a reset, {@code setState} and {@code restore} hand back: no reward or flags, the current observation. */
    protected final void show(Step out) {
        out.clearOutcome();
        writeObservation(out.observation);
    }

    /** Ends a step: its reward and termination (never a truncation: time limits are wrappers), the new observation. */
    protected final void finishStep(Step out, double reward, boolean terminated) {
        out.reward = reward;
        out.terminated = terminated;
        out.truncated = false;
        writeObservation(out.observation);
    }

    @Override
    public double[] state() {
        return s.clone();
    }

    @Override
    public final void setState(double[] state, Step out) {
        StateChecks.requireState(id, state, stateNames);
        acceptState(state);
        show(out);
    }

    /** Stores a checked state given from outside (a task that normalises its state, e.g. wraps an angle, overrides). */
    protected void acceptState(double[] state) {
        System.arraycopy(state, 0, s, 0, s.length);
    }

    /** The state, the physical parameters and the random stream. */
    @Override
    public double[] snapshot() {
        return Snapshot.ofTask(id, s, parameters(), rng);
    }

    @Override
    public void restore(double[] snapshot, Step out) {
        setParameters(Snapshot.restoreTask(id, snapshot, s, parameterNames.length, rng));
        show(out);
    }

    @Override
    public int[] positionIndices() {
        return positionIndices.clone();
    }

    @Override
    public String[] parameterNames() {
        return parameterNames.clone();
    }

    @Override
    public final void setParameters(double[] values) {
        PhysicalParameters.check(id, parameterNames, values);
        applyParameters(values);
    }
}
