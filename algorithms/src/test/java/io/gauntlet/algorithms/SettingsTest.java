package io.gauntlet.algorithms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gauntlet.core.args.ArgSchema;
import io.gauntlet.core.env.Box;
import io.gauntlet.core.env.Discrete;
import io.gauntlet.core.env.Space;
import io.gauntlet.core.experiment.AlgorithmSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every algorithm's settings record is complete: documented, with defaults that parse and lie in their ranges. */
class SettingsTest {
    @Test
    void everyDefaultParsesIsInRangeAndEverySettingIsDocumented() {
        for (AlgorithmSpec<?> spec : new Algorithms().algorithms()) {
            for (Space space : List.of(new Discrete(3), Box.uniform(2, -1, 1))) {
                if (!spec.supportsActionSpace().test(space)) continue;
                Record args = spec.resolve(space, Map.of()); // throws if a default is malformed or out of range
                assertEquals(spec.schema().fields().size(), spec.values(args).size(), spec.id());
                spec.make(args);
            }
            for (ArgSchema.Field f : spec.schema().fields()) {
                assertFalse(f.doc().isBlank(), spec.id() + "." + f.name());
                assertTrue(f.name().matches("[a-z][a-z0-9_]*"), spec.id() + "." + f.name());
            }
        }
    }

    @Test
    void ddpgsRllabPresetPinsItsDefaultsAndEveryPresetResolves() {
        Box box = Box.uniform(2, -1, 1);
        Map<String, Object> defaults = Ddpg.SPEC.values(Ddpg.SPEC.resolve(box, Map.of()));
        Map<String, Object> rllab = Ddpg.SPEC.values(Ddpg.SPEC.resolve(box, Ddpg.RLLAB));
        for (String name : defaults.keySet()) {
            assertEquals(ArgSchema.format(defaults.get(name)), ArgSchema.format(rllab.get(name)), "the rllab preset is the default " + name);
        }
        for (AlgorithmSpec<?> spec : new Algorithms().algorithms()) {
            for (io.gauntlet.core.args.Preset p : spec.presets()) spec.make(spec.resolve(box, p.settings()));
        }
    }

    @Test
    void ppoDefaultsAreCleanRlsForEachKindOfActionSpace() {
        Ppo.Args discrete = Ppo.SPEC.resolve(new Discrete(2), Map.of());
        Ppo.Args continuous = Ppo.SPEC.resolve(Box.uniform(1, -2, 2), Map.of());
        assertEquals(List.of(4, 128, 2.5e-4, 4, 4, 0.01, false), List.of(discrete.numEnvs(), discrete.numSteps(),
                discrete.learningRate(), discrete.numMinibatches(), discrete.updateEpochs(), discrete.entCoef(), discrete.normalize()));
        assertEquals(List.of(1, 2048, 3e-4, 32, 10, 0.0, true), List.of(continuous.numEnvs(), continuous.numSteps(),
                continuous.learningRate(), continuous.numMinibatches(), continuous.updateEpochs(), continuous.entCoef(),
                continuous.normalize()));
        assertEquals(2048, Ppo.SPEC.values(continuous).get("num_steps"), "params.json records what ran, never a placeholder");
    }
}
