package io.gauntlet.envs.locomotion;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gauntlet.core.env.Step;
import io.gauntlet.core.random.Rng;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Mean return of uniform random actions over 100 episodes of up to 1000 steps (Hopper and Walker2d not reset on
 * falling) against MuJoCo 2.2.2 on the same model files with the same task definitions, as
 * {@code tools/mujoco_reference.sh} measures it (mean and standard error of its own 100 episodes). The dynamics
 * agree to 1e-9 over hundreds of steps (MujocoContactTest), so the two means differ only by sampling: the bound
 * is four standard errors of the difference.
 */
class ReferenceBehaviourTest {
    /** {mean, standard error} of the return of uniform random actions over episodes of up to 1000 steps. */
    static double[] randomReturn(PhysicsTask task, int episodes) {
        Step s = Step.of(task);
        Rng rng = new Rng(11);
        double[] act = new double[task.actionSpace().flatDim()];
        double sum = 0, sumSq = 0;
        for (int ep = 0; ep < episodes; ep++) {
            task.reset(100 + ep, s);
            double ret = 0;
            for (int k = 0; k < 1000 && !s.terminated; k++) {
                task.actionSpace().sample(rng, act);
                task.step(act, s);
                ret += s.reward;
            }
            sum += ret;
            sumSq += ret * ret;
        }
        double mean = sum / episodes;
        return new double[] {mean, Math.sqrt(Math.max(0, sumSq / episodes - mean * mean) / episodes)};
    }

    static void near(String name, double mujoco, double mujocoStderr, Supplier<? extends PhysicsTask> task, int episodes) {
        double[] ours = randomReturn(task.get(), episodes);
        double bound = 4 * Math.hypot(ours[1], mujocoStderr);
        System.out.printf("%s: mean random return %.2f ± %.2f (MuJoCo 2.2.2: %.2f ± %.2f)%n", name, ours[0], ours[1], mujoco, mujocoStderr);
        assertTrue(Math.abs(ours[0] - mujoco) < bound, name + ": " + ours[0] + " vs MuJoCo's " + mujoco);
    }

    @Test
    void randomReturnsAreMuJoCos() {
        near("HalfCheetah", -277.219, 7.393, HalfCheetah::new, 100);
        near("Swimmer", 0.066, 1.155, Swimmer::new, 100);
        near("Hopper", -35.114, 13.366, () -> new Hopper(false), 100);
        near("Walker2d", 18.948, 13.131, () -> new Walker2d(false), 100);
        near("InvertedPendulum", 5.130, 0.389, InvertedPendulum::new, 100);
        near("InvertedDoublePendulum", 45.956, 1.807, InvertedDoublePendulum::new, 100);
    }
}
