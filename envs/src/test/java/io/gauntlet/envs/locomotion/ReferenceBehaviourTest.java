package io.gauntlet.envs.locomotion;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gauntlet.core.env.Step;
import io.gauntlet.core.random.Rng;
import org.junit.jupiter.api.Test;

/**
 * Mean return of uniform random actions over 20 episodes of 1000 steps, no reset on falling, against MuJoCo
 * 2.2.2's values in environments.md (HalfCheetah −292, Hopper −137, Walker2d −23, Swimmer −0.3). Our contacts
 * are hard (velocity-level) where MuJoCo's are soft, so agreement is statistical, not exact: the bounds are
 * about three standard errors of the 20-episode mean around MuJoCo's value (Hopper's and Walker2d's wider,
 * their episodes vary more), and would catch a task whose physics goes the wrong way.
 */
class ReferenceBehaviourTest {
    static double meanRandomReturn(PlanarTask task) {
        Step s = Step.of(task);
        Rng rng = new Rng(11);
        double[] act = new double[task.actionSpace().flatDim()];
        double sum = 0;
        for (int ep = 0; ep < 20; ep++) {
            task.reset(100 + ep, s);
            for (int k = 0; k < 1000; k++) {
                for (int i = 0; i < act.length; i++) act[i] = rng.uniform(-1, 1);
                task.step(act, s);
                sum += s.reward;
            }
        }
        return sum / 20;
    }

    static void near(String name, double mujoco, double ours, double tolerance) {
        System.out.printf("%s: mean random return %.1f (MuJoCo 2.2.2: %.1f)%n", name, ours, mujoco);
        assertTrue(Math.abs(ours - mujoco) < tolerance, name + ": " + ours + " vs MuJoCo's " + mujoco);
    }

    @Test
    void randomReturnsAreCloseToMuJoCos() {
        near("HalfCheetah", -292, meanRandomReturn(new HalfCheetah()), 60);
        near("Swimmer", -0.3, meanRandomReturn(new Swimmer()), 6);
        near("Hopper", -137, meanRandomReturn(new Hopper(false)), 100);
        near("Walker2d", -23, meanRandomReturn(new Walker2d(false)), 100);
    }
}
