package io.gauntlet.envs.classic;

import io.gauntlet.core.env.Discrete;
import io.gauntlet.core.env.Step;
import io.gauntlet.envs.StateChecks;

/**
 * Acrobot-v1, exactly as Gymnasium's {@code AcrobotEnv}: a two-link pendulum hanging down, actuated at the elbow only,
 * must swing its tip above the bar. State: theta1 (0 = hanging down), theta2 (relative to link 1), dtheta1, dtheta2.
 * Actions 0/1/2 apply torque −1/0/+1 to the elbow. One classical RK4 step of dt 0.2 over the "book" dynamics (Sutton
 * and Barto; links of length 1 and mass 1, centres of mass at 0.5, moments of inertia 1, g 9.8), then angles wrapped
 * into [−π, π] and velocities bounded to ±4π and ±9π. Observation: cos θ1, sin θ1, cos θ2, sin θ2, dθ1, dθ2. Reward −1
 * per step, 0 on the terminal step; terminates when −cos θ1 − cos(θ1 + θ2) > 1; 500-step limit.
 *
 * <p>The dynamics and RK4 live in {@link AcrobotDynamics} (shared with rllab's swing-up), in Gymnasium's grouping term
 * by term; the reset state is rounded to float32 as Gymnasium's is. Physical parameters: link_mass_1, link_mass_2,
 * link_length_1, link_com_pos_1, link_com_pos_2, link_moi (link 2's length only enters the terminal test, which is
 * geometric and kept at 1).
 */
public final class Acrobot extends AcrobotTask {
    public static final double DT = 0.2;
    private static final double[] AVAIL_TORQUE = {-1.0, 0.0, +1};

    public Acrobot() {
        super("Acrobot-v1", new Discrete(3));
    }

    @Override
    protected void sampleInitialState() {
        // Gymnasium draws U(±0.1)⁴ and casts the state to float32.
        for (int i = 0; i < 4; i++) s[i] = (float) rng.uniform(-0.1, 0.1);
    }

    @Override
    public void step(double[] action, Step out) {
        double torque = AVAIL_TORQUE[StateChecks.requireDiscrete(id, action[0], 3)];
        book.step(s, torque, DT);
        boolean terminated = -Math.cos(s[0]) - Math.cos(s[1] + s[0]) > 1.0;
        finishStep(out, terminated ? 0.0 : -1.0, terminated);
    }
}
