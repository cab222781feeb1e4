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
import io.gauntlet.core.experiment.AlgorithmSpec;
import io.gauntlet.core.nn.Mlp;
import io.gauntlet.core.policy.Policy;
import io.gauntlet.core.policy.StochasticPolicy;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every algorithm hands back the policy its final checkpoint holds, acting on the raw observations of its task. */
class TrainedPolicyTest {

    static MemoryRun train(AlgorithmSpec spec, String env, Map<String, String> overrides, long budget) throws Exception {
        MemoryRun run = MemoryRun.of(env, spec, overrides, 3, budget);
        run.train(spec);
        assertTrue(run.lastState != null, spec.id() + " wrote no checkpoint");
        return run;
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

    /** The rebuilt policy holds the checkpoint's parameters and acts inside the action space. */
    static Policy check(AlgorithmSpec spec, String envId, Map<String, String> overrides, long budget, String key) throws Exception {
        MemoryRun run = train(spec, envId, overrides, budget);
        Env env = run.makeEnv();
        Policy p = spec.make(run.params()).policy(env, run.lastState);
        if (key != null) assertArrayEquals(run.lastState.doubles(key), p.params(), spec.id());
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

    @Test
    void batchAndSearchMethodsHandBackTheirCheckpointedPolicy() throws Exception {
        check(Trpo.SPEC, "CartPole-v1", Map.of("batch_size", "400"), 800, "policy");
        check(Trpo.TNPG_SPEC, "CartPole-v1", Map.of("batch_size", "400"), 800, "policy");
        check(Rwr.SPEC, "Pendulum-v1", Map.of("batch_size", "400", "max_opt_itr", "5"), 800, "policy");
        check(Reps.SPEC, "CartPole-v1", Map.of("batch_size", "400", "max_opt_itr", "5"), 800, "policy");
        check(Cem.SPEC, "CartPole-v1", Map.of("n_samples", "4"), 600, "mean");
        check(CmaEs.SPEC, "CartPole-v1", Map.of(), 600, "best");
        check(RandomAgent.SPEC, "Pendulum-v1", Map.of("batch_size", "200"), 200, null);
        check(Ppo.SPEC, "CartPole-v1", Map.of("num_steps", "64"), 512, "policy");
    }

    @Test
    void ddpgHandsBackItsActorInsideTheBox() throws Exception {
        Policy p = check(Ddpg.SPEC, "Pendulum-v1", Map.of("hidden_sizes", "16,16", "min_pool_size", "100",
                "epoch_length", "100", "checkpoint_every", "1"), 300, "actor");
        double[] a = new double[1];
        p.actDeterministic(new double[] {1, 0, 0}, a);
        assertTrue(Math.abs(a[0]) <= 2, "tanh-squashed into Pendulum's ±2: " + a[0]);
    }

    /** Continuous PPO trains on normalised observations: the policy must normalise with the checkpointed statistics. */
    @Test
    void ppoContinuousPolicyNormalisesObservationsLikeTraining() throws Exception {
        MemoryRun run = train(Ppo.SPEC, "Pendulum-v1", Map.of("num_steps", "256", "num_minibatches", "4"), 768);
        Env env = run.makeEnv();
        Policy p = Ppo.SPEC.make(run.params()).policy(env, run.lastState);
        StochasticPolicy net = Policies.stochastic("ppo", 3, env.actionSpace(), run.params().getInts("hidden_sizes"), Mlp.Activation.TANH, 1.0);
        net.setParams(run.lastState.doubles("policy"));
        double[] rms = run.lastState.doubles("obsRms"); // mean[3], var[3], count
        double[] a = new double[1], expected = new double[1], raw = new double[1];
        boolean differs = false;
        for (double[] o : observations(env)) {
            double[] z = new double[3];
            for (int j = 0; j < 3; j++) z[j] = Math.max(-10, Math.min(10, (o[j] - rms[j]) / Math.sqrt(rms[3 + j] + 1e-8)));
            p.actDeterministic(o, a);
            net.actDeterministic(z, expected);
            net.actDeterministic(o, raw);
            assertEquals(expected[0], a[0], 1e-12);
            if (Math.abs(raw[0] - a[0]) > 1e-9) differs = true;
        }
        assertTrue(differs, "the normaliser changed nothing: the test would not see a missing wrapper");
        assertNotEquals(0.0, rms[6]);
    }

    @Test
    void aGruPolicyCannotBeHandedBackAsAStatelessPolicy() throws Exception {
        MemoryRun run = train(Trpo.SPEC, "CartPole-v1", Map.of("batch_size", "400", "policy", "gru"), 400);
        BadInputException e = assertThrows(BadInputException.class, () -> Trpo.SPEC.make(run.params()).policy(run.makeEnv(), run.lastState));
        assertTrue(e.getMessage().contains("gru"), e.getMessage());
    }
}
