package io.gauntlet.envs.rllab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gauntlet.core.env.Env;
import io.gauntlet.core.env.EnvRegistry;
import io.gauntlet.core.env.Step;
import org.junit.jupiter.api.Test;

class RllabTasksTest {
    @Test
    void balancingRewardAndThresholds() {
        CartPoleBalancing env = new CartPoleBalancing();
        Step s = Step.of(env);
        env.setState(new double[] {0, 0, 0, 0}, s);
        env.step(new double[] {4}, s);
        // theta stays 0 after one Euler step from rest: reward = 10 - 0 - 1e-5 * 16.
        assertEquals(10 - 1e-5 * 16, s.reward, 1e-12);
        env.setState(new double[] {0, 0, 0.2, 0}, s);
        env.step(new double[] {0}, s);
        assertFalse(s.terminated);
        env.setState(new double[] {0, 0, 0.2, 1e-6}, s);
        env.step(new double[] {0}, s);
        assertTrue(s.terminated);
        // Force is clipped to ±10 N, so 50 N and 10 N give the same motion.
        env.setState(new double[] {0, 0, 0, 0}, s);
        env.step(new double[] {50}, s);
        double v50 = s.observation[1];
        env.setState(new double[] {0, 0, 0, 0}, s);
        env.step(new double[] {10}, s);
        assertEquals(s.observation[1], v50, 0.0);
        assertEquals(0.02 * 400.0 / 41.0, v50, 1e-15); // CartPole-v1's first step: same dynamics
    }

    @Test
    void swingUpStartsHangingAndPunishesLeavingTheTrack() {
        Env env = EnvRegistry.make("CartPoleSwingUp-rllab");
        Step s = Step.of(env);
        for (long seed = 0; seed < 20; seed++) {
            env.reset(seed, s);
            assertTrue(Math.abs(s.observation[2]) >= Math.PI - 1 - 1e-12, "starts hanging: " + s.observation[2]);
        }
        env.setState(new double[] {0, 0, Math.PI, 0}, s);
        env.step(new double[] {0}, s);
        assertEquals(-1.0, s.reward, 1e-12); // hanging straight down: cos π
        env.setState(new double[] {3, 1, 0, 0}, s);
        env.step(new double[] {0}, s);
        assertTrue(s.terminated);
        assertEquals(-100.0, s.reward);
    }

    @Test
    void mountainCarRewardIsHeightMinusOne() {
        MountainCarRllab env = new MountainCarRllab();
        Step s = Step.of(env);
        env.setState(new double[] {-Math.PI / 6, 0}, s); // the valley floor: height 0.1
        env.step(new double[] {0}, s);
        assertEquals(-0.9, s.reward, 1e-6);
        env.setState(new double[] {0.59, 0.03}, s);
        env.step(new double[] {1}, s);
        assertTrue(s.terminated);
        assertEquals(0.6, s.observation[0], 0.0);
    }

    @Test
    void acrobotRewardIsTipDistanceFromTheTop() {
        AcrobotSwingUp env = new AcrobotSwingUp();
        Step s = Step.of(env);
        env.setState(new double[] {0, 0, 0, 0}, s);
        env.step(new double[] {0}, s);
        assertEquals(-4.0, s.reward, 1e-9); // hanging: tip at (0, -2), target (0, 2)
        env.setState(new double[] {Math.PI, 0, 0, 0}, s);
        env.step(new double[] {0}, s);
        assertEquals(0.0, s.reward, 1e-9);
        assertFalse(s.terminated);
    }
}
