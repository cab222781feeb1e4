package io.gauntlet.envs.classic;

import io.gauntlet.core.env.Space;
import io.gauntlet.envs.ClassicTask;

/**
 * The cart-pole tasks (CartPole-v1, rllab's balancing and swing-up): Barto's cart-pole ({@link CartPoleDynamics})
 * with its five physical parameters, observed as its state x, x_dot, theta, theta_dot; each task adds its
 * reset, its force from the action, its reward and its end.
 */
public abstract class CartPoleTask extends ClassicTask {
    protected final CartPoleDynamics cartPole;

    protected CartPoleTask(String id, String forceName, double forceScale, Space observationSpace, Space actionSpace) {
        super(id, CartPoleDynamics.STATE_NAMES, CartPoleDynamics.parameterNames(forceName), observationSpace, actionSpace, 0, 2);
        this.cartPole = new CartPoleDynamics(forceScale);
    }

    /** rllab's cart-poles: the action is a force in newtons clipped to ±maxForce, scaled by the force parameter. */
    protected double rllabForce(double action, double maxForce) {
        return Math.min(maxForce, Math.max(-maxForce, action)) * (cartPole.forceScale() / maxForce);
    }

    @Override
    protected void writeObservation(double[] obs) {
        System.arraycopy(s, 0, obs, 0, 4);
    }

    @Override
    public double[] parameters() {
        return cartPole.parameters();
    }

    @Override
    protected void applyParameters(double[] values) {
        cartPole.setParameters(values);
    }
}
