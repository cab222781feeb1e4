package io.gauntlet.envs.classic;

import io.gauntlet.core.env.Box;
import io.gauntlet.core.env.Env;
import io.gauntlet.core.env.Snapshot;
import io.gauntlet.core.env.Space;
import io.gauntlet.core.env.Step;
import io.gauntlet.core.random.Rng;
import io.gauntlet.core.env.PhysicalParameters;
import io.gauntlet.core.env.PositionSensors;
import io.gauntlet.envs.StateChecks;

/**
 * Pendulum-v1, exactly as Gymnasium's {@code PendulumEnv}: swing a frictionless pendulum up and hold it upright.
 * State: theta (0 = upright, not wrapped), theta_dot. Observation: cos theta, sin theta, theta_dot. Action: torque,
 * clipped to ±2. Semi-implicit Euler with dt 0.05: theta_dot' = clip(theta_dot + (3g/(2l) sin theta + 3u/(m l²)) dt,
 * ±8), theta' = theta + theta_dot' dt. Reward: −(norm(theta)² + 0.1 theta_dot² + 0.001 u²) on the state BEFORE
 * the update, norm wrapping to [−π, π). Never terminates; 200-step limit. Physical parameters: g, m, l.
 */
public final class Pendulum implements Env, PhysicalParameters, PositionSensors {
    public static final double MAX_SPEED = 8;
    public static final double MAX_TORQUE = 2.0;
    public static final double DT = 0.05;
    public static final double G = 10.0;
    public static final double M = 1.0;
    public static final double L = 1.0;

    private static final String ID = "Pendulum-v1";
    private static final String[] STATE_NAMES = {"theta", "theta_dot"};
    private static final String[] PARAMETER_NAMES = {"g", "m", "l"};
    private static final Space OBSERVATION_SPACE = new Box(new double[] {-1, -1, -MAX_SPEED}, new double[] {1, 1, MAX_SPEED});
    private static final Space ACTION_SPACE = Box.uniform(1, -MAX_TORQUE, MAX_TORQUE);
    /** The state, the physical parameters and the random stream. */
    private static final int SNAPSHOT_SIZE = 2 + PARAMETER_NAMES.length + Snapshot.RNG;

    private final Rng rng = new Rng(0);
    private double g = G, m = M, l = L;
    private double theta, thetaDot;

    @Override
    public Space observationSpace() {
        return OBSERVATION_SPACE;
    }

    @Override
    public Space actionSpace() {
        return ACTION_SPACE;
    }

    @Override
    public void reset(long seed, Step out) {
        rng.setSeed(seed);
        reset(out);
    }

    @Override
    public void reset(Step out) {
        theta = rng.uniform(-Math.PI, Math.PI);
        thetaDot = rng.uniform(-1.0, 1.0);
        out.clearOutcome();
        writeObservation(out.observation);
    }

    @Override
    public void step(double[] action, Step out) {
        StateChecks.requireFinite(ID, action[0]);
        // The torque is float32, as Gymnasium's action space is; under NumPy 2's promotion rules (NEP 50) its
        // products with Python floats stay float32 (the Python float is rounded to float32 first), the rest is float64.
        float u = (float) Math.min(MAX_TORQUE, Math.max(-MAX_TORQUE, (float) action[0]));
        double normTheta = angleNormalize(theta);
        float controlCost = (float) ((float) 0.001 * (float) (u * u));
        double costs = normTheta * normTheta + 0.1 * (thetaDot * thetaDot) + controlCost;

        float torqueTerm = (float) ((float) (3.0 / (m * (l * l))) * u);
        double newthdot = thetaDot + (3 * g / (2 * l) * Math.sin(theta) + torqueTerm) * DT;
        newthdot = Math.min(MAX_SPEED, Math.max(-MAX_SPEED, newthdot));
        theta = theta + newthdot * DT;
        thetaDot = newthdot;

        out.reward = -costs;
        out.terminated = false;
        out.truncated = false;
        writeObservation(out.observation);
    }

    /** Python's {@code ((x + pi) % (2 pi)) - pi}: the remainder takes the divisor's sign, so the result is in [−π, π). */
    static double angleNormalize(double x) {
        double twoPi = 2 * Math.PI;
        double r = (x + Math.PI) % twoPi;
        if (r < 0) r += twoPi;
        return r - Math.PI;
    }

    private void writeObservation(double[] obs) {
        obs[0] = Math.cos(theta);
        obs[1] = Math.sin(theta);
        obs[2] = thetaDot;
    }

    @Override
    public double[] state() {
        return new double[] {theta, thetaDot};
    }

    @Override
    public void setState(double[] state, Step out) {
        StateChecks.requireState(ID, state, STATE_NAMES);
        theta = state[0];
        thetaDot = state[1];
        out.clearOutcome();
        writeObservation(out.observation);
    }

    @Override
    public double[] snapshot() {
        return Snapshot.writer(ID, SNAPSHOT_SIZE).put(theta).put(thetaDot).put(parameters()).put(rng).finish();
    }

    @Override
    public void restore(double[] snapshot, Step out) {
        Snapshot.Reader r = Snapshot.reader(ID, snapshot, SNAPSHOT_SIZE);
        theta = r.getDouble();
        thetaDot = r.getDouble();
        setParameters(r.getDoubles(PARAMETER_NAMES.length));
        r.get(rng);
        out.clearOutcome();
        writeObservation(out.observation);
    }

    @Override
    public int[] positionIndices() {
        return new int[] {0, 1};
    }

    @Override
    public String[] parameterNames() {
        return PARAMETER_NAMES.clone();
    }

    @Override
    public double[] parameters() {
        return new double[] {g, m, l};
    }

    @Override
    public void setParameters(double[] values) {
        PhysicalParameters.check(ID, PARAMETER_NAMES, values);
        g = values[0];
        m = values[1];
        l = values[2];
    }
}
