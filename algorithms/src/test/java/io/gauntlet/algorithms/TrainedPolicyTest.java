package io.gauntlet.algorithms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gauntlet.core.BadInputException;
import io.gauntlet.core.env.Box;
import io.gauntlet.core.env.Env;
import io.gauntlet.core.env.Step;
import io.gauntlet.core.env.VectorEnv;
import io.gauntlet.core.experiment.AlgorithmSpec;
import io.gauntlet.core.experiment.TrainedRun;
import io.gauntlet.core.experiment.TrainingState;
import io.gauntlet.core.stats.RunningMeanStd;
import io.gauntlet.core.wrappers.EnvWrapper;
import io.gauntlet.core.wrappers.NormalizeObservation;
import io.gauntlet.envs.classic.Pendulum;
import java.util.Arrays;
import java.util.function.Function;
import io.gauntlet.core.nn.Mlp;
import io.gauntlet.core.policy.Policy;
import io.gauntlet.core.policy.StochasticPolicy;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every algorithm hands back the policy its final checkpoint holds, acting on the raw observations of its task. */
class TrainedPolicyTest {

    static MemoryRun train(AlgorithmSpec<?> spec, String env, Map<String, String> overrides, long budget) throws Exception {
        MemoryRun run = MemoryRun.of(env, spec, overrides, 3, budget).train();
        assertTrue(!run.checkpoints.isEmpty(), spec.id() + " ran no iteration");
        return run;
    }

    /** The env a checkpoint's policy acts in: the task, wrapped as the algorithm trains on it. */
    static Env trainingEnv(MemoryRun run) {
        return run.algorithm().wrap(run.makeEnv());
    }

    /** A few observations of the task: the first states of episodes from different seeds, one of them scaled up. */
    static double[][] observations(Env env) {
        Step step = Step.of(env);
        double[][] obs = new double[4][];
        for (int i = 0; i < obs.length; i++) {
            env.reset(100 + i, step);
            obs[i] = step.observation.clone();
            if (i == 3) for (int j = 0; j < obs[i].length; j++) obs[i][j] *= 5;
        }
        return obs;
    }

    /** The rebuilt policy holds the checkpoint's parameters ({@code expected} of the state) and acts inside the action space. */
    static Policy check(AlgorithmSpec<?> spec, String envId, Map<String, String> overrides, long budget,
            Function<TrainingState, double[]> expected) throws Exception {
        MemoryRun run = train(spec, envId, overrides, budget);
        Env env = trainingEnv(run);
        Policy p = run.algorithm().policy(env, run.lastState());
        if (expected != null) assertArrayEquals(expected.apply(run.lastState()), p.params(), spec.id());
        double[] a = new double[p.actionDim()], again = new double[p.actionDim()];
        for (double[] o : observations(env)) {
            p.actDeterministic(o, a);
            p.actDeterministic(o, again);
            assertArrayEquals(a, again, spec.id() + ": deterministic action changes between calls");
            for (int j = 0; j < a.length; j++) {
                if (env.actionSpace() instanceof Box b) assertTrue(Double.isFinite(a[j]), spec.id());
                else assertTrue(a[j] == Math.rint(a[j]) && a[j] >= 0 && a[j] < env.actionSpace().flatDim() + 2, spec.id() + " action " + a[j]);
            }
        }
        return p;
    }

    static Function<TrainingState, double[]> part(String name) {
        return s -> s.get(name);
    }

