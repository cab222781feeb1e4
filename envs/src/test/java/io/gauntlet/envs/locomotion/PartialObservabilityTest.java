package io.gauntlet.envs.locomotion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gauntlet.core.env.Step;
import org.junit.jupiter.api.Test;

/** Locomotion tasks support rllab's limited-sensors and system-identification variants. */
class PartialObservabilityTest {
    @Test
    void positionSensorsAreTheObservationsBeforeTheVelocities() {
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, new Hopper().positionIndices());
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7}, new HalfCheetah().positionIndices());
        assertArrayEquals(new int[] {0, 1, 2}, new Swimmer().positionIndices());
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, new InvertedDoublePendulum().positionIndices());
    }

    private static double[] rollout(PlanarTask task, double[] start) {
        Step s = Step.of(task);
        task.setState(start, s);
        double[] action = new double[task.actionSpace().flatDim()];
        java.util.Arrays.fill(action, 0.5);
        for (int t = 0; t < 20; t++) task.step(action, s);
        return task.state();
    }

    @Test
    void massesChangeTheDynamicsAndTheReferenceValuesRestoreThemExactly() {
        HalfCheetah task = new HalfCheetah();
        Step s = Step.afterReset(task, 3);
        double[] start = task.state();
        double[] reference = task.parameters();
        assertEquals(task.parameterNames().length, reference.length);
        assertEquals("friction_scale", task.parameterNames()[reference.length - 1]);
        double[] a = rollout(task, start);

        double[] heavier = reference.clone();
        for (int i = 0; i < heavier.length - 1; i++) heavier[i] *= 2;
        task.setParameters(heavier);
        double[] b = rollout(task, start);
        double diff = 0;
        for (int i = 0; i < a.length; i++) diff = Math.max(diff, Math.abs(a[i] - b[i]));
        assertTrue(diff > 1e-3, "doubling the masses must change the motion, max diff " + diff);

        task.setParameters(reference);
        assertArrayEquals(a, rollout(task, start));
        assertThrows(IllegalArgumentException.class, () -> task.setParameters(new double[] {1}));
    }
}
