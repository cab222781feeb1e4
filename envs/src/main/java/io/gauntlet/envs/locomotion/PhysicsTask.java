package io.gauntlet.envs.locomotion;

import io.gauntlet.core.env.Box;
import io.gauntlet.core.env.PhysicalParameters;
import io.gauntlet.core.env.PositionSensors;
import io.gauntlet.core.env.Snapshot;
import io.gauntlet.core.env.Step;
import io.gauntlet.envs.Task;
import io.gauntlet.envs.physics.Simulator;

/**
 * What every task on one of Gauntlet's physics engines shares, as Gymnasium's MujocoEnv: a simulator, the action box
 * from the motors' ctrlrange, frame skipping, the task's own random stream and reset noise, state() = qpos then
 * qvel in MuJoCo's order, and snapshots (simulator state, current physical parameters, random stream). Subclasses
 * define observation, reward and termination.
 *
 * <p>For rllab's partially observable variants every task declares its position sensors (by default its observation
 * lists positions first, then nv velocities) and exposes its physical parameters for system identification: each
 * body's mass (its rotational inertia scales with it, as for a change of density) and a scale on every contact's
 * friction.
 */
public abstract class PhysicsTask extends Task implements PositionSensors, PhysicalParameters {
    /**
     * Reset noise added to the reference pose and rest: qpos + U(±qpos) or qpos·N(0, 1), qvel + U(±qvel) or
     * qvel·N(0, 1).
     */
    public record ResetNoise(double qpos, boolean qposGaussian, double qvel, boolean qvelGaussian) {}

    private final Simulator physics;
    protected final int frameSkip;
    /** Seconds per env step: timestep × frame skip. */
    protected final double dt;
    protected final int nq, nv, nu;
    private final ResetNoise noise;
    /** Reference masses, inertias and frictions from the model file, and the bodies that carry mass. */
    private final double[] mass0, inertia0, friction0;
    private final int[] massiveBodies;
    private final String[] parameterNames;
    private final String[] diagnosticNames;
    private double frictionScale = 1;

    /** The task {@code id} on {@code physics}; its steps report the diagnostics named (Gymnasium's info keys). */
    protected PhysicsTask(String id, Simulator physics, int frameSkip, int observationDim, ResetNoise noise,
                          String... diagnosticNames) {
        super(id, Box.unbounded(observationDim), actionBox(physics));
        this.diagnosticNames = diagnosticNames.clone();
        this.physics = physics;
        this.frameSkip = frameSkip;
        this.dt = physics.timestep * frameSkip;
        this.noise = noise;
        nq = physics.qpos.length;
        nv = physics.qvel.length;
        nu = physics.ctrl.length;
        this.mass0 = physics.parameters.bodyMass().clone();
        this.inertia0 = physics.parameters.bodyInertia().clone();
        this.friction0 = physics.parameters.pairFriction().clone();
        double[] mass = physics.parameters.bodyMass();
        int massive = 0;
        for (double m : mass) if (m > 0) massive++;
        this.massiveBodies = new int[massive];
        this.parameterNames = new String[massive + 1];
        for (int b = 0, k = 0; b < mass.length; b++) {
            if (mass[b] > 0) {
                massiveBodies[k] = b;
                parameterNames[k++] = "mass_" + physics.parameters.bodyNames()[b];
            }
        }
        parameterNames[massive] = "friction_scale";
    }

    /** The motors' ctrlrange. */
    private static Box actionBox(Simulator physics) {
        return new Box(physics.actuatorLow.clone(), physics.actuatorHigh.clone());
    }

    /** Observation components before the velocities: all of them but nv velocities (subclasses with more say so). */
    protected int positionObservationCount() {
        return observationSpace().flatDim() - nv;
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
        double[] mass = physics.parameters.bodyMass();
        for (int k = 0; k < massiveBodies.length; k++) v[k] = mass[massiveBodies[k]];
        v[massiveBodies.length] = frictionScale;
        return v;
    }

    @Override
    public void setParameters(double[] values) {
        PhysicalParameters.check(id, parameterNames, values);
        double[] mass = physics.parameters.bodyMass(), inertia = physics.parameters.bodyInertia(), friction = physics.parameters.pairFriction();
        int stride = physics.parameters.inertiaStride();
        for (int k = 0; k < massiveBodies.length; k++) {
            int b = massiveBodies[k];
            mass[b] = values[k];
            for (int i = 0; i < stride; i++) inertia[b * stride + i] = inertia0[b * stride + i] * values[k] / mass0[b];
        }
        frictionScale = values[massiveBodies.length];
        for (int c = 0; c < friction0.length; c++) friction[c] = friction0[c] * frictionScale;
    }

    public double dt() {
        return dt;
    }

    @Override
    public final String[] diagnosticNames() {
        return diagnosticNames.clone();
    }

