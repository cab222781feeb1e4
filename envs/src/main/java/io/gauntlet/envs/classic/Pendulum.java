package io.gauntlet.envs.classic;

import io.gauntlet.core.env.Box;
import io.gauntlet.core.env.Step;
import io.gauntlet.envs.ClassicTask;
import io.gauntlet.envs.StateChecks;

/**
 * Pendulum-v1, exactly as Gymnasium's {@code PendulumEnv}: swing a frictionless pendulum up and hold it upright.
 * State: theta (0 = upright, not wrapped), theta_dot. Observation: cos theta, sin theta, theta_dot. Action: torque,
 * clipped to ±2. Semi-implicit Euler with dt 0.05: theta_dot' = clip(theta_dot + (3g/(2l) sin theta + 3u/(m l²)) dt,
 * ±8), theta' = theta + theta_dot' dt. Reward: −(norm(theta)² + 0.1 theta_dot² + 0.001 u²) on the state BEFORE
 * the update, norm wrapping to [−π, π). Never terminates; 200-step limit. Physical parameters: g, m, l.
 */
public final class Pendulum extends ClassicTask {
    public static final double MAX_SPEED = 8;
    public static final double MAX_TORQUE = 2.0;
    public static final double DT = 0.05;
    public static final double G = 10.0;
    public static final double M = 1.0;
    public static final double L = 1.0;

    private double g = G, m = M, l = L;

    public Pendulum() {
        super("Pendulum-v1", new String[] {"theta", "theta_dot"}, new String[] {"g", "m", "l"},
                new Box(new double[] {-1, -1, -MAX_SPEED}, new double[] {1, 1, MAX_SPEED}),
                Box.uniform(1, -MAX_TORQUE, MAX_TORQUE), 0, 1);
    }

    @Override
    protected void sampleInitialState() {
        s[0] = rng.uniform(-Math.PI, Math.PI);
        s[1] = rng.uniform(-1.0, 1.0);
    }

    @Override
    public void step(double[] action, Step out) {
        StateChecks.requireFinite(id, action[0]);
        double theta = s[0], thetaDot = s[1];
        // The torque is float32, as Gymnasium's action space is; under NumPy 2's promotion rules (NEP 50) its
        // products with Python floats stay float32 (the Python float is rounded to float32 first), the rest is float64.
        float u = (float) Math.min(MAX_TORQUE, Math.max(-MAX_TORQUE, (float) action[0]));
        double normTheta = wrapAngle(theta);
        float controlCost = (float) 0.001 * (u * u);
        double costs = normTheta * normTheta + 0.1 * (thetaDot * thetaDot) + controlCost;

        float torqueTerm = (float) (3.0 / (m * (l * l))) * u;
        double newthdot = thetaDot + (3 * g / (2 * l) * Math.sin(theta) + torqueTerm) * DT;
        newthdot = Math.min(MAX_SPEED, Math.max(-MAX_SPEED, newthdot));
        s[0] = theta + newthdot * DT;
        s[1] = newthdot;
        finishStep(out, -costs, false);
    }

    @Override
    protected void writeObservation(double[] obs) {
        obs[0] = Math.cos(s[0]);
        obs[1] = Math.sin(s[0]);
        obs[2] = s[1];
    }

    @Override
    public double[] parameters() {
        return new double[] {g, m, l};
    }

    @Override
    protected void applyParameters(double[] values) {
        g = values[0];
        m = values[1];
        l = values[2];
    }
}
