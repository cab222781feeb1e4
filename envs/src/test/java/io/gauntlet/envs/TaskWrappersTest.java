package io.gauntlet.envs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gauntlet.core.BadInputException;
import io.gauntlet.core.env.Box;
import io.gauntlet.core.env.Discrete;
import io.gauntlet.core.env.Env;
import io.gauntlet.core.env.EnvRegistry;
import io.gauntlet.core.env.EnvSpec;
import io.gauntlet.core.env.Step;
import io.gauntlet.core.random.Rng;
import io.gauntlet.core.stats.RunningMeanStd;
import io.gauntlet.core.wrappers.NormalizeObservation;
import io.gauntlet.core.wrappers.TimeLimit;
import io.gauntlet.envs.classic.CartPole;
import io.gauntlet.envs.classic.Pendulum;
import org.junit.jupiter.api.Test;

/** The standard wrappers on real tasks and through env-id suffixes. */
class TaskWrappersTest {
    @Test
    void limitedSensorsKeepOnlyPositions() {
        Env env = EnvRegistry.make("CartPole-v1:limited-sensors");
        assertEquals(2, env.observationSpace().flatDim());
        Step s = Step.of(env);
        env.setState(new double[] {0.1, 0.2, 0.03, 0.4}, s);
        assertArrayEquals(new double[] {0.1, 0.03}, s.observation, 0.0);
        env.step(new double[] {1}, s);
        double[] st = env.state();
        assertArrayEquals(new double[] {st[0], st[2]}, s.observation, 0.0);
        assertEquals(1.0, s.reward);
    }

    @Test
    void rescaledActionMapsOntoTheBox() {
        Env env = EnvRegistry.make("Pendulum-v1:rescale-action");
        Step s = Step.of(env);
        assertEquals(Box.uniform(1, -1, 1), env.actionSpace());
        env.setState(new double[] {0, 0}, s);
        env.step(new double[] {1}, s); // torque +2: cost 0.001 * 4 (the control term is float32, as in Gymnasium)
        assertEquals(-0.004, s.reward, 1e-9);
        env.setState(new double[] {0, 0}, s);
        env.step(new double[] {-0.25}, s); // torque -0.5
        assertEquals(-0.001 * 0.25, s.reward, 1e-9);
        assertThrows(BadInputException.class, () -> EnvRegistry.spec("CartPole-v1:rescale-action"));
    }

    @Test
    void systemIdentificationResamplesParametersPerEpisodeWithinTheSpread() {
        Env env = EnvRegistry.make("CartPole-v1:system-id=0.3");
        CartPole task = (CartPole) env.unwrapped();
        double[] nominal = new CartPole().parameters();
        Step s = Step.of(env);
        env.reset(4, s);
        double[] first = task.parameters();
        for (int i = 0; i < nominal.length; i++) {
            assertTrue(first[i] >= 0.7 * nominal[i] && first[i] <= 1.3 * nominal[i]);
        }
        env.reset(s);
        assertFalse(java.util.Arrays.equals(first, task.parameters()), "resampled on the next episode");
        env.reset(4, s);
        assertArrayEquals(first, task.parameters(), 0.0, "same seed, same parameters");
        // The parameters change the dynamics: a heavier push moves the cart faster.
        task.setParameters(new double[] {9.8, 1.0, 0.1, 0.5, 20});
        env.setState(new double[] {0, 0, 0, 0}, s);
        env.step(new double[] {1}, s);
        assertEquals(2 * 0.02 * 400.0 / 41.0, s.observation[1], 1e-15);
    }

    @Test
    void timeLimitSuffixReplacesTheStandardLimit() {
        EnvSpec spec = EnvRegistry.spec("Pendulum-v1:time-limit=10:normalize-obs");
        assertEquals(10, spec.maxEpisodeSteps());
        assertEquals("Pendulum-v1:time-limit=10:normalize-obs", spec.id());
        Env env = spec.make();
        Step s = Step.of(env);
        env.reset(0, s);
        for (int t = 1; t <= 10; t++) {
            env.step(new double[] {0}, s);
            assertEquals(t == 10, s.truncated);
        }
        Env longer = EnvRegistry.make("Pendulum-v1:time-limit=300");
        longer.reset(0, s);
        for (int t = 1; t <= 300; t++) {
            longer.step(new double[] {0}, s);
            assertEquals(t == 300, s.truncated, "step " + t);
        }
    }

    @Test
    void badSuffixesAreUserErrors() {
        assertThrows(BadInputException.class, () -> EnvRegistry.spec("Pendulum-v1:bogus"));
        assertThrows(BadInputException.class, () -> EnvRegistry.spec("Pendulum-v1:normalize-obs:time-limit=5"));
        assertThrows(BadInputException.class, () -> EnvRegistry.spec("Pendulum-v1:time-limit"));
        assertThrows(BadInputException.class, () -> EnvRegistry.spec("Pendulum-v1:time-limit=-3"));
        assertThrows(BadInputException.class, () -> EnvRegistry.spec("Pendulum-v1:noisy-obs=abc"));
        assertThrows(BadInputException.class, () -> EnvRegistry.spec("Pendulum-v1:normalize-obs=1"));
        assertThrows(BadInputException.class, () -> EnvRegistry.spec("Pendulum-v1:system-id=1.5"));
        assertThrows(BadInputException.class, () -> EnvRegistry.spec("Nope-v0"));
    }

    @Test
    void everyWrapperComposesWithEveryTask() {
        String[] suffixes = {"normalize-obs", "normalize-reward", "scale-reward=0.1", "limited-sensors", "noisy-obs",
                "delay-actions=2", "noisy-delayed", "system-id", "normalize-obs=welford"};
        Rng rng = new Rng(3);
        for (EnvSpec base : EnvRegistry.all()) {
            for (String suffix : suffixes) {
                Env env = EnvRegistry.make(base.id() + ":" + suffix);
                Step s = Step.of(env);
                double[] a = new double[env.actionSpace().flatDim()];
                env.reset(1, s);
                for (int t = 0; t < 50; t++) {
                    env.actionSpace().sample(rng, a);
                    env.step(a, s);
                    for (double v : s.observation) assertTrue(Double.isFinite(v), base.id() + ":" + suffix);
                    assertTrue(Double.isFinite(s.reward));
                    if (s.done()) env.reset(s);
                }
            }
        }
        assertNotEquals(0, EnvRegistry.wrappers().size());
        for (var w : EnvRegistry.wrappers()) assertFalse(w.description().isBlank());
    }

    @Test
    void normalisedPendulumDiffersFromRawOnlyByTheAffineMap() {
        Env raw = new TimeLimit(new Pendulum(), 200);
        NormalizeObservation norm = new NormalizeObservation(new TimeLimit(new Pendulum(), 200));
        Step r = Step.of(raw);
        Step n = Step.of(norm);
        raw.reset(2, r);
        norm.reset(2, n);
        for (int t = 0; t < 20; t++) {
            raw.step(new double[] {1}, r);
            norm.step(new double[] {1}, n);
            RunningMeanStd st = norm.statistics();
            for (int i = 0; i < 3; i++) {
                assertEquals((r.observation[i] - st.mean(i)) / Math.sqrt(st.var(i) + 1e-8), n.observation[i], 1e-12);
            }
            assertEquals(r.reward, n.reward, 0.0);
        }
    }
}
