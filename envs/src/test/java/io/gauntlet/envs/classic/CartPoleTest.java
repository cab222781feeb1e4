package io.gauntlet.envs.classic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gauntlet.core.env.Env;
import io.gauntlet.core.env.EnvRegistry;
import io.gauntlet.core.env.Step;
import org.junit.jupiter.api.Test;

class CartPoleTest {
    private final CartPole env = new CartPole();
    private final Step step = Step.of(env);

    @Test
    void firstStepFromRestMatchesHandDerivation() {
        // From rest with force +10: temp = F/M = 100/11; thetaacc = -temp / (l (4/3 - mp/M)) = -(100/11)/(41/66)
        // = -600/41; xacc = temp - mp l thetaacc / M = 100/11 + 300/451 = 400/41. Euler moves positions with the
        // old (zero) velocities, so x and theta stay 0.
        env.setState(new double[] {0, 0, 0, 0}, step);
        env.step(new double[] {1}, step);
        assertEquals(0.0, step.observation[0], 0.0);
        assertEquals(0.02 * 400.0 / 41.0, step.observation[1], 1e-15);
        assertEquals(0.0, step.observation[2], 0.0);
        assertEquals(0.02 * -600.0 / 41.0, step.observation[3], 1e-15);
        assertEquals(1.0, step.reward);
        assertFalse(step.terminated);

        // Second step: positions advance with the first step's velocities, exactly tau * v.
        env.step(new double[] {0}, step);
        assertEquals(0.02 * (0.02 * 400.0 / 41.0), step.observation[0], 1e-17);
        assertEquals(0.02 * (0.02 * -600.0 / 41.0), step.observation[2], 1e-17);
    }

    @Test
    void pushLeftIsTheMirrorOfPushRight() {
        env.setState(new double[] {0.01, -0.02, 0.03, 0.04}, step);
        env.step(new double[] {1}, step);
        double[] right = step.observation.clone();
        env.setState(new double[] {-0.01, 0.02, -0.03, -0.04}, step);
        env.step(new double[] {0}, step);
        for (int i = 0; i < 4; i++) assertEquals(-right[i], step.observation[i], 1e-16);
    }

    @Test
    void terminatesExactlyBeyondTheThresholds() {
        // x stays exactly at 2.4 (zero velocity): not beyond the threshold.
        env.setState(new double[] {2.4, 0, 0, 0}, step);
        env.step(new double[] {1}, step);
        assertFalse(step.terminated);
        env.setState(new double[] {2.4, 1e-6, 0, 0}, step);
        env.step(new double[] {1}, step);
        assertTrue(step.terminated);
        assertEquals(1.0, step.reward, "the terminal step is rewarded too");
        env.setState(new double[] {-2.4, -1e-6, 0, 0}, step);
        env.step(new double[] {0}, step);
        assertTrue(step.terminated);

        double limit = 12 * 2 * Math.PI / 360; // 0.20944 rad
        env.setState(new double[] {0, 0, limit, 0}, step);
        env.step(new double[] {0}, step);
        assertFalse(step.terminated);
        env.setState(new double[] {0, 0, limit, 1e-6}, step);
        env.step(new double[] {0}, step);
        assertTrue(step.terminated);
        env.setState(new double[] {0, 0, -limit, -1e-6}, step);
        env.step(new double[] {1}, step);
        assertTrue(step.terminated);
    }

    @Test
    void resetIsUniformInFiveHundredthsAndSeeded() {
        Env a = EnvRegistry.make("CartPole-v1");
        Step s = Step.of(a);
        a.reset(7, s);
        double[] first = s.observation.clone();
        for (double v : first) assertTrue(Math.abs(v) <= 0.05);
        a.reset(7, s);
        for (int i = 0; i < 4; i++) assertEquals(first[i], s.observation[i], 0.0);
    }

    @Test
    void rejectsActionsOutsideZeroOne() {
        env.setState(new double[] {0, 0, 0, 0}, step);
        assertThrows(IllegalArgumentException.class, () -> env.step(new double[] {2}, step));
        assertThrows(IllegalArgumentException.class, () -> env.step(new double[] {Double.NaN}, step));
        assertThrows(IllegalArgumentException.class, () -> env.setState(new double[] {0, 0, 0}, step));
    }

    @Test
    void registeredWithFiveHundredStepLimit() {
        Env e = EnvRegistry.make("CartPole-v1");
        Step s = Step.of(e);
        e.setState(new double[] {0, 0, 0, 0}, s);
        // A linear bang-bang controller keeps the pole up and the cart near 0 for the whole episode.
        for (int t = 1; t <= 500; t++) {
            double[] o = s.observation;
            double u = 10 * o[2] + 2 * o[3] + 0.1 * o[0] + 0.5 * o[1];
            e.step(new double[] {u > 0 ? 1 : 0}, s);
            assertFalse(s.terminated, "fell at step " + t);
            assertEquals(t == 500, s.truncated, "truncation at step " + t);
        }
    }
}
