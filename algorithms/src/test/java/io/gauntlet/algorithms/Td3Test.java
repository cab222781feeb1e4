package io.gauntlet.algorithms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gauntlet.core.env.Box;
import io.gauntlet.core.nn.Gemm;
import io.gauntlet.core.nn.Init;
import io.gauntlet.core.nn.Mlp;
import io.gauntlet.core.policy.DeterministicMlpPolicy;
import io.gauntlet.core.random.Rng;
import java.util.Map;
import org.junit.jupiter.api.Test;

class Td3Test {
    static final Box BOX = new Box(new double[] {-2, -1}, new double[] {2, 3});

    static QNetwork critic(long seed) {
        QNetwork q = new QNetwork(3, 2, new int[] {9}, Mlp.Activation.RELU);
        Init.pytorchDefault(q.mlp, new Rng(seed));
        return q;
    }

    static Minibatch minibatch(long seed) {
        Minibatch mb = new Minibatch(4, 3, 2);
        Rng r = new Rng(seed);
        for (int i = 0; i < mb.obs.length; i++) {
            mb.obs[i] = r.nextGaussian();
            mb.nextObs[i] = r.nextGaussian();
        }
        for (int i = 0; i < mb.actions.length; i++) mb.actions[i] = r.uniform(-1, 1);
        for (int b = 0; b < 4; b++) {
            mb.rewards[b] = r.nextGaussian();
            mb.notTerminated[b] = b == 2 ? 0 : 1;
        }
        return mb;
    }

    @Test
    void targetIsTheSmallerTwinAtTheSmoothedClippedTargetAction() {
        DeterministicMlpPolicy actor = new DeterministicMlpPolicy(3, BOX, new int[] {5}, Mlp.Activation.RELU, Gemm.Summation.FUSED);
        Init.pytorchDefault(actor.mlp(), new Rng(1));
        for (int i = 0; i < actor.params().length; i++) actor.params()[i] *= 4; // actions reach the box's edges
        QNetwork q1 = critic(2), q2 = critic(3);
        Minibatch mb = minibatch(4);
        double[] scale = {2, 2};
        double[] y = new double[4], next = new double[8];
        Td3.targets(actor, q1, q2, mb, 0.9, 0.7, 0.5, scale, BOX, new Rng(5), next, y);

        // By hand, one row at a time, with the same noise stream.
        Rng noise = new Rng(5);
        double[] mu = new double[2];
        int clippedNoise = 0, clippedAction = 0, usedQ2 = 0;
        for (int b = 0; b < 4; b++) {
            double[] s2 = java.util.Arrays.copyOfRange(mb.nextObs, 3 * b, 3 * b + 3);
            actor.actDeterministic(s2, mu);
            double[] a = new double[2];
            for (int j = 0; j < 2; j++) {
                double eps = noise.nextGaussian() * 0.7;
                if (Math.abs(eps) > 0.5) clippedNoise++;
                eps = Math.max(-0.5, Math.min(0.5, eps));
                double raw = mu[j] + eps * scale[j];
                a[j] = Math.max(BOX.low(j), Math.min(BOX.high(j), raw));
                if (a[j] != raw) clippedAction++;
                assertEquals(a[j], next[2 * b + j], 1e-12);
            }
            double v1 = q1.mlp.forward(new double[] {s2[0], s2[1], s2[2], a[0], a[1]})[0];
            double v2 = q2.mlp.forward(new double[] {s2[0], s2[1], s2[2], a[0], a[1]})[0];
            if (v2 < v1) usedQ2++;
            double want = mb.rewards[b] + 0.9 * mb.notTerminated[b] * Math.min(v1, v2);
            assertEquals(want, y[b], 1e-12, "row " + b);
        }
        assertEquals(mb.rewards[2], y[2], 0, "a terminated transition does not bootstrap");
        assertTrue(clippedNoise > 0 && clippedAction > 0 && usedQ2 > 0 && usedQ2 < 4,
                "degenerate test: " + clippedNoise + " " + clippedAction + " " + usedQ2);
    }

    /**
     * Delayed policy updates: with learning from step 100 (critic steps at t = 101 .. 299) the critics take 199 Adam
     * steps, the actor one per even t (102 .. 298: 99 of them).
     */
    @Test
    void theActorAndTheTargetsMoveEveryPolicyFrequencyCriticSteps() throws Exception {
        MemoryRun run = MemoryRun.of("Pendulum-v1", Td3.SPEC, Map.of("hidden_sizes", "8", "learning_starts", "100", "batch_size", "16",
                "epoch_length", "100", "threads", "1"), 1, 300).train();
        var s = run.lastState();
        assertEquals(199, s.get("qf1Adam")[0]);
        assertEquals(199, s.get("qf2Adam")[0]);
        assertEquals(99, s.get("actorAdam")[0]);
        MemoryRun once = MemoryRun.of("Pendulum-v1", Td3.SPEC, Map.of("hidden_sizes", "8", "learning_starts", "100", "batch_size", "16",
                "epoch_length", "100", "threads", "1", "policy_frequency", "1"), 1, 300).train();
        assertEquals(199, once.lastState().get("actorAdam")[0]);
    }

    @Test
    void twoThreadsComputeTheSameRunAsOne() throws Exception {
        Map<String, String> settings = Map.of("hidden_sizes", "128,128", "learning_starts", "200", "batch_size", "128", "epoch_length", "100");
        MemoryRun one = MemoryRun.of("Pendulum-v1", Td3.SPEC, with(settings, "threads", "1"), 2, 500).train();
        MemoryRun two = MemoryRun.of("Pendulum-v1", Td3.SPEC, with(settings, "threads", "2"), 2, 500).train();
        assertEquals(one.rows, two.rows);
    }

    static Map<String, String> with(Map<String, String> m, String k, String v) {
        return io.gauntlet.core.args.Preset.with(m, k, v);
    }
}
