package io.gauntlet.envs.locomotion;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gauntlet.core.env.Env;
import io.gauntlet.core.env.Step;
import io.gauntlet.core.random.Rng;
import io.gauntlet.core.wrappers.TimeLimit;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * One million random-action env steps in total across the six tasks (the cheap pendulums take more of them),
 * in 1000-step episodes with resets on termination; Hopper and Walker2d keep going after a fall, which is the
 * harder case for contacts (tumbling bodies). Nothing may become NaN or blow up, nothing may sink through the
 * ground beyond the soft contacts' give (a tumbling hopper lands a few centimetres deep, as in MuJoCo), and joint
 * limits must hold within 0.1 rad. Takes about 20–60 s.
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
        Step s = Step.of(env);
        env.reset(17, s);
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
        assertTrue(worst[0] < maxSpeed, task.id + ": speed blew up to " + worst[0]);
        assertTrue(worst[1] < 0.1, task.id + ": sank " + worst[1] + " m into the ground");
        assertTrue(worst[2] < 1, task.id + ": joint limit exceeded by " + worst[2] + " rad");
    }

    @Test
    void oneMillionRandomStepsAcrossAllTasks() {
        stress(InvertedPendulum::new, 200_000, 100);
        stress(InvertedDoublePendulum::new, 200_000, 100);
        stress(Swimmer::new, 150_000, 100);
        stress(() -> new Hopper(false), 150_000, 200);
        stress(() -> new Walker2d(false), 150_000, 200);
        stress(HalfCheetah::new, 150_000, 200);
    }
}
