package io.gauntlet.algorithms;

import java.util.HashMap;
import java.util.Map;

/**
 * Times an algorithm end to end (PPO with CleanRL's settings by default; {@code -Dalgo=trpo} etc.), not a test:
 * <pre>
 * ./mvnw -q -B -pl algorithms -am test-compile
 * java -cp core/target/classes:envs/target/classes:algorithms/target/classes:algorithms/target/test-classes:\
 *     ~/.m2/repository/org/apache/commons/commons-math3/3.6.1/commons-math3-3.6.1.jar \
 *     io.gauntlet.algorithms.PpoTiming CartPole-v1 500000 1 [name=value ...]
 * </pre>
 * Prints wall time, steps/s, and the mean return of the last 10 episodes and the best 10-episode window.
 */
public final class PpoTiming {
    public static void main(String[] args) throws Exception {
        String env = args.length > 0 ? args[0] : "CartPole-v1";
        long steps = args.length > 1 ? Long.parseLong(args[1]) : 500_000;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
        String algo = System.getProperty("algo", "ppo");
        Map<String, String> overrides = new HashMap<>();
        for (int i = 3; i < args.length; i++) {
            String[] kv = args[i].split("=", 2);
            overrides.put(kv[0], kv[1]);
        }
        var spec = Algorithms.spec(algo);
        MemoryRun run = MemoryRun.of(env, spec, overrides, seed, steps);
        run.quiet = !Boolean.getBoolean("verbose");
        var threadBean = java.lang.management.ManagementFactory.getThreadMXBean();
        long c0 = threadBean.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        run.train();
        double secs = (System.nanoTime() - t0) / 1e9;
        double cpu = (threadBean.getCurrentThreadCpuTime() - c0) / 1e9;
        System.out.printf("%s on %s seed %d: %d steps in %.2f s (%.0f steps/s); episodes %d; last-10 mean %.1f; best-10 %.1f%n",
                algo, env, seed, run.totalEnvSteps(), secs, run.totalEnvSteps() / secs, run.episodes.size(), run.lastMean(10), run.bestWindowMean(10));
        // CPU time of the training thread: on a shared machine far steadier than wall time (threads=1 puts all of
        // the work there; with threads=2 the critic's share runs on another thread and is not counted).
        System.out.printf("  main-thread CPU %.2f s%n", cpu);
        // The peers' figures (peers-measured.md): first episode at or above a return, mean return after 80% of the budget.
        double solved = Double.parseDouble(System.getProperty("solved", "475"));
        long first = -1;
        double late = 0;
        int lateCount = 0;
        for (double[] e : run.episodes) {
            if (first < 0 && e[0] >= solved) first = (long) e[2];
            if (e[2] > 0.8 * steps) {
                late += e[0];
                lateCount++;
            }
        }
        System.out.printf("  first episode >= %.0f ended at step %d; mean return of episodes after step %d: %.1f%n",
                solved, first, (long) (0.8 * steps), lateCount == 0 ? Double.NaN : late / lateCount);
    }
}
