package io.gauntlet.envs.rllab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static io.gauntlet.envs.TestSteps.everyReset;
import static io.gauntlet.envs.TestSteps.stepFrom;

import io.gauntlet.core.env.Env;
import io.gauntlet.core.env.EnvRegistry;
import io.gauntlet.core.env.Step;
import org.junit.jupiter.api.Test;

class RllabTasksTest {
    @Test
    void balancingRewardAndThresholds() {
        CartPoleBalancing env = new CartPoleBalancing();
        // theta stays 0 after one Euler step from rest: reward = 10 - 0 - 1e-5 * 16.
        assertEquals(10 - 1e-5 * 16, stepFrom(env, new double[] {0, 0, 0, 0}, 4).reward, 1e-12);
        assertFalse(stepFrom(env, new double[] {0, 0, 0.2, 0}, 0).terminated);
        assertTrue(stepFrom(env, new double[] {0, 0, 0.2, 1e-6}, 0).terminated);
        // Force is clipped to ±10 N, so 50 N and 10 N give the same motion.
        double v50 = stepFrom(env, new double[] {0, 0, 0, 0}, 50).observation[1];
        assertEquals(stepFrom(env, new double[] {0, 0, 0, 0}, 10).observation[1], v50, 0.0);
        assertEquals(0.02 * 400.0 / 41.0, v50, 1e-15); // CartPole-v1's first step: same dynamics
    }

    @Test
    void swingUpStartsHangingAndPunishesLeavingTheTrack() {
        Env env = EnvRegistry.make("CartPoleSwingUp-rllab");
        everyReset(env, 20, s -> assertTrue(Math.abs(s.observation[2]) >= Math.PI - 1 - 1e-12, "starts hanging: " + s.observation[2]));
        assertEquals(-1.0, stepFrom(env, new double[] {0, 0, Math.PI, 0}, 0).reward, 1e-12); // hanging straight down: cos π
        Step off = stepFrom(env, new double[] {3, 1, 0, 0}, 0);
        assertTrue(off.terminated);
        assertEquals(-100.0, off.reward);
    }

    @Test
    void mountainCarRewardIsHeightMinusOne() {
        MountainCarRllab env = new MountainCarRllab();
        assertEquals(-0.9, stepFrom(env, new double[] {-Math.PI / 6, 0}, 0).reward, 1e-6); // the valley floor: height 0.1
        Step goal = stepFrom(env, new double[] {0.59, 0.03}, 1);
        assertTrue(goal.terminated);
        assertEquals(0.6, goal.observation[0], 0.0);
    }

    @Test
    void acrobotRewardIsTipDistanceFromTheTop() {
        AcrobotSwingUp env = new AcrobotSwingUp();
        assertEquals(-4.0, stepFrom(env, new double[] {0, 0, 0, 0}, 0).reward, 1e-9); // hanging: tip at (0, -2), target (0, 2)
        Step top = stepFrom(env, new double[] {Math.PI, 0, 0, 0}, 0);
        assertEquals(0.0, top.reward, 1e-9);
        assertFalse(top.terminated);
    }
}
