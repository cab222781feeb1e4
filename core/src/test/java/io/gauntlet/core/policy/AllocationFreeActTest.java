package io.gauntlet.core.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gauntlet.core.env.Box;
import io.gauntlet.core.nn.Init;
import io.gauntlet.core.nn.Mlp;
import io.gauntlet.core.random.Rng;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** Acting on one observation must not allocate: it runs once per environment step. */
class AllocationFreeActTest {
    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    private static long bytesPerThousandActs(Policy p, boolean deterministic) {
        Rng rng = new Rng(1);
        double[] obs = new double[p.observationDim()];
        double[] act = new double[p.actionDim()];
        for (int i = 0; i < obs.length; i++) obs[i] = 0.1 * (i + 1);
        for (int i = 0; i < 20_000; i++) {
            if (deterministic) p.actDeterministic(obs, act);
            else p.act(obs, rng, act);
        }
        // The least of five measurements: a JIT recompilation or deoptimisation landing inside one (other tests
        // share this JVM) can allocate on this thread; an act that allocates shows in all five.
        long least = Long.MAX_VALUE;
        for (int trial = 0; trial < 5; trial++) {
            long before = allocatedBytes();
            for (int i = 0; i < 1000; i++) {
                if (deterministic) p.actDeterministic(obs, act);
                else p.act(obs, rng, act);
            }
            least = Math.min(least, allocatedBytes() - before);
        }
        return least;
    }

    @Test
    void actingAllocatesNothing() {
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean);
        CategoricalMlpPolicy cat = new CategoricalMlpPolicy(4, 2, new int[] {64, 64}, Mlp.Activation.TANH);
        Init.orthogonal(cat.mlp(), new Rng(2), Math.sqrt(2), 0.01);
        GaussianMlpPolicy gauss = new GaussianMlpPolicy(17, 6, new int[] {64, 64}, Mlp.Activation.TANH);
        Init.orthogonal(gauss.mlp(), new Rng(3), Math.sqrt(2), 0.01);
        DeterministicMlpPolicy det = new DeterministicMlpPolicy(17, Box.uniform(6, -1, 1), new int[] {64, 64}, Mlp.Activation.RELU);
        Init.xavierUniform(det.mlp(), new Rng(4), 1.0);
        // A thousand acts that allocated even one array each would show tens of kilobytes; the measurement
        // itself may cost a few bytes, hence "less than one byte per act".
        for (Policy p : new Policy[] {cat, gauss, det}) {
            String name = p.getClass().getSimpleName();
            assertEquals(0, bytesPerThousandActs(p, false) / 1000, name + " act");
            assertEquals(0, bytesPerThousandActs(p, true) / 1000, name + " actDeterministic");
        }
    }
}
