package io.gauntlet.benchmarks.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class SpeedCommandTest {
    @Test
    void jsonReportsTheMeasurement() throws Exception {
        CliRunner r = CliRunner.run("speed", "--env", "Acrobot-v1:noisy-delayed", "--num-envs", "4", "--steps", "2000", "--json");
        assertEquals(0, r.status(), r.err());
        JsonNode o = new ObjectMapper().readTree(r.out());
        assertEquals("Acrobot-v1:noisy-delayed", o.get("env").asText());
        assertEquals(4, o.get("num_envs").asInt());
        assertEquals(2000, o.get("steps").asLong());
        assertTrue(o.get("steps_per_second").asDouble() > 0);
    }

    @Test
    void sentenceForOneEnv() {
        CliRunner r = CliRunner.run("speed", "--env", "CartPole-v1", "--steps", "1000");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith("CartPole-v1: ") && r.out().contains("env steps/s"), r.out());
    }

    @Test
    void badCountsAreUserErrors() {
        CliRunner r = CliRunner.run("speed", "--env", "CartPole-v1", "--num-envs", "0");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("--num-envs"));
    }
}
