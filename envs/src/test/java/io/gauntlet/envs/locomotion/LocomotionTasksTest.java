package io.gauntlet.envs.locomotion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static io.gauntlet.envs.TestSteps.stepFrom;

import io.gauntlet.core.env.Box;
import io.gauntlet.core.env.Env;
import io.gauntlet.core.env.EnvRegistry;
import io.gauntlet.core.env.Step;
import io.gauntlet.core.random.Rng;
import io.gauntlet.core.wrappers.TimeLimit;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Each task's observation layout, reward terms and termination, checked by construction from the state. */
class LocomotionTasksTest {
    static final String[] IDS = {InvertedPendulum.ID, InvertedDoublePendulum.ID, Swimmer.ID, Hopper.ID, Walker2d.ID, HalfCheetah.ID};
    static final int[][] DIMS = {{4, 1, 2}, {9, 1, 3}, {8, 2, 5}, {11, 3, 6}, {17, 6, 9}, {17, 6, 9}}; // obs, act, nv

    @Test
    void registeredUnderOwnIdsWithTheThousandStepLimit() {
        for (int i = 0; i < IDS.length; i++) {
            Env env = EnvRegistry.make(IDS[i]);
            assertTrue(env instanceof TimeLimit t && t.maxEpisodeSteps() == 1000, IDS[i]);
            assertEquals(1000, EnvRegistry.spec(IDS[i]).maxEpisodeSteps());
            assertEquals(DIMS[i][0], env.observationSpace().flatDim(), IDS[i]);
            assertEquals(DIMS[i][1], env.actionSpace().flatDim(), IDS[i]);
            Step s = Step.afterReset(env, 1);
            assertEquals(2 * DIMS[i][2], env.state().length, IDS[i]);
            assertFalse(IDS[i].endsWith("-v5") || IDS[i].endsWith("-v4"), "must not claim Gymnasium's id");
        }
        assertEquals(new Box(new double[] {-3}, new double[] {3}), new InvertedPendulum().actionSpace());
    }

    @Test
    void halfCheetahObservationAndReward() {
        HalfCheetah env = new HalfCheetah();
        Step s = Step.of(env);
        double[] state = new double[18];
        for (int i = 0; i < 18; i++) state[i] = 0.01 * (i + 1);
        state[1] = 0.1; // rootz: a little below the reference height
        env.setState(state, s);
        assertArrayEquals(Arrays.copyOfRange(state, 1, 18), s.observation, 0);
        double[] a = {0.5, -0.2, 0.3, 1.0, -1.0, 0.0};
        double x0 = env.state()[0];
        env.step(a, s);
        double x1 = env.state()[0];
        double forward = (x1 - x0) / (0.01 * 5);
        double ctrl = 0.1 * (0.25 + 0.04 + 0.09 + 1 + 1);
        assertEquals(forward, s.diagnostics[0], 1e-12);
        assertEquals(-ctrl, s.diagnostics[1], 1e-12);
        assertEquals(forward - ctrl, s.reward, 1e-12);
        assertEquals(x1, s.diagnostics[2], 0);
        assertFalse(s.terminated);
        double[] after = env.state();
        assertArrayEquals(Arrays.copyOfRange(after, 1, 18), s.observation, 0);
    }

    @Test
    void hopperObservationRewardAndHealth() {
        Hopper env = new Hopper();
        Step s = Step.afterReset(env, 3);
        double[] st = env.state();
        assertEquals(1.25, st[1], 0.01, "rootz reads 1.25 in the initial pose");
        st[9] = 50; // thigh velocity: clipped to 10 in the observation
        env.setState(st, s);
        assertEquals(10, s.observation[5 + 3], 0);
        assertArrayEquals(Arrays.copyOfRange(st, 1, 6), Arrays.copyOfRange(s.observation, 0, 5), 0);
        st[9] = 0.5;
        env.setState(st, s);
        double[] a = {0.1, 0.2, -0.3};
        double x0 = st[0];
        env.step(a, s);
        double forward = (env.state()[0] - x0) / (0.002 * 4);
        assertTrue(env.isHealthy());
        assertEquals(forward + 1 - 1e-3 * 0.14, s.reward, 1e-12);
        assertEquals(1, s.diagnostics[2], 0);
        // unhealthy: torso too low → terminates, no survive reward
        double[] low = new double[12];
        low[1] = 0.6;
        env.setState(low, s);
        env.step(new double[3], s);
        assertTrue(s.terminated);
        assertEquals(0, s.diagnostics[2], 0);
        // tilted beyond 0.2 rad → unhealthy too; without termination the episode goes on
        Hopper keepGoing = new Hopper(false);
        double[] tilted = keepGoing.state();
        tilted[2] = 0.3;
        keepGoing.setState(tilted, s);
        keepGoing.step(new double[3], s);
        assertFalse(s.terminated);
        assertFalse(keepGoing.isHealthy());
    }

    @Test
    void walkerHealthRange() {
        Walker2d env = new Walker2d();
        Step s = Step.afterReset(env, 5);
        assertEquals(17, s.observation.length);
        double[] st = env.state();
        st[2] = 1.1;
        assertTrue(stepFrom(env, st, new double[6]).terminated, "|angle| ≥ 1 ends the episode");
        st = new double[18];
        st[1] = 2.1;
        assertTrue(stepFrom(env, st, new double[6]).terminated, "z ≥ 2 ends the episode");
        env.reset(5, s);
        env.step(new double[6], s);
        assertFalse(s.terminated);
        assertEquals(1, s.diagnostics[2], 0);
    }

