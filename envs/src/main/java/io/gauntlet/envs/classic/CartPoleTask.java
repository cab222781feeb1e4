package io.gauntlet.envs.classic;

import io.gauntlet.core.env.Space;
import io.gauntlet.envs.DynamicsTask;

/**
 * The cart-pole tasks (CartPole-v1, rllab's balancing and swing-up): Barto's cart-pole ({@link CartPoleDynamics})
 * with its five physical parameters, observed as its state x, x_dot, theta, theta_dot; each task adds its
 * reset, its force from the action, its reward and its end.
 */
public abstract class CartPoleTask extends DynamicsTask {
    protected final CartPoleDynamics cartPole;

    protected CartPoleTask(String id, String forceName, double forceScale, Space observationSpace, Space actionSpace) {
        this(id, CartPoleDynamics.parameterNames(forceName), new CartPoleDynamics(forceScale), observationSpace, actionSpace);
    }

    private CartPoleTask(String id, String[] parameterNames, CartPoleDynamics cartPole, Space observationSpace, Space actionSpace) {
        super(id, cartPole, CartPoleDynamics.STATE_NAMES, parameterNames, observationSpace, actionSpace, 0, 2);
        this.cartPole = cartPole;
    }

    /** rllab's cart-poles: the action is a force in newtons clipped to ±maxForce, scaled by the force parameter. */
    protected double rllabForce(double[] action, double maxForce) {
        return clippedAction(action, maxForce) * (cartPole.forceScale() / maxForce);
    }

    @Override
    protected void writeObservation(double[] obs) {
        System.arraycopy(s, 0, obs, 0, 4);
    }
}
