package io.gauntlet.envs.rllab;

import io.gauntlet.envs.classic.CartPoleTask;
import io.gauntlet.core.env.Box;
import io.gauntlet.core.env.Step;

/**
 * rllab's cart-pole balancing task (Duan et al. 2016, section 3.1) on analytic dynamics: the frictionless
 * cart-pole equations of Barto, Sutton and Anderson (1983), {@link CartPoleDynamics}, with CartPole-v1's constants
 * (g 9.8, cart 1 kg, pole 0.1 kg, half-length 0.5 m) and explicit Euler at tau 0.02, but a continuous force: the
 * action (Newtons) is clipped to ±10. State and observation: x, x_dot, theta (0 = upright), theta_dot; reset U(±0.05)⁴.
 * Reward 10 − (1 − cos theta) − 1e-5·force² every step, the terminal one included; terminates when |x| > 2.4 or
 * |theta| > 0.2. rllab ran this on Box2D; these dynamics are ours. Physical parameters as CartPole-v1's.
 */
public final class CartPoleBalancing extends CartPoleTask {
    public static final double MAX_FORCE = 10.0;
    public static final double X_THRESHOLD = 2.4;
    public static final double THETA_THRESHOLD = 0.2;

    public CartPoleBalancing() {
        super("CartPoleBalancing-rllab", "max_force", MAX_FORCE, Box.unbounded(4),
                Box.uniform(1, -MAX_FORCE, MAX_FORCE));
    }

    @Override
    protected void sampleInitialState() {
        for (int i = 0; i < 4; i++) s[i] = rng.uniform(-0.05, 0.05);
    }

    @Override
    public void step(double[] action, Step out) {
        double force = rllabForce(action, MAX_FORCE);
        cartPole.eulerStep(s, force);

        double x = s[0], theta = s[2];
        finishStep(out, 10 - (1 - Math.cos(theta)) - 1e-5 * (force * force),
                Math.abs(x) > X_THRESHOLD || Math.abs(theta) > THETA_THRESHOLD);
    }
}
