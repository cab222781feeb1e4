package io.gauntlet.envs.classic;

import io.gauntlet.core.env.Space;
import io.gauntlet.envs.DynamicsTask;

/**
 * The acrobot tasks (Acrobot-v1, rllab's swing-up): the book acrobot ({@link AcrobotDynamics}) with its six link
 * parameters, observed as Acrobot-v1 observes it; each task adds its torque from the action, its reward and its end.
 */
public abstract class AcrobotTask extends DynamicsTask {
    protected final AcrobotDynamics book;

    protected AcrobotTask(String id, Space actionSpace) {
        this(id, actionSpace, AcrobotDynamics.book());
    }

    private AcrobotTask(String id, Space actionSpace, AcrobotDynamics book) {
        super(id, book, AcrobotDynamics.STATE_NAMES, AcrobotDynamics.PARAMETER_NAMES, AcrobotDynamics.OBSERVATION_SPACE, actionSpace,
                0, 1, 2, 3);
        this.book = book;
    }

    @Override
    protected void writeObservation(double[] obs) {
        AcrobotDynamics.writeObservation(s, obs);
    }
}
