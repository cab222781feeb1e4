package io.gauntlet.envs.locomotion;

import io.gauntlet.core.env.Box;
import io.gauntlet.core.env.Env;
import io.gauntlet.core.env.Snapshot;
import io.gauntlet.core.env.Space;
import io.gauntlet.core.env.Step;
import io.gauntlet.core.random.Rng;
import io.gauntlet.core.env.PhysicalParameters;
import io.gauntlet.core.env.PositionSensors;
import io.gauntlet.envs.physics.MjcfLoader;
import io.gauntlet.envs.physics.PlanarModel;
import io.gauntlet.envs.physics.PlanarSim;

/**
 * What every planar locomotion task shares: a simulator for its model, the action box from the motors'
 * ctrlrange, frame skipping, the task's own random stream, state() = qpos then qvel in MuJoCo's order, and
 * snapshots (simulator state, current physical parameters, random stream).
 * Subclasses define observation, reward and termination, as Gymnasium's v5 tasks do; the reset noise is uniform
 * on qpos and uniform or Gaussian on qvel, of one scale.
 *
 * <p>For rllab's partially observable variants every task declares its position sensors (its observation lists
 * positions first, then velocities) and exposes its physical parameters for system identification: each body's
 * mass (its rotational inertia scales with it, as for a change of density) and a scale on every contact's friction.
 */
public abstract class PlanarTask implements Env, PositionSensors, PhysicalParameters {
    protected final String id;
    protected final PlanarModel model;
    protected final PlanarSim sim;
    protected final Rng rng = new Rng(0);
    protected final int frameSkip;
    /** Seconds per env step: timestep × frame skip. */
    protected final double dt;
    private final Box actionSpace;
    private final Box observationSpace;
    /** Reference masses, inertias and frictions from the model file, and the bodies that carry mass. */
    private final double[] mass0, inertia0, friction0;
    private final int[] massiveBodies;
    private final String[] parameterNames;
    private double frictionScale = 1;
    private final double resetNoise;
    private final boolean gaussianVelocityNoise;

    /**
     * The task's model (a class-path resource), frame skip and observation size; reset noise: qpos + U(±scale) and
     * qvel + U(±scale), or qvel + scale·N(0, 1) when {@code gaussianVelocityNoise}.
     */
    protected PlanarTask(String id, String modelResource, int frameSkip, int observationDim, double resetNoise,
                         boolean gaussianVelocityNoise) {
        this.id = id;
        this.resetNoise = resetNoise;
        this.gaussianVelocityNoise = gaussianVelocityNoise;
        PlanarModel model = MjcfLoader.loadResource(modelResource);
        this.model = model;
        this.sim = new PlanarSim(model);
        this.frameSkip = frameSkip;
        this.dt = model.timestep * frameSkip;
        double[] lo = new double[model.nu];
        double[] hi = new double[model.nu];
        for (int a = 0; a < model.nu; a++) {
            lo[a] = model.actuatorLow[a];
            hi[a] = model.actuatorHigh[a];
        }
        this.actionSpace = new Box(lo, hi);
        this.observationSpace = Box.unbounded(observationDim);
        this.mass0 = model.bodyMass.clone();
        this.inertia0 = model.bodyInertia.clone();
        this.friction0 = model.pairFriction.clone();
        int massive = 0;
        for (int b = 0; b < model.nbody; b++) if (model.bodyMass[b] > 0) massive++;
        this.massiveBodies = new int[massive];
        this.parameterNames = new String[massive + 1];
        for (int b = 0, k = 0; b < model.nbody; b++) {
            if (model.bodyMass[b] > 0) {
                massiveBodies[k] = b;
                parameterNames[k++] = "mass_" + model.bodyName[b];
            }
        }
        parameterNames[massive] = "friction_scale";
    }

    /** Observation components before the velocities: all of them but nv velocities (subclasses with more say so). */
    protected int positionObservationCount() {
        return observationSpace.dim() - model.nv;
    }

    @Override
    public int[] positionIndices() {
        int[] idx = new int[positionObservationCount()];
        for (int i = 0; i < idx.length; i++) idx[i] = i;
        return idx;
    }

    @Override
    public String[] parameterNames() {
        return parameterNames.clone();
    }

    @Override
    public double[] parameters() {
        double[] v = new double[parameterNames.length];
        for (int k = 0; k < massiveBodies.length; k++) v[k] = model.bodyMass[massiveBodies[k]];
        v[massiveBodies.length] = frictionScale;
        return v;
    }

    @Override
    public void setParameters(double[] values) {
        PhysicalParameters.check(id, parameterNames, values);
        for (int k = 0; k < massiveBodies.length; k++) {
            int b = massiveBodies[k];
            model.bodyMass[b] = values[k];
            model.bodyInertia[b] = inertia0[b] * values[k] / mass0[b];
        }
        frictionScale = values[massiveBodies.length];
        for (int c = 0; c < friction0.length; c++) model.pairFriction[c] = friction0[c] * frictionScale;
    }

