package io.gauntlet.envs.classic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gauntlet.core.env.Env;
import io.gauntlet.core.env.EnvRegistry;
import io.gauntlet.core.env.Step;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Replays trajectories recorded from Gymnasium 1.3.0 itself (tools/gymnasium_reference.py wrote
 * gymnasium-reference.csv): from a given physical state, a fixed action sequence, every step's reward,
 * {@code terminated}, {@code truncated} and observation. Gymnasium returns float32 observations, so ours, rounded to
 * float32, must equal them within one float32 ulp; flags must match exactly, rewards to 1e-6 relative.
 */
class GymnasiumReferenceTest {
    record Row(int step, double[] action, double reward, boolean terminated, boolean truncated, double[] obs) {}

    private static double[] numbers(String text) {
        if (text.isEmpty()) return new double[0];
        return Arrays.stream(text.split(" ")).mapToDouble(Double::parseDouble).toArray();
    }

    private static Map<Integer, List<Row>> read(Map<Integer, String> tasks) throws IOException {
        Map<Integer, List<Row>> cases = new LinkedHashMap<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                GymnasiumReferenceTest.class.getResourceAsStream("gymnasium-reference.csv"), StandardCharsets.UTF_8))) {
            in.readLine();
            for (String line; (line = in.readLine()) != null; ) {
                String[] f = line.split(",", -1);
                int c = Integer.parseInt(f[0]);
                tasks.put(c, f[1]);
                int step = Integer.parseInt(f[2]);
                Row row = step == 0
                        ? new Row(0, null, 0, false, false, numbers(f[7]))
                        : new Row(step, numbers(f[3]), Double.parseDouble(f[4]), Boolean.parseBoolean(f[5]),
                                Boolean.parseBoolean(f[6]), numbers(f[7]));
                cases.computeIfAbsent(c, k -> new ArrayList<>()).add(row);
            }
        }
        return cases;
    }

    @Test
    void everyClassicTaskReplaysGymnasiumsTrajectories() throws IOException {
        Map<Integer, String> tasks = new LinkedHashMap<>();
        Map<Integer, List<Row>> cases = read(tasks);
        assertTrue(cases.size() >= 9);
        int steps = 0;
        for (var e : cases.entrySet()) {
            String task = tasks.get(e.getKey());
            List<Row> rows = e.getValue();
            Env env = EnvRegistry.make(task);
            Step s = Step.of(env);
            env.reset(0, s);
            env.setState(rows.get(0).obs(), s);
            boolean continuous = !(env.actionSpace() instanceof io.gauntlet.core.env.Discrete);
            for (Row r : rows.subList(1, rows.size())) {
                double[] action = r.action().clone();
                if (continuous) for (int i = 0; i < action.length; i++) action[i] = (float) action[i]; // Gymnasium got float32
                env.step(action, s);
                String where = task + " case " + e.getKey() + " step " + r.step();
                assertEquals(r.terminated(), s.terminated, where + ": terminated");
                assertEquals(r.truncated(), s.truncated, where + ": truncated");
                assertEquals(r.reward(), s.reward, 1e-6 * Math.max(1, Math.abs(r.reward())), where + ": reward");
                assertEquals(r.obs().length, s.observation.length, where);
                for (int i = 0; i < r.obs().length; i++) {
                    float ours = (float) s.observation[i];
                    float theirs = (float) r.obs()[i];
                    assertTrue(Math.abs(ours - theirs) <= Math.ulp(theirs),
                            where + ": obs[" + i + "] " + ours + " vs Gymnasium " + theirs);
                }
                steps++;
            }
        }
        assertTrue(steps > 600, "replayed " + steps + " steps");
    }
}
