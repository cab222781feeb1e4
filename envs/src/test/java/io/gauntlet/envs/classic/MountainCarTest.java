package io.gauntlet.envs.classic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gauntlet.core.env.Env;
import io.gauntlet.core.env.EnvRegistry;
import io.gauntlet.core.env.Step;
import io.gauntlet.envs.TestSteps;
import org.junit.jupiter.api.Test;

class MountainCarTest {
    private final MountainCar env = new MountainCar();
    private final Step step = Step.of(env);

    @Test
    void firstStepMatchesHandDerivation() {
        // v = 0 + 0.001 - 0.0025 cos(-1.5) = 0.001 - 0.0025 * 0.0707372017 = 0.000823157
        Step s = TestSteps.stepFrom(env, new double[] {-0.5, 0}, 2);
        assertEquals(0.0008231570, s.observation[1], 1e-10);
        assertEquals(-0.5 + 0.0008231570, s.observation[0], 1e-10);
        assertEquals(-1.0, s.reward);
        Step gravityOnly = TestSteps.stepFrom(env, new double[] {-0.5, 0}, 1); // no push
        assertEquals(-0.0001768430, gravityOnly.observation[1], 1e-10);
    }

    @Test
    void leftWallStopsTheCar() {
        // v = -0.05 - 0.001 - 0.0025 cos(-3.6) = -0.051 + 0.0025 * 0.8967584163 < 0; x would pass -1.2.
        env.setState(new double[] {-1.2, -0.05}, step);
        env.step(new double[] {0}, step);
        assertEquals(-1.2, step.observation[0], 0.0);
        assertEquals(0.0, step.observation[1], 0.0);
    }

    @Test
    void speedIsClipped() {
        env.setState(new double[] {-0.5, 0.0699}, step);
        env.step(new double[] {2}, step);
        assertEquals(0.07, step.observation[1], 0.0);
    }

    @Test
    void terminatesAtTheGoalOnlyWithNonNegativeVelocity() {
        // 0.45 + (0.05 - 0.0025 cos 1.35 = 0.0494525) = 0.4994525 < 0.5: not yet.
        env.setState(new double[] {0.45, 0.05}, step);
        env.step(new double[] {1}, step);
        assertTrue(step.observation[0] < 0.5);
        assertFalse(step.terminated);
        // One thousandth faster: 0.5004525 >= 0.5.
        env.setState(new double[] {0.45, 0.051}, step);
        env.step(new double[] {1}, step);
        assertTrue(step.observation[0] >= 0.5);
        assertTrue(step.terminated);
        // Past the goal but rolling back: not terminal.
        env.setState(new double[] {0.56, -0.01}, step);
        env.step(new double[] {1}, step);
        assertTrue(step.observation[0] >= 0.5 && step.observation[1] < 0);
        assertFalse(step.terminated);
    }

    @Test
    void resetInTheValleyAtRest() {
        Env e = EnvRegistry.make("MountainCar-v0");
        TestSteps.everyReset(e, 20, s -> {
            assertTrue(s.observation[0] >= -0.6 && s.observation[0] < -0.4);
            assertEquals(0.0, s.observation[1]);
        });
        Step s = Step.afterReset(e, 1);
        for (int t = 1; t <= 200; t++) {
            e.step(new double[] {1}, s);
            assertEquals(t == 200, s.truncated);
        }
    }
}
