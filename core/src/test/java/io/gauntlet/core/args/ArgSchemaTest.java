package io.gauntlet.core.args;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gauntlet.core.BadInputException;
import io.gauntlet.core.env.Box;
import io.gauntlet.core.env.Discrete;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ArgSchemaTest {
    enum Activation { TANH, RELU }

    record Args(
            @Arg(value = "4", continuous = "1", doc = "env copies", range = "[1, 64]") int numEnvs,
            @Arg(value = "0.99", doc = "discount", range = "[0, 1]") double gamma,
            @Arg(value = "3e-4", doc = "learning rate", range = "(0, 1]") double learningRate,
            @Arg(value = "1_000", doc = "buffer", range = "[1, inf)") long bufferSize,
            @Arg(value = "true", doc = "anneal") boolean annealLr,
            @Arg(value = "64,64", doc = "layers", range = "[1, 4096]") int[] hiddenSizes,
            @Arg(value = "tanh", doc = "activation") Activation activation,
            @Arg(value = "2", doc = "threads", range = "[1, 2]", resource = true) int threads) {
        Args {
            if (numEnvs * 2 > bufferSize) throw new BadInputException("buffer_size must hold two steps of every env copy");
        }
    }

    private final ArgSchema<Args> schema = ArgSchema.of(Args.class);

    @Test
    void namesAreTheComponentsInSnakeCaseAndDefaultsDependOnTheActionSpace() {
        assertEquals(List.of("num_envs", "gamma", "learning_rate", "buffer_size", "anneal_lr", "hidden_sizes", "activation", "threads"),
                schema.fields().stream().map(ArgSchema.Field::name).toList());
        assertEquals(4, schema.defaults(new Discrete(2)).numEnvs());
        assertEquals(1, schema.defaults(Box.uniform(1, -1, 1)).numEnvs());
        Args d = schema.defaults(new Discrete(2));
        assertEquals(3e-4, d.learningRate());
        assertEquals(1000, d.bufferSize());
        assertArrayEquals(new int[] {64, 64}, d.hiddenSizes());
        assertEquals(Activation.TANH, d.activation());
        assertEquals("l2_reg_dual", ArgSchema.snakeCase("l2RegDual"));
    }

    @Test
    void overridesAreParsedByType() {
        Args a = schema.resolve(new Discrete(2), Map.of("gamma", "0.5", "buffer_size", "1e6", "hidden_sizes", "256, 128",
                "activation", "RELU", "anneal_lr", "false"));
        assertEquals(0.5, a.gamma());
        assertEquals(1_000_000, a.bufferSize());
        assertArrayEquals(new int[] {256, 128}, a.hiddenSizes());
        assertEquals(Activation.RELU, a.activation());
        assertEquals(false, a.annealLr());
        assertEquals(8, schema.values(a).size());
        assertEquals("relu", schema.values(a).get("activation"));
        assertEquals(false, schema.identity(a).containsKey("threads"), "a resource setting is not identity");
    }

    private String error(Map<String, String> overrides) {
        return assertThrows(BadInputException.class, () -> schema.resolve(new Discrete(2), overrides)).getMessage();
    }

    @Test
    void everyBadValueIsOneLineNamingTheSettingTheValueAndWhatIsAllowed() {
        assertEquals("setting 'gamma' must be in [0, 1], got 2", error(Map.of("gamma", "2")));
        assertEquals("setting 'learning_rate' must be in (0, 1], got -2", error(Map.of("learning_rate", "-2")));
        assertEquals("setting 'learning_rate' must be in (0, 1], got 0", error(Map.of("learning_rate", "0")));
        assertEquals("setting 'threads' must be in [1, 2], got 3", error(Map.of("threads", "3")));
        assertEquals("setting 'num_envs' expects an integer in [1, 64], got '2.5'", error(Map.of("num_envs", "2.5")));
        assertEquals("setting 'gamma' expects a finite number in [0, 1], got 'NaN'", error(Map.of("gamma", "NaN")));
        assertEquals("setting 'anneal_lr' expects true or false, got 'yes'", error(Map.of("anneal_lr", "yes")));
        assertEquals("setting 'hidden_sizes' expects sizes separated by commas (each in [1, 4096]), got '64,0'",
                error(Map.of("hidden_sizes", "64,0")));
        assertEquals("setting 'hidden_sizes' must be in [1, 4096], got 64,5000", error(Map.of("hidden_sizes", "64,5000")));
        assertEquals("setting 'activation' must be one of tanh, relu, got 'sigmoid'", error(Map.of("activation", "sigmoid")));
        assertEquals("unknown setting 'gama' (known: num_envs, gamma, learning_rate, buffer_size, anneal_lr, hidden_sizes, "
                + "activation, threads)", error(Map.of("gama", "0.9")));
        assertEquals("buffer_size must hold two steps of every env copy", error(Map.of("buffer_size", "4")));
        assertEquals("setting 'num_envs' expects an integer in [1, 64], got '99999999999'", error(Map.of("num_envs", "99999999999")));
    }
}