    @Test
    void swimmerObservationExcludesPosition() {
        Swimmer env = new Swimmer();
        Step s = Step.of(env);
        double[] st = {0.3, -0.2, 0.1, 0.2, -0.3, 1, 2, 3, 4, 5};
        env.setState(st, s);
        assertArrayEquals(Arrays.copyOfRange(st, 2, 10), s.observation, 0);
        env.step(new double[] {1, -1}, s);
        double[] after = env.state();
        assertEquals((after[0] - 0.3) / 0.04 - 1e-4 * 2, s.reward, 1e-12);
        assertEquals(after[1], s.diagnostics[3], 0);
    }

    @Test
    void invertedPendulumRewardAndTermination() {
        InvertedPendulum env = new InvertedPendulum();
        Step s = Step.afterReset(env, 1);
        assertArrayEquals(env.state(), s.observation, 0);
        env.step(new double[] {0}, s);
        assertEquals(1, s.reward, 0);
        assertFalse(s.terminated);
        env.setState(new double[] {0, 0.25, 0, 0}, s);
        env.step(new double[] {0}, s);
        assertTrue(s.terminated);
        assertEquals(0, s.reward, 0);
    }

    @Test
    void doublePendulumTipRewardAndObservation() {
        InvertedDoublePendulum env = new InvertedDoublePendulum();
        Step s = Step.of(env);
        double[] st = {0.2, 0.3, -0.4, 0.5, 1.5, -2.0};
        env.setState(st, s);
        assertArrayEquals(new double[] {0.2, Math.sin(0.3), Math.sin(-0.4), Math.cos(0.3), Math.cos(-0.4), 0.5, 1.5, -2.0, 0},
                s.observation, 1e-15);
        env.step(new double[] {0.3}, s);
        double[] q = env.state();
        // the tip is 0.6 m above the second hinge, which is 0.6 m above the cart; hinges turn about +y
        double x = q[0] + 0.6 * Math.sin(q[1]) + 0.6 * Math.sin(q[1] + q[2]);
        double y = 0.6 * Math.cos(q[1]) + 0.6 * Math.cos(q[1] + q[2]);
        double expected = 10 - (0.01 * x * x + (y - 2) * (y - 2)) - (1e-3 * q[4] * q[4] + 5e-3 * q[5] * q[5]);
        assertEquals(expected, s.reward, 1e-9);
        assertFalse(s.terminated);
        env.setState(new double[] {0, 1.2, 0.5, 0, 0, 0}, s);
        env.step(new double[] {0}, s);
        assertTrue(s.terminated, "tip below 1 m");
    }

    @Test
    void doublePendulumReportsTheSliderLimitForce() {
        InvertedDoublePendulum env = new InvertedDoublePendulum();
        Step s = Step.of(env);
        env.setState(new double[] {0.995, 0, 0, 2, 0, 0}, s);
        env.step(new double[] {1}, s);
        assertTrue(s.observation[8] < -1, "the limit pushes the cart back: " + s.observation[8]);
        // the soft limit yields a little under the full 500 N, as MuJoCo's does
        assertTrue(env.state()[0] <= 1.0 + 0.02, "cart stays on the rail: " + env.state()[0]);
    }

    @Test
    void sameSeedSameTrajectoryAndNonFiniteActionsAreRejected() {
        for (String id : IDS) {
            double[] a = run(EnvRegistry.make(id), 42);
            double[] b = run(EnvRegistry.make(id), 42);
            assertArrayEquals(a, b, 0, id);
            Env env = EnvRegistry.make(id);
            Step s = Step.afterReset(env, 0);
            double[] bad = new double[env.actionSpace().flatDim()];
            bad[0] = Double.NaN;
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> env.step(bad, s));
            assertTrue(e.getMessage().contains(id), e.getMessage());
        }
    }

    static double[] run(Env env, long seed) {
        Step s = Step.afterReset(env, seed);
        Rng rng = new Rng(seed);
        double[] act = new double[env.actionSpace().flatDim()];
        for (int k = 0; k < 200; k++) {
            env.actionSpace().sample(rng, act);
            env.step(act, s);
            if (s.done()) env.reset(s);
        }
        return env.state();
    }

    @Test
    void steppingDoesNotAllocate() {
        for (String id : IDS) assertStepsWithoutAllocating(id, 3000, 2000);
    }

    /** Random steps of a registered task after a warm-up allocate (almost) nothing. */
    static void assertStepsWithoutAllocating(String id, int warmup, int steps) {
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Env env = EnvRegistry.make(id);
        Step s = Step.afterReset(env, 1);
        Rng rng = new Rng(1);
        double[] act = new double[env.actionSpace().flatDim()];
        long before = 0;
        for (int k = 0; k < warmup + steps; k++) {
            if (k == warmup) before = bean.getCurrentThreadAllocatedBytes();
            env.actionSpace().sample(rng, act);
            env.step(act, s);
            if (s.done()) env.reset(s);
        }
        long allocated = bean.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < 2048, id + " allocated " + allocated + " bytes in " + steps + " steps");
    }
}
