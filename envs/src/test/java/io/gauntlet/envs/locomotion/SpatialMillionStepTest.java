package io.gauntlet.envs.locomotion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Random-action stress of the 3D tasks in episodes of their standard length with resets on termination; Ant and
 * Humanoid keep going after a fall, the harder case for contacts (tumbling bodies, self-collision). Nothing may
 * become NaN or blow up (the engine's reset of a bad state must never be needed), nothing may sink through the
 * ground beyond the soft contacts' give, and joint limits must hold within 0.5 rad (MuJoCo's soft limits give under
 * 150 N·m motors and tumbling impacts; the ant starts with its ankles outside their range, as Gymnasium's does).
 * One million steps per task, two tasks at a time.
 */
class SpatialMillionStepTest {
    static void stress(Supplier<SpatialTask> factory, int limit, int steps, double maxSpeed, double maxExcursion) {
        SpatialTask task = factory.get();
        double[] worst = LocomotionMillionStepTest.stress(task, limit, steps, t -> -((SpatialTask) t).sim().deepestContact(),
                t -> ((SpatialTask) t).sim().worstLimitViolation());
        System.out.printf("%s: %,d random steps, fastest dof %.1f, deepest contact %.3f m, worst limit excursion %.3f rad%n",
                task.id, steps, worst[0], worst[1], worst[2]);
        assertEquals(0, task.sim().instabilities(), task.id + ": the engine had to reset a bad state");
        assertTrue(worst[0] < maxSpeed, task.id + ": speed blew up to " + worst[0]);
        assertTrue(worst[1] < 0.1, task.id + ": sank " + worst[1] + " m into the ground");
        assertTrue(worst[2] < maxExcursion, task.id + ": joint limit exceeded by " + worst[2] + " rad");
    }

    @Test
    void oneMillionRandomStepsPerTask() {
        LocomotionMillionStepTest.inParallel(List.of(
                () -> stress(() -> new Ant(false), 1000, 1_000_000, 500, 0.5),
                () -> stress(() -> new Humanoid(false), 1000, 1_000_000, 500, 0.5),
                () -> stress(SimpleHumanoid::new, 500, 1_000_000, 500, 0.5)));
    }
}
