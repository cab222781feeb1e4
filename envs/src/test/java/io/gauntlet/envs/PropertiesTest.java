package io.gauntlet.envs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gauntlet.core.env.Box;
import io.gauntlet.core.env.Env;
import io.gauntlet.core.env.EnvRegistry;
import io.gauntlet.core.env.Step;
import io.gauntlet.core.random.Rng;
import java.util.function.Consumer;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/** Random actions (continuous ones up to 3x outside the box) never produce a NaN or leave the documented bounds. */
class PropertiesTest {
    private static final String[] TASKS = {"CartPole-v1", "MountainCar-v0", "MountainCarContinuous-v0", "Pendulum-v1",
            "Acrobot-v1", "CartPoleBalancing-rllab", "CartPoleSwingUp-rllab", "MountainCar-rllab", "AcrobotSwingUp-rllab"};

    @Property(tries = 60)
    void randomActionsStayFiniteAndInBounds(@ForAll @IntRange(min = 0, max = 8) int task, @ForAll long seed,
            @ForAll @DoubleRange(min = 1, max = 3) double overdrive) {
        Env env = EnvRegistry.make(TASKS[task]);
        Step s = Step.of(env);
        Rng rng = new Rng(seed);
        double[] a = new double[env.actionSpace().flatDim()];
        env.reset(seed, s);
        for (int t = 0; t < 600; t++) {
            env.actionSpace().sample(rng, a);
            if (env.actionSpace() instanceof Box) for (int i = 0; i < a.length; i++) a[i] *= overdrive;
            env.step(a, s);
            assertTrue(Double.isFinite(s.reward), TASKS[task] + " reward " + s.reward);
            assertTrue(env.observationSpace().contains(s.observation),
                    TASKS[task] + " observation out of bounds at step " + t + ": " + java.util.Arrays.toString(s.observation));
            if (s.done()) env.reset(s);
        }
    }

    /** Resets {@code env} with {@code seed}, then takes random actions (drawn from a stream seeded alike) until the episode ends or {@code maxSteps}, checking each step. */
    private static void randomEpisode(Env env, long seed, int maxSteps, Consumer<Step> check) {
        Step s = Step.of(env);
        Rng rng = new Rng(seed);
        double[] a = new double[1];
        env.reset(seed, s);
        for (int t = 0; t < maxSteps && !s.done(); t++) {
            env.actionSpace().sample(rng, a);
            env.step(a, s);
            check.accept(s);
        }
    }

    @Property(tries = 40)
    void acrobotStateStaysInItsBounds(@ForAll long seed) {
        Env env = EnvRegistry.make("Acrobot-v1");
        randomEpisode(env, seed, 500, s -> {
            double[] st = env.state();
            assertTrue(st[0] >= -Math.PI && st[0] <= Math.PI && st[1] >= -Math.PI && st[1] <= Math.PI);
            assertTrue(Math.abs(st[2]) <= 4 * Math.PI && Math.abs(st[3]) <= 9 * Math.PI);
        });
    }

    @Property(tries = 40)
    void mountainCarNeverPassesTheWallsOrSpeedLimit(@ForAll long seed) {
        for (String id : new String[] {"MountainCar-v0", "MountainCarContinuous-v0"}) {
            randomEpisode(EnvRegistry.make(id), seed, 200, s -> {
                // MountainCarContinuous stores its state as float32: the walls are float32(-1.2) and float32(0.6).
                assertTrue(s.observation[0] >= (float) -1.2 && s.observation[0] <= (float) 0.6);
                assertTrue(Math.abs(s.observation[1]) <= (float) 0.07);
                if (s.observation[0] <= -1.2) assertTrue(s.observation[1] >= 0, "wall stops the car");
            });
        }
    }
}
