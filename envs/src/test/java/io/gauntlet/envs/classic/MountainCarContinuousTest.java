package io.gauntlet.envs.classic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gauntlet.core.env.Env;
import io.gauntlet.core.env.EnvRegistry;
import io.gauntlet.core.env.Step;
import io.gauntlet.envs.TestSteps;
import org.junit.jupiter.api.Test;

class MountainCarContinuousTest {
    private final MountainCarContinuous env = new MountainCarContinuous();
    private final Step step = Step.of(env);

    private static boolean isFloat32(double v) {
        return (double) (float) v == v;
    }

    @Test
    void firstStepMatchesHandDerivationAndIsStoredAsFloat32() {
        // v = 0.5 * 0.0015 - 0.0025 cos(-1.5) = 0.00075 - 0.000176843 = 0.000573157; reward -0.1 * 0.25.
        Step s = TestSteps.stepFrom(env, new double[] {-0.5, 0}, 0.5);
        assertEquals(0.000573157, s.observation[1], 1e-9);
        assertEquals(-0.5 + 0.000573157, s.observation[0], 1e-7);
        assertTrue(isFloat32(s.observation[0]) && isFloat32(s.observation[1]));
        assertEquals(-0.025, s.reward, 1e-15);
    }

    @Test
    void rewardUsesTheUnclippedAction() {
        env.setState(new double[] {-0.5, 0}, step);
        env.step(new double[] {3}, step);
        assertEquals(-0.9, step.reward, 1e-12);
        // ...while the dynamics use the clipped force 1: v = 0.0015 - 0.000176843.
        assertEquals(0.001323157, step.observation[1], 1e-9);
    }

    @Test
    void goalGivesHundredAndTerminates() {
        env.setState(new double[] {0.44, 0.02}, step);
        env.step(new double[] {1}, step);
        assertTrue(step.terminated);
        assertEquals(100 - 0.1, step.reward, 1e-12);
        // Short of the flag: 0.40 + (0.044 - 0.0025 cos 1.2 = 0.0430941) = 0.4430941 < 0.45.
        env.setState(new double[] {0.40, 0.0440}, step);
        env.step(new double[] {0}, step);
        assertTrue(step.observation[0] < 0.45);
        assertFalse(step.terminated);
    }

    @Test
    void leftWallAndSpeedLimit() {
        env.setState(new double[] {-1.19, -0.069}, step);
        env.step(new double[] {-1}, step);
        assertEquals((float) -1.2, step.observation[0], 0.0);
        assertEquals(0.0, step.observation[1], 0.0);
        env.setState(new double[] {-0.5, 0.0699}, step);
        env.step(new double[] {1}, step);
        assertEquals((float) 0.07, step.observation[1], 0.0);
    }

    @Test
    void limitIs999() {
        Env e = EnvRegistry.make("MountainCarContinuous-v0");
        Step s = Step.of(e);
        e.reset(5, s);
        assertEquals(999, TestSteps.stepsUntilDone(e, new double[] {0}, s));
        assertTrue(s.truncated);
    }
}
