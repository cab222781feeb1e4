package io.gauntlet.envs.classic;

import io.gauntlet.envs.DynamicsTask;

/**
 * The cart-pole of Barto, Sutton and Anderson (1983), frictionless: its constants (Gymnasium's), its physical
 * parameters and one explicit Euler step, written as Gymnasium's {@code CartPoleEnv.step} writes it, grouping
 * included, so every user agrees with CartPole-v1 to the last bit. Used by CartPole-v1 and rllab's cart-pole
 * balancing and swing-up tasks. State {@code s}: x, x_dot, theta (0 = upright), theta_dot, updated in place.
 *
 * <p>The physical parameters ({@code system-id} resamples them) are gravity, masscart, masspole, length (half the
 * pole's) and the task's force scale (CartPole-v1's force_mag, rllab's max_force).
 */
public final class CartPoleDynamics implements DynamicsTask.Dynamics {
    public static final double GRAVITY = 9.8;
    public static final double MASSCART = 1.0;
    public static final double MASSPOLE = 0.1;
    /** Half the pole's length. */
    public static final double LENGTH = 0.5;
    public static final double TAU = 0.02;
    public static final String[] STATE_NAMES = {"x", "x_dot", "theta", "theta_dot"};

    private double gravity = GRAVITY, masscart = MASSCART, masspole = MASSPOLE, length = LENGTH;
    private double forceScale;

    public CartPoleDynamics(double forceScale) {
        this.forceScale = forceScale;
    }

    /** The parameter names, the force scale called {@code forceName}. */
    public static String[] parameterNames(String forceName) {
        return new String[] {"gravity", "masscart", "masspole", "length", forceName};
    }

    @Override
    public double[] parameters() {
        return new double[] {gravity, masscart, masspole, length, forceScale};
    }

    /** Sets the values {@link #parameters()} returns, in that order (the task checks them first). */
    @Override
    public void setParameters(double[] values) {
        gravity = values[0];
        masscart = values[1];
        masspole = values[2];
        length = values[3];
        forceScale = values[4];
    }

    public double forceScale() {
        return forceScale;
    }

    /** One Euler step of {@link #TAU} under {@code force} (N). */
    public void eulerStep(double[] s, double force) {
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
        s[0] = x + TAU * xDot;
        s[1] = xDot + TAU * xacc;
        s[2] = theta + TAU * thetaDot;
        s[3] = thetaDot + TAU * thetaacc;
    }
}
