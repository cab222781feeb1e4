package io.gauntlet.core.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import io.gauntlet.core.BadInputException;
import io.gauntlet.core.env.Env;
import io.gauntlet.core.env.EnvRegistry;
import io.gauntlet.core.env.Step;
import io.gauntlet.core.env.VectorEnv;
import io.gauntlet.core.policy.Policy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A run directory read back: its env and algorithm ids, resolved parameters and last checkpoint, and the policy
 * that checkpoint holds. What {@code render --checkpoint} and evaluations act with.
 */
public record TrainedRun(Path directory, String envId, AlgorithmSpec algorithm, Hyperparameters params, int iterations,
        long totalEnvSteps, TrainingState state) {

    /** Reads {@code runDir}; anything missing or unreadable is a {@link BadInputException} naming it. */
    public static TrainedRun load(Path runDir) {
        if (!Files.isRegularFile(runDir.resolve(Harness.PARAMS))) {
            throw new BadInputException(runDir + " is not a run directory (no " + Harness.PARAMS + ")");
        }
        JsonNode json;
        try {
            json = Harness.readParams(runDir);
        } catch (IOException e) {
            throw new BadInputException("cannot read " + runDir.resolve(Harness.PARAMS) + ": " + e.getMessage(), e);
        }
        String envId = json.path("env").asText();
        AlgorithmSpec algo = AlgorithmRegistry.spec(json.path("algo").asText());
        Map<String, String> overrides = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = json.path("params").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (v.isArray()) {
                StringBuilder sb = new StringBuilder();
                for (JsonNode x : v) sb.append(sb.length() == 0 ? "" : ",").append(x.asText());
                overrides.put(e.getKey(), sb.toString());
            } else {
                overrides.put(e.getKey(), v.asText());
            }
        }
        Hyperparameters params = new Hyperparameters(algo.params(), overrides);
        Checkpoint checkpoint;
        try {
            checkpoint = Checkpoint.read(runDir.resolve(Harness.CHECKPOINT_DIR))
                    .orElseThrow(() -> new BadInputException(runDir + " has no checkpoint yet"));
        } catch (IOException e) {
            throw new BadInputException("cannot read the checkpoint of " + runDir + ": " + e.getMessage(), e);
        }
        return new TrainedRun(runDir, envId, algo, params, checkpoint.iterations(), checkpoint.totalEnvSteps(),
                checkpoint.state());
    }

    /**
     * A copy of the run's task, wrappers included, carrying the state training left in it: its wrappers' running
     * statistics, noise streams and system-id draws come from the checkpoint's env snapshot (PPO's first env copy),
     * so a policy trained behind {@code normalize-obs} sees observations normalised as in training. Start an episode
     * with {@code reset} before stepping. Checkpoints without a snapshot give a fresh env.
     */
    public Env makeEnv() {
        Env env = EnvRegistry.make(envId);
        double[] snapshot = state.doubleNames().contains(TrainingState.ENV) ? state.doubles(TrainingState.ENV)
                : state.doubleNames().contains(TrainingState.VECTOR_ENV)
                        ? VectorEnv.firstCopySnapshot(state.doubles(TrainingState.VECTOR_ENV)) : null;
        if (snapshot != null) env.restore(snapshot, Step.of(env));
        return env;
    }

    /** The checkpoint's policy, acting in {@code env} (made by {@link #makeEnv()}). */
    public Policy policy(Env env) {
        return algorithm.make(params).policy(env, state);
    }
}
