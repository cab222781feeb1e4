package io.gauntlet.envs.classic;

import io.gauntlet.core.env.Space;
import io.gauntlet.envs.ClassicTask;

/**
 * The acrobot tasks (Acrobot-v1, rllab's swing-up): the book acrobot ({@link AcrobotDynamics}) with its six link
 * parameters, observed as Acrobot-v1 observes it; each task adds its torque from the action, its reward and its end.
 */
public abstract class AcrobotTask extends ClassicTask {
    protected final AcrobotDynamics book = AcrobotDynamics.book();

    protected AcrobotTask(String id, Space actionSpace) {
        super(id, AcrobotDynamics.STATE_NAMES, AcrobotDynamics.PARAMETER_NAMES, AcrobotDynamics.OBSERVATION_SPACE, actionSpace,
                0, 1, 2, 3);
    }

    @Override
    protected void writeObservation(double[] obs) {
        AcrobotDynamics.writeObservation(s, obs);
    }

    @Override
    public double[] parameters() {
        return book.parameters();
    }

    @Override
    protected void applyParameters(double[] values) {
        book.setParameters(values);
    }
}