    public PlanarModel model() {
        return model;
    }

    /** The simulator, for rendering and tests (read it; stepping it bypasses the task). */
    public PlanarSim sim() {
        return sim;
    }

    public double dt() {
        return dt;
    }

    @Override
    public Space observationSpace() {
        return observationSpace;
    }

    @Override
    public Space actionSpace() {
        return actionSpace;
    }

    @Override
    public void reset(long seed, Step out) {
        rng.setSeed(seed);
        reset(out);
    }

    @Override
    public void reset(Step out) {
        sim.reset();
        for (int i = 0; i < model.nv; i++) sim.qpos[i] += rng.uniform(-resetNoise, resetNoise);
        for (int i = 0; i < model.nv; i++) {
            sim.qvel[i] += gaussianVelocityNoise ? resetNoise * rng.nextGaussian() : rng.uniform(-resetNoise, resetNoise);
        }
        sim.forward();
        out.clearOutcome();
        observe(out.observation);
    }

    protected abstract void observe(double[] obs);

    /** The locomotion observation: qpos from index {@code skip} on (the root's position left out), then qvel clipped to ±clip. */
    protected final void observePositionsAndVelocities(double[] obs, int skip, double clip) {
        int np = model.nv - skip;
        System.arraycopy(sim.qpos, skip, obs, 0, np);
        for (int i = 0; i < model.nv; i++) obs[np + i] = clip(sim.qvel[i], clip);
    }

    /** Applies the action, steps, and returns the root's forward velocity Δqpos[0]/dt over the env step. */
    protected final double stepForward(double[] action) {
        double xBefore = sim.qpos[0];
        simulate(action);
        return (sim.qpos[0] - xBefore) / dt;
    }

    /** Validates the action, applies it to the motors (clipped to ctrlrange, as MuJoCo does) and steps frameSkip times. */
    protected final void simulate(double[] action) {
        if (action.length != model.nu) {
            throw new IllegalArgumentException(id + ": action has " + model.nu + " values, got " + action.length);
        }
        for (int a = 0; a < model.nu; a++) {
            double u = action[a];
            if (!Double.isFinite(u)) throw new IllegalArgumentException(id + ": action " + a + " is not finite: " + u);
            sim.ctrl[a] = Math.min(model.actuatorHigh[a], Math.max(model.actuatorLow[a], u));
        }
        for (int k = 0; k < frameSkip; k++) sim.step();
    }

    protected static double sumOfSquares(double[] a) {
        double s = 0;
        for (double x : a) s += x * x;
        return s;
    }

    protected static double clip(double x, double lim) {
        return Math.max(-lim, Math.min(lim, x));
    }

    /** The simulator's state, the model's masses, inertias and frictions as they are now, and the random stream. */
    private int snapshotSize() {
        return sim.stateSize() + 2 * model.nbody + model.pairFriction.length + 1 + Snapshot.RNG;
    }

    @Override
    public double[] snapshot() {
        Snapshot.Writer w = Snapshot.writer(id, snapshotSize());
        sim.saveState(w);
        return w.put(model.bodyMass).put(model.bodyInertia).put(model.pairFriction).put(frictionScale).put(rng).finish();
    }

    /** Stores the model's values verbatim rather than through {@link #setParameters}, whose arithmetic could round. */
    @Override
    public void restore(double[] snapshot, Step out) {
        Snapshot.Reader r = Snapshot.reader(id, snapshot, snapshotSize());
        sim.restoreState(r);
        r.get(model.bodyMass);
        r.get(model.bodyInertia);
        r.get(model.pairFriction);
        frictionScale = r.getDouble();
        r.get(rng);
        out.clearOutcome();
        observe(out.observation);
    }

    @Override
    public double[] state() {
        double[] s = new double[2 * model.nv];
        System.arraycopy(sim.qpos, 0, s, 0, model.nv);
        System.arraycopy(sim.qvel, 0, s, model.nv, model.nv);
        return s;
    }

    @Override
    public void setState(double[] state, Step out) {
        int nv = model.nv;
        if (state.length != 2 * nv) {
            throw new IllegalArgumentException(id + ": state has " + 2 * nv + " values (qpos then qvel), got " + state.length);
        }
        for (double v : state) {
            if (!Double.isFinite(v)) throw new IllegalArgumentException(id + ": state values must be finite");
        }
        sim.reset();
        System.arraycopy(state, 0, sim.qpos, 0, nv);
        System.arraycopy(state, nv, sim.qvel, 0, nv);
        sim.forward();
        out.clearOutcome();
        observe(out.observation);
    }
}
