package io.gauntlet.algorithms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gauntlet.core.BadInputException;
import io.gauntlet.core.env.EnvRegistry;
import io.gauntlet.core.env.EnvSpec;
import io.gauntlet.core.experiment.AlgorithmRegistry;
import io.gauntlet.core.env.Discrete;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReinforceTest {
    private static final EnvSpec CARTPOLE = EnvRegistry.spec("CartPole-v1");

    private static MemoryRun train(Map<String, String> overrides, long seed, long budget) throws Exception {
        return MemoryRun.of(CARTPOLE, Reinforce.SPEC, overrides, seed, budget).train();
    }

    @Test
    void learnsCartPoleFarAboveRandom() throws Exception {
        MemoryRun run = train(Map.of(), 1, 120_000);
        double first = run.averageReturn(0);
        double last = run.averageReturn(run.rows.size() - 1);
        // A random policy averages about 22 on CartPole-v1.
        assertTrue(first < 60, "first iteration " + first);
        assertTrue(last >= 150, "last iteration " + last + " after " + run.totalEnvSteps() + " steps");
        assertTrue(run.totalEnvSteps() >= 120_000);
        Map<String, Double> row = run.rows.get(run.rows.size() - 1);
        for (String k : new String[] {"Entropy", "LossBefore", "LossAfter", "MeanKL", "ExplainedVariance"}) {
            assertTrue(Double.isFinite(row.get(k)), k);
        }
        assertTrue(row.get("MeanKL") > 0);
    }

    @Test
    void sameSeedGivesIdenticalDiagnosticsAndResumeContinuesExactly() throws Exception {
        Map<String, String> small = Map.of("batch_size", "1000");
        MemoryRun a = train(small, 7, 5_000);
        MemoryRun b = train(small, 7, 5_000);
        assertEquals(a.rows, b.rows);
        MemoryRun c = train(small, 8, 5_000);
        assertTrue(!a.rows.equals(c.rows), "a different seed should give different results");

        // Resume from the checkpoint after iteration 2: the remaining rows must be bit-identical.
        MemoryRun resumed = a.resumeAfter(2).train();
        assertEquals(a.rows.subList(2, a.rows.size()), resumed.rows);
    }

    @Test
    void learnsAContinuousTaskWithAGaussianPolicyAndClipsActionsToTheBox() throws Exception {
        TrackTarget[] made = new TrackTarget[1];
        EnvSpec spec = new EnvSpec("TrackTarget", "test task", TrackTarget.LENGTH, () -> made[0] = new TrackTarget());
        MemoryRun run = MemoryRun.of(spec, Reinforce.SPEC, Map.of("batch_size", "500"), 3, 100_000).train();
        double first = run.averageReturn(0);
        double last = run.averageReturn(run.rows.size() - 1);
        assertTrue(first < -4, "first " + first);
        assertTrue(last > -1.0, "last " + last);
        assertTrue(run.rows.get(run.rows.size() - 1).get("AveragePolicyStd") < 0.6);
        assertTrue(made[0].maxAbsActionSeen <= 1.0, "the sampler must clip to the box");
    }

    @Test
    void isRegisteredAndRejectsBadParameters() {
        assertEquals(Reinforce.SPEC, AlgorithmRegistry.spec("reinforce"));
        assertThrows(BadInputException.class, () -> Reinforce.SPEC.resolve(new Discrete(2), Map.of("activation", "sigmoid")));
        assertThrows(BadInputException.class, () -> Reinforce.SPEC.resolve(new Discrete(2), Map.of("discount", "1.5")));
    }
}
