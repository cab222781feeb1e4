package io.gauntlet.core.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import io.gauntlet.core.BadInputException;
import io.gauntlet.core.env.Env;
import io.gauntlet.core.env.EnvRegistry;
import io.gauntlet.core.env.Step;
import io.gauntlet.core.env.VectorEnv;
import io.gauntlet.core.policy.Policy;
import io.gauntlet.core.wrappers.RecordEpisodeStatistics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A run directory read back: its env and algorithm, resolved settings and last checkpoint, and the policy that
 * checkpoint holds. What {@code render --checkpoint} and evaluations act with.
 */
public record TrainedRun(Path directory, String envId, AlgorithmSpec<?> algorithm, Record args, int iterations,
        long totalEnvSteps, TrainingState state) {

    /** Where algorithms track their env ({@link #ENV}) or vector env ({@link #VECTOR_ENV}), so {@link #makeEnv()} finds it. */
    public static final String ENV = "env";
    public static final String VECTOR_ENV = "envs";

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
        AlgorithmSpec<?> algo = AlgorithmRegistry.spec(json.path("algo").asText());
        Map<String, String> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = json.path("params").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (v.isArray()) {
                StringBuilder sb = new StringBuilder();
                for (JsonNode x : v) sb.append(sb.length() == 0 ? "" : ",").append(x.asText());
                values.put(e.getKey(), sb.toString());
            } else {
                values.put(e.getKey(), v.asText());
            }
        }
        Record args = RunConfig.resolveArgs(algo, EnvRegistry.make(envId).actionSpace(), values);
        Checkpoint checkpoint;
        try {
            checkpoint = Checkpoint.read(runDir.resolve(Harness.CHECKPOINT_DIR))
                    .orElseThrow(() -> new BadInputException(runDir + " has no checkpoint yet"));
        } catch (IOException e) {
            throw new BadInputException("cannot read the checkpoint of " + runDir + ": " + e.getMessage(), e);
        }
        return new TrainedRun(runDir, envId, algo, args, checkpoint.iterations(), checkpoint.totalEnvSteps(),
                checkpoint.state());
    }

    /**
     * The env the run trained on (its task, the harness's episode statistics and the algorithm's wrappers), carrying
     * the state training left in it: wrappers' running statistics, noise streams and system-id draws come from the
     * checkpoint's env (the first copy of a vector env), so a policy trained behind normalisers sees observations
     * normalised as in training. Start an episode with {@code reset} before stepping.
     */
    public Env makeEnv() {
        Env env = algorithm.make(args).wrap(new RecordEpisodeStatistics(EnvRegistry.make(envId), (r, n) -> {}));
        double[] snapshot = state.has(ENV) ? state.get(ENV)
                : state.has(VECTOR_ENV) ? VectorEnv.firstCopySnapshot(state.get(VECTOR_ENV)) : null;
        if (snapshot != null) env.restore(snapshot, Step.of(env));
        return env;
    }

    /** The checkpoint's policy, acting in {@code env} (made by {@link #makeEnv()}). */
    public Policy policy(Env env) {
        return algorithm.make(args).policy(env, state);
    }
}
