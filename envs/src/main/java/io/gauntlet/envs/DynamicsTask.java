package io.gauntlet.envs;

import io.gauntlet.core.env.Space;

/**
 * A classic task whose physical parameters are kept by its dynamics object (the acrobots' and the cart-poles'): the
 * task's parameters are the dynamics', in the same order.
 */
public abstract class DynamicsTask extends ClassicTask {
    /** Dynamics that keep physical parameters: their values, and setting them (already checked by the task). */
    public interface Dynamics {
        double[] parameters();

        void setParameters(double[] values);
    }

    private final Dynamics dynamics;

    protected DynamicsTask(String id, Dynamics dynamics, String[] stateNames, String[] parameterNames, Space observationSpace,
            Space actionSpace, int... positionIndices) {
        super(id, stateNames, parameterNames, observationSpace, actionSpace, positionIndices);
        this.dynamics = dynamics;
    }

    @Override
    public final double[] parameters() {
        return dynamics.parameters();
    }

    @Override
    protected final void applyParameters(double[] values) {
        dynamics.setParameters(values);
    }
}
