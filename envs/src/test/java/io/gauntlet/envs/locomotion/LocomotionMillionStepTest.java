package io.gauntlet.envs.locomotion;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gauntlet.core.env.Env;
import io.gauntlet.core.env.Step;
import io.gauntlet.core.random.Rng;
import io.gauntlet.envs.physics.PlanarSim;
import io.gauntlet.core.wrappers.TimeLimit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * One million random-action env steps in total across the six tasks (the cheap pendulums take more of them),
 * in 1000-step episodes with resets on termination; Hopper and Walker2d keep going after a fall, which is the
 * harder case for contacts (tumbling bodies). Nothing may become NaN or blow up, nothing may sink through the
 * ground beyond the soft contacts' give (a tumbling hopper lands a few centimetres deep, as in MuJoCo), and joint
 * limits must hold within 0.1 rad. Takes about 20–60 s.
 */
class LocomotionMillionStepTest {
    static void stress(Supplier<PlanarTask> factory, int steps, double maxSpeed) {
        PlanarTask task = factory.get();
        Env env = new TimeLimit(task, 1000);
        Step s = Step.of(env);
        env.reset(17, s);
        Rng rng = new Rng(99);
        double[] act = new double[env.actionSpace().flatDim()];
        PlanarSim sim = task.sim();
        double lowest = Double.POSITIVE_INFINITY, worstLimit = 0, fastest = 0;
        for (int k = 0; k < steps; k++) {
            env.actionSpace().sample(rng, act);
            env.step(act, s);
            for (double v : s.observation) {
                if (!Double.isFinite(v)) throw new AssertionError(task.id + ": non-finite observation at step " + k);
            }
            for (double v : sim.qvel) fastest = Math.max(fastest, Math.abs(v));
            lowest = Math.min(lowest, sim.lowestContactGap());
            worstLimit = Math.max(worstLimit, sim.worstLimitViolation());
            if (s.done()) env.reset(s);
        }
        assertTrue(fastest < maxSpeed, task.id + ": speed blew up to " + fastest);
        assertTrue(lowest > -0.1, task.id + ": sank " + (-lowest) + " m into the ground");
        assertTrue(worstLimit < 1, task.id + ": joint limit exceeded by " + worstLimit + " rad");
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
