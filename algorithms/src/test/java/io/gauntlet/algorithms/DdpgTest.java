package io.gauntlet.algorithms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gauntlet.core.testing.FiniteDifferences;
import io.gauntlet.core.env.Box;
import io.gauntlet.core.env.Discrete;
import io.gauntlet.core.nn.Mlp;
import io.gauntlet.core.policy.DeterministicMlpPolicy;
import io.gauntlet.core.random.Rng;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DdpgTest {
    private static final Box BOX = new Box(new double[] {-2, -1}, new double[] {2, 3});

    private static DeterministicMlpPolicy actor(long seed) {
        DeterministicMlpPolicy a = new DeterministicMlpPolicy(3, BOX, new int[] {6}, Mlp.Activation.RELU);
        Ddpg.lillicrapInit(a.mlp(), new Rng(seed));
        // Larger output weights than Lillicrap's ±3e-3 so that the test sees non-trivial actions.
        for (int i = 0; i < a.params().length; i++) a.params()[i] *= 30;
        return a;
    }

    private static QNetwork critic(long seed) {
        QNetwork c = new QNetwork(3, 2, new int[] {7}, Mlp.Activation.TANH);
        Ddpg.lillicrapInit(c.mlp, new Rng(seed));
        for (int i = 0; i < c.params().length; i++) c.params()[i] *= 30;
        return c;
    }

    @Test
    void softTargetUpdateMixesByTau() {
        double[] target = {1, 2, 3};
        double[] source = {11, 12, 13};
        QNetwork.softUpdate(target, source, 0.1);
        assertArrayEquals(new double[] {2, 3, 4}, target, 1e-12);
        QNetwork.softUpdate(target, source, 1.0);
        assertArrayEquals(source, target, 0);
    }

    @Test
    void criticTargetBootstrapsTruncatedButNotTerminatedTransitions() {
        DeterministicMlpPolicy targetActor = actor(1);
        QNetwork targetCritic = critic(2);
        double[] nextObs = {0.5, -1, 2, 0.5, -1, 2}; // the same next state twice
        double[] rewards = {1.5, 1.5};
        double[] notTerminated = {1, 0}; // row 0: truncated (or ongoing); row 1: terminated
        double[] y = new double[2];
        Ddpg.criticTargets(targetActor, targetCritic, nextObs, rewards, notTerminated, 0.9, 2, y);

        double[] mu = new double[2];
        targetActor.actDeterministic(new double[] {0.5, -1, 2}, mu);
        double q = targetCritic.mlp.forward(new double[] {0.5, -1, 2, mu[0], mu[1]})[0];
        assertTrue(Math.abs(q) > 1e-3, "degenerate test: Q' = " + q);
        assertEquals(1.5 + 0.9 * q, y[0], 1e-12);
        assertEquals(1.5, y[1], 0);
    }

    @Test
    void actorGradientMatchesFiniteDifferencesOfMinusMeanQ() {
        DeterministicMlpPolicy actor = actor(3);
        QNetwork critic = critic(4);
        int n = 4;
        Rng rng = new Rng(5);
        double[] obs = new double[n * 3];
        for (int i = 0; i < obs.length; i++) obs[i] = rng.nextGaussian();
        double[] dQ = new double[n], dA = new double[n * 2];
        critic.zeroGradients();
        Ddpg.actorGradient(actor, critic, obs, n, dQ, dA);
        for (double g : critic.gradients()) assertEquals(0.0, g, "the critic's gradients are left alone");
        FiniteDifferences.assertGradient("parameter", actor.params(), actor.gradients().clone(),
                () -> Ddpg.actorGradient(actor, critic, obs, n, dQ, dA), 1e-6, 1e-6);
    }

    @Test
    void replayBufferStateRoundTripsAndSamplesStoredTransitions() {
        ReplayBuffer a = new ReplayBuffer(3, 1, 1);
        for (int i = 0; i < 5; i++) a.add(new double[] {i}, new double[] {10 + i}, 100 + i, new double[] {i + 1}, i == 4);
        assertEquals(3, a.size());
        ReplayBuffer b = new ReplayBuffer(3, 1, 1);
        b.restore(a.snapshot());
        double[] o = new double[8], act = new double[8], r = new double[8], o2 = new double[8], nt = new double[8];
        b.sample(new Rng(1), 8, o, act, r, o2, nt);
        for (int k = 0; k < 8; k++) {
            assertTrue(o[k] >= 2 && o[k] <= 4, "only the last three transitions remain");
            assertEquals(o[k] + 10, act[k]);
            assertEquals(o[k] + 100, r[k]);
            assertEquals(o[k] + 1, o2[k]);
            assertEquals(o[k] == 4 ? 0 : 1, nt[k]);
        }
    }

    @Test
    void valueCheckPairsTheStartValueWithTheDiscountedReturnRealised() {
        ValueCheck check = new ValueCheck(0.5);
        check.start(Double.NaN); // before training: not counted
        check.reward(7, true);
        check.start(10);
        check.reward(1, false);
        check.reward(2, false);
        ValueCheck resumed = new ValueCheck(0.5);
        resumed.restore(check.snapshot()); // mid-episode
        resumed.reward(4, true); // 1 + 0.5·2 + 0.25·4 = 3
        resumed.start(20);
        resumed.reward(6, true);
        Map<String, Double> diag = new java.util.LinkedHashMap<>();
        resumed.report(diag);
        assertEquals(15, diag.get("InitialQ"), 0);
        assertEquals(4.5, diag.get("InitialReturn"), 0);
        resumed.report(diag);
        assertTrue(diag.get("InitialQ").isNaN(), "the sums start over after a report");
    }

    @Test
    void supportsOnlyBoundedBoxes() {
        assertTrue(Ddpg.SPEC.supportsActionSpace().test(BOX));
        assertTrue(!Ddpg.SPEC.supportsActionSpace().test(new Discrete(2)));
        assertTrue(!Ddpg.SPEC.supportsActionSpace().test(Box.unbounded(1)));
    }

    @Test
    void learnsToHoldThePendulumUpBetterThanAtStart() throws Exception {
        // Short and small (32-32 networks, updates from step 500): checks that learning happens, not the solve;
        // the acceptance suite holds DDPG to −200 within 50k steps.
        MemoryRun run = MemoryRun.of("Pendulum-v1", Ddpg.SPEC, Map.of("hidden_sizes", "32,32", "batch_size", "32",
                "soft_target_tau", "0.005", "min_pool_size", "500", "reward_scale", "1"), 1, 10_000);
        run.train();
        double first = 0;
        for (int i = 0; i < 5; i++) first += run.episodes.get(i)[0] / 5;
        double last = run.lastMean(5);
        assertTrue(last > first + 300 && last > -900, "pendulum return " + first + " -> " + last);
    }
}
