package io.gauntlet.envs;

import io.gauntlet.core.env.PhysicalParameters;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gauntlet.core.env.Env;
import io.gauntlet.core.env.EnvRegistry;
import io.gauntlet.core.env.Step;
import io.gauntlet.core.random.Rng;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Characterisation guard for the tasks whose dynamics are shared between files (the cart-pole equations, the
 * acrobot's book dynamics and RK4, the mountain-car valley, the healthy-termination locomotion tasks): a 200-step
 * trajectory under a fixed seed and seeded random actions, hashed over the raw bits of every observation value,
 * reward and termination flag, and the same with every physical parameter scaled by 1.1. The expected digests
 * were recorded from the reviewed implementation before the shared pieces were factored out, so any change to
 * the order of floating-point operations shows up here as a different digest.
 */
class TrajectoryDigestTest {
    /** id → {digest with default parameters, digest with parameters × 1.1 (0 when the task has none)}. */
    private static final Map<String, long[]> EXPECTED = new TreeMap<>();

    static {
        EXPECTED.put("CartPole-v1", new long[] {-1894649963236525045L, 7012221672851019425L});
        EXPECTED.put("CartPoleBalancing-rllab", new long[] {-4907764002621723277L, 8690924263641353087L});
        EXPECTED.put("CartPoleSwingUp-rllab", new long[] {-4188252460014439038L, -3781817235813219658L});
        EXPECTED.put("Acrobot-v1", new long[] {-638918728975235678L, 5658265324034595545L});
        EXPECTED.put("AcrobotSwingUp-rllab", new long[] {1848615555400805113L, 6479793607590392711L});
        EXPECTED.put("MountainCar-v0", new long[] {6073817062330361266L, -4983953029977297959L});
        // Re-recorded when the task moved to NumPy 2 float32 semantics (checked against Gymnasium trajectories).
        EXPECTED.put("MountainCarContinuous-v0", new long[] {2226914112598141284L, 4690539516446337380L});
        EXPECTED.put("MountainCar-rllab", new long[] {1902962016158602098L, 3383552011032424299L});
        // Re-recorded when the planar loader took MuJoCo's compiler formulas for geom volumes and capsule inertia from
        // MjcfReader (the same values rounded differently; MujocoContactTest still agrees to 1e-9).
        EXPECTED.put("Hopper-planar-v0", new long[] {3181425525229666108L, 4868803324716667378L});
        EXPECTED.put("Walker2d-planar-v0", new long[] {4642195346747075501L, -3913456765388855630L});
    }

    @Test
    void trajectoriesAreBitIdenticalToTheRecordedOnes() {
        StringBuilder actual = new StringBuilder();
        boolean allMatch = true;
        for (Map.Entry<String, long[]> e : EXPECTED.entrySet()) {
            long plain = digest(e.getKey(), false);
            long scaled = digest(e.getKey(), true);
            actual.append(String.format("EXPECTED.put(\"%s\", new long[] {%dL, %dL});%n", e.getKey(), plain, scaled));
            allMatch &= plain == e.getValue()[0] && scaled == e.getValue()[1];
        }
        assertTrue(allMatch, "trajectory digests changed:\n" + actual);
    }

    @Test
    void digestSeesADifferentSeed() {
        assertTrue(digest("CartPole-v1", false) != digestWithSeed("CartPole-v1", false, 8));
    }

    @Test
    void classicAndRllabSteppingDoesNotAllocate() {
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (String id : EXPECTED.keySet()) {
            if (id.contains("planar")) continue; // LocomotionTasksTest covers these
            Env env = EnvRegistry.make(id);
            Step s = Step.of(env);
            env.reset(1, s);
            Rng rng = new Rng(1);
            double[] act = new double[env.actionSpace().flatDim()];
            for (int pass = 0; pass < 2; pass++) { // the first pass warms up the JIT
                long before = bean.getCurrentThreadAllocatedBytes();
                for (int k = 0; k < 100_000; k++) {
                    env.actionSpace().sample(rng, act);
                    env.step(act, s);
                    if (s.done()) env.reset(s);
                }
                long allocated = bean.getCurrentThreadAllocatedBytes() - before;
                if (pass == 1) assertTrue(allocated < 2048, id + " allocated " + allocated + " bytes in 100k steps");
            }
        }
    }

    private static long digest(String id, boolean scaleParameters) {
        return digestWithSeed(id, scaleParameters, 7);
    }

    private static long digestWithSeed(String id, boolean scaleParameters, long seed) {
        Env env = EnvRegistry.make(id);
        if (scaleParameters) {
            PhysicalParameters p = unwrap(env);
            if (p == null) return 0;
            double[] values = p.parameters();
            for (int i = 0; i < values.length; i++) values[i] *= 1.1;
            p.setParameters(values);
        }
        Step s = Step.of(env);
        env.reset(seed, s);
        Rng rng = new Rng(seed + 1);
        double[] act = new double[env.actionSpace().flatDim()];
        long h = 1125899906842597L;
        h = mix(h, s.observation);
        for (int k = 0; k < 200; k++) {
            env.actionSpace().sample(rng, act);
            env.step(act, s);
            h = mix(h, s.observation);
            h = 31 * h + Double.doubleToRawLongBits(s.reward);
            h = 31 * h + (s.terminated ? 1 : 0) + (s.truncated ? 2 : 0);
            if (s.done()) {
                env.reset(s);
                h = mix(h, s.observation);
            }
        }
        return h;
    }

    private static long mix(long h, double[] values) {
        for (double v : values) h = 31 * h + Double.doubleToRawLongBits(v);
        return h;
    }

    private static PhysicalParameters unwrap(Env env) {
        Env e = env;
        while (e instanceof io.gauntlet.core.wrappers.EnvWrapper w) e = w.inner();
        return e instanceof PhysicalParameters p ? p : null;
    }
}
