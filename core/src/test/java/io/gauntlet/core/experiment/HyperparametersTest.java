package io.gauntlet.core.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gauntlet.core.BadInputException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HyperparametersTest {
    static final List<Param> PARAMS = List.of(
            new Param("lr", 3e-4, "learning rate"),
            new Param("epochs", 10, "epochs per update"),
            new Param("batch", 2048L, "steps per batch"),
            new Param("normalize", true, "normalise advantages"),
            new Param("hidden", new int[] {64, 64}, "hidden sizes"),
            new Param("activation", "tanh", "hidden activation"));

    @Test
    void defaultsAndOverridesResolve() {
        Hyperparameters h = new Hyperparameters(PARAMS, Map.of("lr", "1e-3", "hidden", "32, 16", "normalize", "FALSE"));
        assertEquals(1e-3, h.getDouble("lr"));
        assertEquals(10, h.getInt("epochs"));
        assertEquals(2048L, h.getLong("batch"));
        assertFalse(h.getBoolean("normalize"));
        assertArrayEquals(new int[] {32, 16}, h.getInts("hidden"));
        assertEquals("tanh", h.getString("activation"));
        assertEquals(List.of("lr", "epochs", "batch", "normalize", "hidden", "activation"), List.copyOf(h.resolved().keySet()));
    }

    @Test
    void badOverridesNameTheProblem() {
        BadInputException unknown = assertThrows(BadInputException.class,
                () -> new Hyperparameters(PARAMS, Map.of("learning_rate", "1")));
        assertTrue(unknown.getMessage().contains("learning_rate"));
        BadInputException malformed = assertThrows(BadInputException.class,
                () -> new Hyperparameters(PARAMS, Map.of("epochs", "ten")));
        assertTrue(malformed.getMessage().contains("epochs") && malformed.getMessage().contains("ten"));
        assertThrows(BadInputException.class, () -> new Hyperparameters(PARAMS, Map.of("lr", "NaN")));
        assertThrows(BadInputException.class, () -> new Hyperparameters(PARAMS, Map.of("normalize", "yes")));
        assertThrows(BadInputException.class, () -> new Hyperparameters(PARAMS, Map.of("hidden", "64,0")));
    }
}