    @Test
    void batchAndSearchMethodsHandBackTheirCheckpointedPolicy() throws Exception {
        check(Trpo.SPEC, "CartPole-v1", Map.of("batch_size", "400"), 800, part("policy"));
        check(Trpo.TNPG_SPEC, "CartPole-v1", Map.of("batch_size", "400"), 800, part("policy"));
        check(Rwr.SPEC, "Pendulum-v1", Map.of("batch_size", "400", "max_opt_itr", "5"), 800, part("policy"));
        check(Reps.SPEC, "CartPole-v1", Map.of("batch_size", "400", "max_opt_itr", "5"), 800, part("policy"));
        // CEM acts with its search distribution's mean: the part "search" is [iteration, mean, std].
        check(Cem.SPEC, "CartPole-v1", Map.of("n_samples", "4"), 600, s -> {
            double[] search = s.get("search");
            return Arrays.copyOfRange(search, 1, 1 + (search.length - 1) / 2);
        });
        check(CmaEs.SPEC, "CartPole-v1", Map.of(), 600, part("best"));
        check(RandomAgent.SPEC, "Pendulum-v1", Map.of("batch_size", "200"), 200, null);
        check(Ppo.SPEC, "CartPole-v1", Map.of("num_steps", "64"), 512, part("policy"));
    }

    @Test
    void ddpgHandsBackItsActorInsideTheBox() throws Exception {
        Policy p = check(Ddpg.SPEC, "Pendulum-v1", Map.of("hidden_sizes", "16,16", "min_pool_size", "100",
                "epoch_length", "100"), 300, part("actor"));
        double[] a = new double[1];
        p.actDeterministic(new double[] {1, 0, 0}, a);
        assertTrue(Math.abs(a[0]) <= 2, "tanh-squashed into Pendulum's ±2: " + a[0]);
    }

    @Test
    void td3AndSacHandBackTheirActorsInsideTheBox() throws Exception {
        for (AlgorithmSpec<?> spec : java.util.List.of(Td3.SPEC, Sac.SPEC)) {
            Policy p = check(spec, "Pendulum-v1", Map.of("hidden_sizes", "16,16", "learning_starts", "100", "epoch_length", "100"),
                    300, part("actor"));
            double[] a = new double[1];
            p.actDeterministic(new double[] {1, 0, 0}, a);
            assertTrue(Math.abs(a[0]) <= 2, spec.id() + ": squashed into Pendulum's ±2: " + a[0]);
        }
    }

    /**
     * Continuous PPO trains behind CleanRL's normalisers: the env rebuilt from the checkpoint carries the statistics
     * training left (not fresh ones), so the policy sees observations normalised as in training.
     */
    @Test
    void ppoContinuousCheckpointCarriesTheNormalisersStatistics() throws Exception {
        MemoryRun run = train(Ppo.SPEC, "Pendulum-v1", Map.of("num_steps", "256", "num_minibatches", "4"), 768);
        Env env = trainingEnv(run);
        env.restore(VectorEnv.firstCopySnapshot(run.lastState().get(TrainedRun.VECTOR_ENV)), Step.of(env));
        RunningMeanStd stats = EnvWrapper.find(env, NormalizeObservation.class).orElseThrow().statistics();
        // Every observation of training updated them (Gymnasium's prior count 1e-4 to start): the first reset, 768
        // steps, and the resets after the three 200-step episodes that ended.
        assertEquals(1 + 768 + 3 + 1e-4, stats.count(), 1e-9);
        Step step = Step.of(env);
        env.reset(11, step);
        Env raw = new Pendulum();
        Step rawStep = Step.of(raw);
        raw.reset(11, rawStep);
        for (int j = 0; j < 3; j++) {
            double z = (rawStep.observation[j] - stats.mean(j)) / Math.sqrt(stats.var(j) + 1e-8);
            assertEquals(Math.max(-10, Math.min(10, z)), step.observation[j], 1e-12);
        }
    }

    @Test
    void aGruPolicyCannotBeHandedBackAsAStatelessPolicy() throws Exception {
        MemoryRun run = train(Trpo.SPEC, "CartPole-v1", Map.of("batch_size", "400", "policy", "gru"), 400);
        BadInputException e = assertThrows(BadInputException.class, () -> run.algorithm().policy(run.makeEnv(), run.lastState()));
        assertTrue(e.getMessage().contains("gru"), e.getMessage());
    }
}
