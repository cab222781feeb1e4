package io.gauntlet.envs.locomotion;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gauntlet.core.env.Env;
import io.gauntlet.core.env.Step;
import io.gauntlet.core.random.Rng;
import io.gauntlet.core.wrappers.TimeLimit;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * One million random-action env steps per task, in 1000-step episodes with resets on termination; Hopper and
 * Walker2d keep going after a fall, which is the harder case for contacts (tumbling bodies). Nothing may become NaN
 * or blow up, nothing may sink through the ground beyond the soft contacts' give (a tumbling hopper lands a few
 * centimetres deep, as in MuJoCo), and joint limits must hold within 1 rad (MuJoCo's soft limits give under tumbling
 * impacts). The tasks run two at a time.
 */
class LocomotionMillionStepTest {
    /**
     * Random steps of a task under its time limit, resetting when an episode ends; every observation must be finite.
     * Returns the fastest dof speed, the deepest reach into the ground and the worst limit excursion seen, the last
     * two read after every step by {@code depth} and {@code excursion}.
     */
    static double[] stress(PhysicsTask task, int limit, int steps, ToDoubleFunction<PhysicsTask> depth,
                           ToDoubleFunction<PhysicsTask> excursion) {
        Env env = new TimeLimit(task, limit);
        Step s = Step.afterReset(env, 17);
        Rng rng = new Rng(99);
        double[] act = new double[env.actionSpace().flatDim()];
        double deepest = 0, worstLimit = 0, fastest = 0;
        for (int k = 0; k < steps; k++) {
            env.actionSpace().sample(rng, act);
            env.step(act, s);
            for (double v : s.observation) {
                if (!Double.isFinite(v)) throw new AssertionError(task.id + ": non-finite observation at step " + k);
            }
            double[] state = task.state();
            for (int i = task.nq; i < state.length; i++) fastest = Math.max(fastest, Math.abs(state[i]));
            deepest = Math.max(deepest, depth.applyAsDouble(task));
            worstLimit = Math.max(worstLimit, excursion.applyAsDouble(task));
            if (s.done()) env.reset(s);
        }
        return new double[] {fastest, deepest, worstLimit};
    }

    static void stress(Supplier<PlanarTask> factory, int steps, double maxSpeed) {
        PlanarTask task = factory.get();
        double[] worst = stress(task, 1000, steps, t -> -((PlanarTask) t).sim().lowestContactGap(),
                t -> ((PlanarTask) t).sim().worstLimitViolation());
        System.out.printf("%s: %,d random steps, fastest dof %.1f, deepest contact %.3f m, worst limit excursion %.3f rad%n",
                task.id, steps, worst[0], worst[1], worst[2]);
        assertTrue(worst[0] < maxSpeed, task.id + ": speed blew up to " + worst[0]);
        assertTrue(worst[1] < 0.1, task.id + ": sank " + worst[1] + " m into the ground");
        assertTrue(worst[2] < 1, task.id + ": joint limit exceeded by " + worst[2] + " rad");
    }

    /** Runs the checks two at a time (the machines have two cores); the first failure is rethrown. */
    static void inParallel(List<Runnable> checks) {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> running = checks.stream().<Future<?>>map(pool::submit).toList();
            for (Future<?> f : running) f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error err) throw err;
            throw new AssertionError(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void oneMillionRandomStepsPerTask() {
        inParallel(List.of(
                () -> stress(InvertedPendulum::new, 1_000_000, 100),
                () -> stress(InvertedDoublePendulum::new, 1_000_000, 100),
                () -> stress(Swimmer::new, 1_000_000, 100),
                () -> stress(() -> new Hopper(false), 1_000_000, 200),
                () -> stress(() -> new Walker2d(false), 1_000_000, 200),
                () -> stress(HalfCheetah::new, 1_000_000, 200)));
    }
}
