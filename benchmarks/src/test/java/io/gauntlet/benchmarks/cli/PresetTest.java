package io.gauntlet.benchmarks.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gauntlet.core.args.Preset;
import io.gauntlet.core.env.EnvRegistry;
import io.gauntlet.core.experiment.AlgorithmRegistry;
import io.gauntlet.core.experiment.AlgorithmSpec;
import io.gauntlet.core.experiment.RunConfig;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-task presets as a user meets them: applied by default on their tasks, named or refused, under --set. */
class PresetTest {
    @TempDir Path tmp;

    @Test
    void everyPresetResolvesOnEachTaskItIsTheDefaultOn() {
        int defaults = 0;
        for (AlgorithmSpec<?> a : AlgorithmRegistry.all()) {
            for (Preset p : a.presets()) {
                for (String task : p.tasks()) {
                    RunConfig c = RunConfig.resolve(task, a.id(), Map.of(), 1, null); // an unknown task id throws
                    assertEquals(p.name(), c.preset(), a.id() + " on " + task);
                    assertEquals(p.steps() > 0 ? p.steps() : a.defaultSteps(), c.steps());
                    defaults++;
                }
                if (p.tasks().isEmpty()) {
                    String anyBox = "Pendulum-v1";
                    assertEquals(p.name(), RunConfig.resolve(anyBox, a.id(), Map.of(Preset.KEY, p.name()), 1, null).preset());
                }
            }
        }
        assertTrue(defaults >= 7, "ddpg's pendulum and locomotion, td3's and sac's pendulum");
        assertTrue(EnvRegistry.all().size() > 0);
    }

    @Test
    void theTasksPresetAppliesUnlessAnotherOrNoneIsNamedAndSetWins() {
        RunConfig byDefault = RunConfig.resolve("Pendulum-v1:normalize-obs", "td3", Map.of("learning_starts", "300"), 1, null);
        assertEquals("pendulum", byDefault.preset());
        Map<String, Object> v = byDefault.algorithm().values(byDefault.args());
        assertEquals(0.98, v.get("gamma"));
        assertEquals(300, v.get("learning_starts"));
        assertEquals(20_000, byDefault.steps());

        RunConfig none = RunConfig.resolve("Pendulum-v1", "td3", Map.of(Preset.KEY, Preset.NONE), 1, null);
        assertNull(none.preset());
        assertEquals(0.99, none.algorithm().values(none.args()).get("gamma"));
        assertEquals(1_000_000, none.steps());

        RunConfig rllab = RunConfig.resolve("Pendulum-v1", "ddpg", Map.of(Preset.KEY, "rllab"), 1, 5_000L);
        assertEquals(32, rllab.algorithm().values(rllab.args()).get("batch_size"));
        assertEquals(5_000, rllab.steps());
        // Where no preset is the default, a run gets the algorithm's own defaults.
        assertNull(RunConfig.resolve("MountainCarContinuous-v0", "td3", Map.of(), 1, null).preset());
    }

    @Test
    void trainRecordsThePresetInParamsJson() throws Exception {
        CliRunner r = CliRunner.run("train", "--env", "Pendulum-v1", "--algo", "sac", "--steps", "200", "--set", "learning_starts=500",
                "--set", "threads=1", "--out", tmp.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.err().contains("preset 'pendulum'"), r.err());
        JsonNode params = new ObjectMapper().readTree(tmp.resolve("Pendulum-v1/sac/seed-0/params.json").toFile());
        assertEquals("pendulum", params.get("preset").asText());
        assertEquals("64", params.get("params").get("hidden_sizes").get(0).asText());
        assertEquals(500, params.get("params").get("learning_starts").asInt());

        CliRunner none = CliRunner.run("train", "--env", "Pendulum-v1", "--algo", "sac", "--preset", "none", "--steps", "200",
                "--set", "learning_starts=500", "--set", "threads=1", "--out", tmp.resolve("none").toString());
        assertEquals(0, none.status(), none.err());
        JsonNode p2 = new ObjectMapper().readTree(tmp.resolve("none/Pendulum-v1/sac/seed-0/params.json").toFile());
        assertTrue(p2.get("preset").isNull());
        assertEquals("256", p2.get("params").get("hidden_sizes").get(0).asText());
    }
}