    /** The reference pose at rest plus the reset noise; then the forward dynamics there, as Gymnasium's set_state. */
    @Override
    public void reset(Step out) {
        physics.reset();
        double[] qpos = physics.qpos, qvel = physics.qvel;
        for (int i = 0; i < nq; i++) {
            qpos[i] += noise.qposGaussian() ? noise.qpos() * rng.nextGaussian() : rng.uniform(-noise.qpos(), noise.qpos());
        }
        for (int i = 0; i < nv; i++) {
            qvel[i] += noise.qvelGaussian() ? noise.qvel() * rng.nextGaussian() : rng.uniform(-noise.qvel(), noise.qvel());
        }
        physics.forward();
        out.clearOutcome();
        observe(out.observation);
    }

    protected abstract void observe(double[] obs);

    /** The locomotion observation: qpos from index {@code skip} on (the root's position left out), then qvel clipped to ±clip. */
    protected final void observePositionsAndVelocities(double[] obs, int skip, double clip) {
        double[] qpos = physics.qpos, qvel = physics.qvel;
        int np = nq - skip;
        System.arraycopy(qpos, skip, obs, 0, np);
        for (int i = 0; i < nv; i++) obs[np + i] = clip(qvel[i], clip);
    }

    /** Applies the action, steps, and returns the root's forward velocity Δqpos[0]/dt over the env step. */
    protected final double stepForward(double[] action) {
        double xBefore = physics.qpos[0];
        simulate(action);
        return (physics.qpos[0] - xBefore) / dt;
    }

    /** Validates the action, applies it to the motors (clipped to ctrlrange, as MuJoCo does) and steps frameSkip times. */
    protected final void simulate(double[] action) {
        if (action.length != nu) {
            throw new IllegalArgumentException(id + ": action has " + nu + " values, got " + action.length);
        }
        double[] ctrl = physics.ctrl;
        for (int a = 0; a < nu; a++) {
            double u = action[a];
            if (!Double.isFinite(u)) throw new IllegalArgumentException(id + ": action " + a + " is not finite: " + u);
            ctrl[a] = Math.min(physics.actuatorHigh[a], Math.max(physics.actuatorLow[a], u));
        }
        for (int k = 0; k < frameSkip; k++) physics.step();
    }

    /**
     * Gymnasium's diagnostics of where the root is in the ground plane: its x, y (qpos[0], qpos[1]), distance from
     * the origin, then the x and y velocities the forward reward used, into d from index o.
     */
    protected final void positionDiagnostics(double[] d, int o, double xVelocity, double yVelocity) {
        double[] qpos = physics.qpos;
        d[o] = qpos[0];
        d[o + 1] = qpos[1];
        d[o + 2] = Math.hypot(qpos[0], qpos[1]);
        d[o + 3] = xVelocity;
        d[o + 4] = yVelocity;
    }

    /**
     * Gymnasium's reward of the tasks that only swim or run (Swimmer, HalfCheetah): {@code forwardWeight·xVelocity −
     * ctrlWeight·‖a‖²}, never terminated; diagnostics 0 and 1 are its two terms.
     */
    protected static void forwardMinusControl(Step out, double forwardWeight, double xVelocity, double ctrlWeight, double[] action) {
        double forward = forwardWeight * xVelocity;
        double ctrlCost = ctrlWeight * sumOfSquares(action);
        out.reward = forward - ctrlCost;
        out.terminated = false;
        out.truncated = false;
        out.diagnostics[0] = forward;
        out.diagnostics[1] = -ctrlCost;
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
        return physics.stateSize() + physics.parameters.bodyMass().length + physics.parameters.bodyInertia().length + physics.parameters.pairFriction().length
                + 1 + Snapshot.RNG;
    }

    @Override
    public double[] snapshot() {
        Snapshot.Writer w = Snapshot.writer(id, snapshotSize());
        physics.saveState(w);
        return w.put(physics.parameters.bodyMass()).put(physics.parameters.bodyInertia()).put(physics.parameters.pairFriction())
                .put(frictionScale).put(rng).finish();
    }

    /**
     * Stores the model's values verbatim rather than through {@link #setParameters}, whose arithmetic could round;
     * the simulator recomputes what its state implies once they are back.
     */
    @Override
    public void restore(double[] snapshot, Step out) {
        Snapshot.Reader r = Snapshot.reader(id, snapshot, snapshotSize());
        physics.restoreState(r);
        r.get(physics.parameters.bodyMass());
        r.get(physics.parameters.bodyInertia());
        r.get(physics.parameters.pairFriction());
        frictionScale = r.getDouble();
        r.get(rng);
        physics.recompute();
        out.clearOutcome();
        observe(out.observation);
    }

    @Override
    public double[] state() {
        double[] s = new double[nq + nv];
        System.arraycopy(physics.qpos, 0, s, 0, nq);
        System.arraycopy(physics.qvel, 0, s, nq, nv);
        return s;
    }

    @Override
    public void setState(double[] state, Step out) {
        if (state.length != nq + nv) {
            throw new IllegalArgumentException(id + ": state has " + (nq + nv) + " values (qpos then qvel), got " + state.length);
        }
        for (double v : state) {
            if (!Double.isFinite(v)) throw new IllegalArgumentException(id + ": state values must be finite");
        }
        physics.reset();
        System.arraycopy(state, 0, physics.qpos, 0, nq);
        System.arraycopy(state, nq, physics.qvel, 0, nv);
        physics.forward();
        out.clearOutcome();
        observe(out.observation);
    }
}
