package io.gauntlet.algorithms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gauntlet.core.env.EnvRegistry;
import io.gauntlet.core.experiment.AlgorithmSpec;
import io.gauntlet.core.experiment.Hyperparameters;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The whole-episode algorithms checkpoint everything they carry between iterations (parameters, optimiser and
 * search state, baselines, random streams), so a run resumed from iteration k's checkpoint writes exactly the rows
 * of an uninterrupted run.
 */
class ResumeTest {
    @ParameterizedTest
    @ValueSource(strings = {"trpo", "tnpg", "rwr", "reps", "cem", "trpo-gru", "trpo-mlp-baseline"})
    void resumedRunContinuesBitIdentically(String variant) throws Exception {
        String id = variant.startsWith("trpo") ? "trpo" : variant;
        AlgorithmSpec spec = Algorithms.spec(id);
        Map<String, String> params = switch (variant) {
            case "cem" -> Map.of("n_samples", "6", "hidden_sizes", "4");
            case "trpo-gru" -> Map.of("batch_size", "300", "policy", "gru", "gru_size", "4");
            case "trpo-mlp-baseline" -> Map.of("batch_size", "300", "baseline", "mlp", "gae_lambda", "0.97");
            default -> Map.of("batch_size", "300");
        };
        Hyperparameters hp = new Hyperparameters(spec.params(), params);
        var env = EnvRegistry.spec("CartPole-v1");
        InMemoryRun full = new InMemoryRun(env, hp, 3, 1_500);
        spec.make(hp).train(full);
        assertTrue(full.rows.size() >= 4, "too few iterations to test a resume: " + full.rows.size());
        long stepsAfter2 = full.rows.get(1).get("TotalEnvSteps").longValue();
        InMemoryRun resumed = new InMemoryRun(env, hp, 3, 1_500, full.checkpoints.get(1), 2, stepsAfter2);
        spec.make(hp).train(resumed);
        assertEquals(full.rows.subList(2, full.rows.size()), resumed.rows);
    }

    /**
     * PPO and DDPG restore networks, optimiser moments, normalisers, replay buffer and random streams, but their
     * env copies restart their episodes on resume (an env's internal state is not part of the contract), so the
     * resumed rows are not bit-identical; what must carry over is the schedule and the buffers.
     */
    @org.junit.jupiter.api.Test
    void ppoAndDdpgResumeTheirSchedulesAndBuffers() throws Exception {
        Hyperparameters ppo = new Hyperparameters(Ppo.PARAMS, Map.of("num_steps", "32"));
        var cartPole = EnvRegistry.spec("CartPole-v1");
        InMemoryRun full = new InMemoryRun(cartPole, ppo, 3, 1_280);
        Ppo.SPEC.make(ppo).train(full);
        long steps = full.rows.get(4).get("TotalEnvSteps").longValue();
        InMemoryRun resumed = new InMemoryRun(cartPole, ppo, 3, 1_280, full.checkpoints.get(4), 5, steps);
        Ppo.SPEC.make(ppo).train(resumed);
        assertEquals(full.rows.size() - 5, resumed.rows.size());
        for (int i = 0; i < resumed.rows.size(); i++) {
            assertEquals(full.rows.get(5 + i).get("LearningRate"), resumed.rows.get(i).get("LearningRate"));
        }

        Hyperparameters ddpg = new Hyperparameters(Ddpg.PARAMS, Map.of("hidden_sizes", "8", "min_pool_size", "100",
                "epoch_length", "200", "checkpoint_every", "2"));
        var pendulum = EnvRegistry.spec("Pendulum-v1");
        InMemoryRun a = new InMemoryRun(pendulum, ddpg, 3, 1_000);
        Ddpg.SPEC.make(ddpg).train(a);
        assertEquals(null, a.checkpoints.get(0)); // every second epoch only
        InMemoryRun b = new InMemoryRun(pendulum, ddpg, 3, 1_000, a.checkpoints.get(1), 2, 400);
        Ddpg.SPEC.make(ddpg).train(b);
        assertEquals(a.rows.size() - 2, b.rows.size());
        for (int i = 0; i < b.rows.size(); i++) {
            assertEquals(a.rows.get(2 + i).get("ReplayPoolSize"), b.rows.get(i).get("ReplayPoolSize"));
        }
    }
}
