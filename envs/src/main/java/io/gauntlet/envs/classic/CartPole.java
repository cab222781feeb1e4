package io.gauntlet.envs.classic;

import io.gauntlet.core.env.Box;
import io.gauntlet.core.env.Discrete;
import io.gauntlet.core.env.Step;
import io.gauntlet.envs.StateChecks;

/**
 * CartPole-v1, exactly as Gymnasium's {@code CartPoleEnv}: the cart-pole of Barto, Sutton and Anderson (1983)
 * with explicit Euler integration. State and observation: x, x_dot, theta, theta_dot. Action 0 pushes left,
 * 1 pushes right. Reward +1 every step, the terminal one included; terminates when |x| > 2.4 or
 * |theta| > 12°. The 500-step limit is applied by the registry's time-limit wrapper.
 *
 * <p>The equations of motion live in {@link CartPoleDynamics}, shared with rllab's cart-poles. Products are grouped
 * as Gymnasium groups them ({@code polemass_length * np.square(theta_dot) * sintheta}),
 * so results agree to the last bit wherever {@code sin}/{@code cos} do. Physical parameters (for
 * {@code system-id}): gravity, masscart, masspole, length (half the pole), force_mag.
 */
public final class CartPole extends CartPoleTask {
    public static final double FORCE_MAG = 10.0;
    public static final double THETA_THRESHOLD_RADIANS = 12 * 2 * Math.PI / 360;
    public static final double X_THRESHOLD = 2.4;

    public CartPole() {
        super("CartPole-v1", "force_mag", FORCE_MAG, new Box(new double[] {-X_THRESHOLD * 2, Double.NEGATIVE_INFINITY, -THETA_THRESHOLD_RADIANS * 2, Double.NEGATIVE_INFINITY},
                        new double[] {X_THRESHOLD * 2, Double.POSITIVE_INFINITY, THETA_THRESHOLD_RADIANS * 2, Double.POSITIVE_INFINITY}),
                new Discrete(2));
    }

    @Override
    protected void sampleInitialState() {
        for (int i = 0; i < 4; i++) s[i] = rng.uniform(-0.05, 0.05);
    }

    @Override
    public void step(double[] action, Step out) {
        int a = StateChecks.requireDiscrete(id, action[0], 2);
        double force = a == 1 ? cartPole.forceScale() : -cartPole.forceScale();
        cartPole.eulerStep(s, force);

        double x = s[0], theta = s[2];
        boolean terminated = x < -X_THRESHOLD || x > X_THRESHOLD
                || theta < -THETA_THRESHOLD_RADIANS || theta > THETA_THRESHOLD_RADIANS;
        finishStep(out, 1.0, terminated);
    }
}
