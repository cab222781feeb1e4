package io.gauntlet.envs.rllab;

import io.gauntlet.envs.classic.AcrobotTask;
import io.gauntlet.core.env.Box;
import io.gauntlet.core.env.Step;
import io.gauntlet.envs.classic.AcrobotDynamics;

/**
 * rllab's acrobot swing-up task (Duan et al. 2016, section 3.1) on analytic dynamics: Acrobot-v1's "book" equations
 * and RK4, {@link AcrobotDynamics} (links of length 1 and mass 1, centres of mass at 0.5, moments of inertia 1,
 * g 9.8), with a continuous elbow torque clipped to ±50, one RK4 step of dt 0.05 per action (a quarter of Acrobot-v1's,
 * since the torque is 50 times larger), angles wrapped into [−π, π] and velocities bounded to ±4π and ±9π. State:
 * theta1 (0 = hanging down), theta2, dtheta1, dtheta2; reset U(±0.1)⁴. Observation as Acrobot-v1's: cos θ1, sin θ1,
 * cos θ2, sin θ2, dθ1, dθ2. Reward −‖tip − (0, 2)‖, the tip's distance from the point straight above the pivot at full
 * reach; never terminates. Physical parameters as Acrobot-v1's.
 */
public final class AcrobotSwingUp extends AcrobotTask {
    public static final double DT = 0.05;
    public static final double MAX_TORQUE = 50;

    public AcrobotSwingUp() {
        super("AcrobotSwingUp-rllab", Box.uniform(1, -MAX_TORQUE, MAX_TORQUE));
    }

    @Override
    protected void sampleInitialState() {
        for (int i = 0; i < 4; i++) s[i] = rng.uniform(-0.1, 0.1);
    }

    @Override
    public void step(double[] action, Step out) {
        book.step(s, clippedAction(action, MAX_TORQUE), DT);

        double l1 = book.linkLength1();
        double tipX = l1 * Math.sin(s[0]) + AcrobotDynamics.LINK_LENGTH_2 * Math.sin(s[0] + s[1]);
        double tipY = -l1 * Math.cos(s[0]) - AcrobotDynamics.LINK_LENGTH_2 * Math.cos(s[0] + s[1]);
        double dy = tipY - (l1 + AcrobotDynamics.LINK_LENGTH_2);
        finishStep(out, -Math.sqrt(tipX * tipX + dy * dy), false);
    }
}
