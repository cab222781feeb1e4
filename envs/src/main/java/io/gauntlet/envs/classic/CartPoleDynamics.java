package io.gauntlet.envs.classic;

/**
 * The cart-pole's equations of motion (Barto, Sutton and Anderson 1983, frictionless) and one explicit Euler step,
 * written as Gymnasium's {@code CartPoleEnv.step} writes them, grouping included, so every user agrees with
 * CartPole-v1 to the last bit. Used by CartPole-v1 and rllab's cart-pole balancing and swing-up tasks. State
 * {@code s}: x, x_dot, theta (0 = upright), theta_dot, updated in place.
 */
public final class CartPoleDynamics {
    private CartPoleDynamics() {}

    /** One Euler step of {@code tau} under {@code force} (N); {@code length} is half the pole's length. */
    public static void eulerStep(double[] s, double force, double gravity, double masscart, double masspole,
            double length, double tau) {
        double x = s[0], xDot = s[1], theta = s[2], thetaDot = s[3];
        double totalMass = masspole + masscart;
        double polemassLength = masspole * length;
        double costheta = Math.cos(theta);
        double sintheta = Math.sin(theta);

        double temp = (force + polemassLength * (thetaDot * thetaDot) * sintheta) / totalMass;
        double thetaacc = (gravity * sintheta - costheta * temp)
                / (length * (4.0 / 3.0 - masspole * (costheta * costheta) / totalMass));
        double xacc = temp - polemassLength * thetaacc * costheta / totalMass;

        // Gymnasium's default "euler" integrator: positions first, with the old velocities.
        s[0] = x + tau * xDot;
        s[1] = xDot + tau * xacc;
        s[2] = theta + tau * thetaDot;
        s[3] = thetaDot + tau * thetaacc;
    }
}
