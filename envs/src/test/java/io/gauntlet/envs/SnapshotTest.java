package io.gauntlet.envs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gauntlet.core.env.Env;
import io.gauntlet.core.env.EnvRegistry;
import io.gauntlet.core.env.EnvSpec;
import io.gauntlet.core.env.Step;
import io.gauntlet.core.env.VectorEnv;
import io.gauntlet.core.random.Rng;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * {@link Env#snapshot()} / {@link Env#restore}: an env restored into a fresh instance continues exactly as an
 * uninterrupted twin that never took a snapshot (the independent truth), through episode ends and resets, for
 * every registered task alone and under every stateful wrapper.
 */
class SnapshotTest {
    /** Every stateful wrapper, with a time limit short enough for several episodes in the test. */
    private static final String ALL_WRAPPERS = ":time-limit=25:system-id=0.3:delay-actions=2:noisy-obs:normalize-obs:normalize-reward";

    static List<String> ids() {
        List<String> ids = new ArrayList<>();
        for (EnvSpec s : EnvRegistry.all()) {
            ids.add(s.id());
            ids.add(s.id() + ALL_WRAPPERS);
        }
        ids.add("Acrobot-v1:time-limit=30:limited-sensors:normalize-obs");
        ids.add("MountainCarContinuous-v0:time-limit=20:noisy-delayed:rescale-action:scale-reward=3");
        ids.add("Hopper-planar-v0:time-limit=30:limited-sensors:noisy-obs");
        return ids;
    }

    @ParameterizedTest
    @MethodSource("ids")
    void restoredEnvContinuesBitIdentically(String id) {
        EnvSpec spec = EnvRegistry.spec(id);
        Env original = spec.make(), truth = spec.make(), restored = spec.make();
        Step so = Step.of(original), st = Step.of(truth), sr = Step.of(restored);
        original.reset(42, so);
        truth.reset(42, st);
        Rng actions = new Rng(7);
        double[] a = new double[original.actionSpace().flatDim()];
        for (int k = 0; k < 37; k++) {
            original.actionSpace().sample(actions, a);
            stepBoth(original, so, truth, st, a);
        }

        double[] snapshot = original.snapshot();
        restored.restore(snapshot, sr);
        assertArrayEquals(so.observation, sr.observation, "observation after restore");
        assertArrayEquals(snapshot, restored.snapshot(), "a restored env snapshots as the original");

        int resets = 0;
        boolean wrapped = id.contains("time-limit");
        for (int k = 0; k < (wrapped ? 120 : 60); k++) {
            original.actionSpace().sample(actions, a);
            truth.step(a, st);
            original.step(a, so);
            restored.step(a, sr);
            assertSameStep(st, so, "step " + k + " of the snapshotted env");
            assertSameStep(st, sr, "step " + k + " of the restored env");
            if (st.done()) {
                truth.reset(st);
                original.reset(so);
                restored.reset(sr);
                assertSameStep(st, sr, "reset after step " + k);
                resets++;
            }
        }
        if (wrapped) assertTrue(resets >= 2, "the test should cross episode ends, crossed " + resets);
    }

    /** Steps the snapshotted env and its never-snapshotted twin (they must agree), resetting both on an episode end. */
    private static int stepBoth(Env original, Step so, Env truth, Step st, double[] a) {
        original.step(a, so);
        truth.step(a, st);
        assertSameStep(st, so, "taking a snapshot must not disturb the env");
        if (!st.done()) return 0;
        original.reset(so);
        truth.reset(st);
        assertSameStep(st, so, "reset");
        return 1;
    }

    private static void assertSameStep(Step expected, Step actual, String where) {
        assertArrayEquals(expected.observation, actual.observation, where + ": observation");
        assertEquals(expected.reward, actual.reward, where + ": reward"); // JUnit compares doubles bit for bit
        assertEquals(expected.terminated, actual.terminated, where + ": terminated");
        assertEquals(expected.truncated, actual.truncated, where + ": truncated");
        assertArrayEquals(expected.diagnostics, actual.diagnostics, where + ": diagnostics");
    }

    @Test
    void wrongLengthIsRejectedWithAClearMessage() {
        Env env = EnvRegistry.make("CartPole-v1");
        Step out = Step.of(env);
        env.reset(1, out);
        double[] snapshot = env.snapshot();
        IllegalArgumentException longer = assertThrows(IllegalArgumentException.class,
                () -> EnvRegistry.make("CartPole-v1").restore(Arrays.copyOf(snapshot, snapshot.length + 1), out));
        assertTrue(longer.getMessage().contains("values"), longer.getMessage());
        // The task itself names its id and the expected length.
        double[] task = EnvRegistry.make("CartPole-v1").unwrapped().snapshot();
        IllegalArgumentException bare = assertThrows(IllegalArgumentException.class,
                () -> new io.gauntlet.envs.classic.CartPole().restore(Arrays.copyOf(task, task.length + 1), out));
        assertTrue(bare.getMessage().contains("CartPole-v1: snapshot has " + (task.length + 1) + " values, expected " + task.length),
                bare.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> EnvRegistry.make("CartPole-v1").restore(Arrays.copyOf(snapshot, snapshot.length - 1), out));
        assertThrows(IllegalArgumentException.class, () -> EnvRegistry.make("CartPole-v1").restore(new double[0], out));
    }

    @Test
    void snapshotOfAnotherEnvIsRejected() {
        Env cartPole = EnvRegistry.make("CartPole-v1");
        cartPole.reset(1, Step.of(cartPole));
        double[] snapshot = cartPole.snapshot();
        Env normalized = EnvRegistry.make("CartPole-v1:normalize-obs");
        Step out = Step.of(normalized);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> normalized.restore(snapshot, out));
        assertTrue(e.getMessage().contains("NormalizeObservation") || e.getMessage().contains("CartPole"), e.getMessage());
        Env mountainCar = EnvRegistry.make("MountainCar-v0");
        assertThrows(IllegalArgumentException.class, () -> mountainCar.restore(snapshot, Step.of(mountainCar)));
    }

    @Test
    void aRejectedSnapshotLeavesTheEnvAsItWas() {
        Env env = EnvRegistry.make("Pendulum-v1:normalize-obs"), twin = EnvRegistry.make("Pendulum-v1:normalize-obs");
        Step se = Step.of(env), st = Step.of(twin);
        env.reset(3, se);
        twin.reset(3, st);
        double[] good = env.snapshot();
        assertThrows(IllegalArgumentException.class, () -> env.restore(Arrays.copyOf(good, good.length - 2), se));
        double[] a = {0.5};
        for (int k = 0; k < 10; k++) {
            env.step(a, se);
            twin.step(a, st);
            assertSameStep(st, se, "step " + k);
        }
    }

    @Test
    void vectorEnvContinuesEveryCopyMidEpisode() {
        EnvSpec spec = EnvRegistry.spec("CartPoleSwingUp-rllab:time-limit=15:normalize-obs:normalize-reward");
        VectorEnv original = VectorEnv.of(spec, 3), truth = VectorEnv.of(spec, 3), restored = VectorEnv.of(spec, 3);
        original.reset(5);
        truth.reset(5);
        Rng rng = new Rng(11);
        double[] actions = new double[3];
        for (int k = 0; k < 23; k++) {
            original.sampleActions(rng, actions);
            original.step(actions);
            truth.step(actions);
        }
        restored.restore(original.snapshot());
        assertArrayEquals(truth.observations, restored.observations);
        int ends = 0;
        for (int k = 0; k < 40; k++) {
            original.sampleActions(rng, actions);
            truth.step(actions);
            restored.step(actions);
            assertArrayEquals(truth.observations, restored.observations, "step " + k);
            assertArrayEquals(truth.rewards, restored.rewards, "step " + k);
            assertArrayEquals(truth.truncated, restored.truncated, "step " + k);
            assertArrayEquals(truth.terminated, restored.terminated, "step " + k);
            assertArrayEquals(truth.episodeReturns, restored.episodeReturns, "step " + k);
            assertArrayEquals(truth.episodeLengths, restored.episodeLengths, "step " + k);
            for (int i = 0; i < 3; i++) if (truth.truncated[i] || truth.terminated[i]) ends++;
        }
        assertTrue(ends >= 3, "episode ends crossed: " + ends);

        VectorEnv two = VectorEnv.of(spec, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> two.restore(original.snapshot()));
        assertTrue(e.getMessage().contains("copies"), e.getMessage());
    }
}
