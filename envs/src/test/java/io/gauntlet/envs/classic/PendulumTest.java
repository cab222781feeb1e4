package io.gauntlet.envs.classic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gauntlet.core.env.Env;
import io.gauntlet.core.env.EnvRegistry;
import io.gauntlet.core.env.Step;
import org.junit.jupiter.api.Test;

class PendulumTest {
    private final Pendulum env = new Pendulum();
    private final Step step = Step.of(env);

    @Test
    void firstStepMatchesHandDerivation() {
        // theta 1, theta_dot 0, u 0.5: cost = 1 + 0 + 0.001 * 0.25 on the state before the update, the control
        // term in float32 as NumPy 2 computes it (0.001 is not a float32: the term is off by ~1e-11);
        // theta_dot' = (3*10/2 sin 1 + 3 * 0.5) * 0.05 = (15 * 0.8414709848 + 1.5) * 0.05 = 0.7061032386.
        env.setState(new double[] {1, 0}, step);
        env.step(new double[] {0.5}, step);
        assertEquals(-1.00025, step.reward, 1e-10);
        assertEquals(-(1 + (double) (0.001f * 0.25f)), step.reward, 0.0);
        double thetaDot = 0.7061032386;
        double theta = 1 + thetaDot * 0.05;
        assertEquals(Math.cos(theta), step.observation[0], 1e-10);
        assertEquals(Math.sin(theta), step.observation[1], 1e-10);
        assertEquals(thetaDot, step.observation[2], 1e-10);
        assertFalse(step.terminated);
    }

    @Test
    void costUsesTheWrappedAngleAndClippedTorque() {
        // theta = 4 rad wraps to 4 - 2 pi; u = 5 is clipped to 2 in both dynamics and cost.
        env.setState(new double[] {4, 2}, step);
        env.step(new double[] {5}, step);
        double norm = 4 - 2 * Math.PI;
        assertEquals(-(norm * norm + 0.1 * 4 + 0.001 * 4), step.reward, 1e-9); // control term in float32 (NumPy 2)
        double expectedThetaDot = 2 + (15 * Math.sin(4) + 3 * 2) * 0.05;
        assertEquals(expectedThetaDot, step.observation[2], 1e-12);
    }

    @Test
    void wrapAngleIsPythonsFloorModulo() {
        assertEquals(-Math.PI, io.gauntlet.envs.ClassicTask.wrapAngle(Math.PI), 1e-15); // [−π, π): π maps to −π
        assertEquals(0.5, io.gauntlet.envs.ClassicTask.wrapAngle(0.5 + 4 * Math.PI), 1e-12);
        assertEquals(-0.5, io.gauntlet.envs.ClassicTask.wrapAngle(-0.5 - 6 * Math.PI), 1e-12);
    }

    @Test
    void angularSpeedIsClippedAtEight() {
        env.setState(new double[] {Math.PI / 2, 7.9}, step);
        env.step(new double[] {2}, step);
        assertEquals(8.0, step.observation[2], 0.0);
        assertEquals(Math.cos(Math.PI / 2 + 8 * 0.05), step.observation[0], 1e-15);
    }

    @Test
    void truncatedAtTwoHundredNeverTerminated() {
        Env e = EnvRegistry.make("Pendulum-v1");
        Step s = Step.of(e);
        e.reset(3, s);
        for (int t = 1; t <= 200; t++) {
            e.step(new double[] {0}, s);
            assertFalse(s.terminated);
            assertEquals(t == 200, s.truncated);
        }
    }

    @Test
    void rejectsNonFiniteAction() {
        env.setState(new double[] {0, 0}, step);
        assertThrows(IllegalArgumentException.class, () -> env.step(new double[] {Double.NaN}, step));
        assertThrows(IllegalArgumentException.class, () -> env.step(new double[] {Double.POSITIVE_INFINITY}, step));
    }
}
