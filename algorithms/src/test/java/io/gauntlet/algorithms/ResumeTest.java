package io.gauntlet.algorithms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gauntlet.core.experiment.AlgorithmSpec;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every algorithm tracks everything it carries between iterations (parameters, optimiser and search state,
 * baselines, random streams, the env's wrapper state, and for PPO and DDPG the running episodes), so a run resumed
 * from iteration k's checkpoint writes exactly the rows of an uninterrupted run.
 */
class ResumeTest {
    @ParameterizedTest
    @ValueSource(strings = {"trpo", "tnpg", "rwr", "reps", "cem", "trpo-gru", "trpo-mlp-baseline", "trpo-wrapped",
            "cem-wrapped", "reinforce-wrapped", "random-wrapped"})
    void resumedRunContinuesBitIdentically(String variant) throws Exception {
        // "-wrapped": wrappers whose state outlives an episode (running statistics, a noise stream), checkpointed
        // through Env.snapshot().
        boolean wrapped = variant.endsWith("-wrapped");
        String id = variant.startsWith("trpo") ? "trpo" : variant.replace("-wrapped", "");
        AlgorithmSpec<?> spec = Algorithms.spec(id);
        Map<String, String> params = switch (variant) {
            case "cem", "cem-wrapped" -> Map.of("n_samples", "6", "hidden_sizes", "4");
            case "random-wrapped" -> Map.of("batch_size", "300");
            case "trpo-gru" -> Map.of("batch_size", "300", "policy", "gru", "gru_size", "4");
            case "trpo-mlp-baseline" -> Map.of("batch_size", "300", "baseline", "mlp", "gae_lambda", "0.97");
            default -> Map.of("batch_size", "300");
        };
        String env = wrapped ? "CartPole-v1:normalize-obs:noisy-obs:system-id" : "CartPole-v1";
        MemoryRun full = MemoryRun.of(env, spec, params, 3, 1_500).train();
        assertTrue(full.rows.size() >= 4, "too few iterations to test a resume: " + full.rows.size());
        MemoryRun resumed = full.resumeAfter(2).train();
        assertEquals(full.rows.subList(2, full.rows.size()), resumed.rows);
    }

    /**
     * PPO and DDPG keep episodes running across iterations; their checkpoints hold the env copies mid-episode (with
     * every wrapper's statistics, queues and noise streams, and the episode statistics so far), so a resume from a
     * checkpoint taken mid-episode also writes exactly the rows of the uninterrupted run.
     */
    @ParameterizedTest
    @ValueSource(strings = {"CartPole-v1", "Pendulum-v1:time-limit=90:noisy-obs:normalize-reward:delay-actions", "Pendulum-v1"})
    void ppoResumedMidEpisodeContinuesBitIdentically(String envId) throws Exception {
        boolean discrete = envId.startsWith("CartPole");
        Map<String, String> ppo = discrete ? Map.of("num_steps", "32")
                : Map.of("num_steps", "64", "num_minibatches", "4", "update_epochs", "2", "hidden_sizes", "8");
        long budget = discrete ? 1_280 : 640;
        MemoryRun full = MemoryRun.of(envId, Ppo.SPEC, ppo, 3, budget).train();
        assertEquals(10, full.rows.size());
        // After update 5: 640 CartPole steps over 4 copies, or 320 Pendulum steps into 90- or 200-step episodes.
        MemoryRun resumed = full.resumeAfter(5).train();
        assertEquals(full.rows.subList(5, full.rows.size()), resumed.rows);
    }

    /** TD3 and SAC: the replay buffer, twin critics, targets, Adam states and log α come back, mid-episode. */
    @ParameterizedTest
    @ValueSource(strings = {"td3", "sac"})
    void td3AndSacResumedMidEpisodeContinueBitIdentically(String id) throws Exception {
        Map<String, String> settings = Map.of("hidden_sizes", "8", "learning_starts", "100", "batch_size", "16", "epoch_length", "150");
        MemoryRun a = MemoryRun.of("Pendulum-v1:noisy-obs", Algorithms.spec(id), settings, 3, 1_050).train();
        assertEquals(7, a.rows.size());
        MemoryRun b = a.resumeAfter(2).train();
        assertEquals(a.rows.subList(2, a.rows.size()), b.rows);
    }

    @org.junit.jupiter.api.Test
    void ddpgResumedMidEpisodeContinuesBitIdentically() throws Exception {
        // 150-step epochs against 200-step episodes: the checkpoint after epoch 2 (300 steps) is mid-episode.
        Map<String, String> ddpg = Map.of("hidden_sizes", "8", "min_pool_size", "100", "epoch_length", "150");
        MemoryRun a = MemoryRun.of("Pendulum-v1:normalize-obs:noisy-obs", Ddpg.SPEC, ddpg, 3, 1_050).train();
        assertEquals(7, a.rows.size());
        MemoryRun b = a.resumeAfter(2).train();
        assertEquals(a.rows.subList(2, a.rows.size()), b.rows);
    }
}
