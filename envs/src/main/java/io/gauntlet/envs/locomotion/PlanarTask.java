package io.gauntlet.envs.locomotion;

import io.gauntlet.core.env.Box;
import io.gauntlet.core.env.Env;
import io.gauntlet.core.env.Space;
import io.gauntlet.core.env.Step;
import io.gauntlet.core.random.Rng;
import io.gauntlet.envs.physics.MjcfLoader;
import io.gauntlet.envs.physics.PlanarModel;
import io.gauntlet.envs.physics.PlanarSim;

/**
 * What every planar locomotion task shares: a simulator for its model, the action box from the motors'
 * ctrlrange, frame skipping, the task's own random stream, and state() = qpos then qvel in MuJoCo's order.
 * Subclasses define observation, reward, termination and reset noise, as Gymnasium's v5 tasks do.
 */
public abstract class PlanarTask implements Env {
    protected final String id;
    protected final PlanarModel model;
    protected final PlanarSim sim;
    protected final Rng rng = new Rng(0);
    protected final int frameSkip;
    /** Seconds per env step: timestep × frame skip. */
    protected final double dt;
    private final Box actionSpace;
    private final Box observationSpace;

    protected PlanarTask(String id, String modelResource, int frameSkip, int observationDim) {
        this(id, MjcfLoader.loadResource(modelResource), frameSkip, observationDim);
    }

    protected PlanarTask(String id, PlanarModel model, int frameSkip, int observationDim) {
        this.id = id;
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
        addResetNoise(sim.qpos, sim.qvel);
        sim.forward();
        out.clearOutcome();
        observe(out.observation);
    }

    /** Perturbs the reference pose (qpos0, zero velocity) with the task's reset noise. */
    protected abstract void addResetNoise(double[] qpos, double[] qvel);

    protected abstract void observe(double[] obs);

    protected final void uniformNoise(double[] x, double scale) {
        for (int i = 0; i < x.length; i++) x[i] += rng.uniform(-scale, scale);
    }

    protected final void gaussianNoise(double[] x, double scale) {
        for (int i = 0; i < x.length; i++) x[i] += scale * rng.nextGaussian();
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
