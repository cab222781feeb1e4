package io.gauntlet.benchmarks.suite;

import io.gauntlet.core.BadInputException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The named suites. Add one by adding a record to {@link #ALL}. */
public final class Suites {
    private Suites() {}

    /**
     * CartPole-v1, every algorithm whose action space fits, 3 seeds: a few minutes on 2 cores. Budgets are cut from
     * the references' (PPO 500k, TRPO 1M) to what still shows the climb towards 500: PPO passes 475 near 20k steps
     * in CleanRL's measurement; the batch methods (5,000 steps per iteration) get 20 iterations.
     */
    public static final Suite QUICK = new Suite("quick",
            "CartPole-v1, every algorithm whose action space fits, 3 seeds (a few minutes on 2 cores)",
            List.of(new Suite.Entry("CartPole-v1", List.of(), List.of(0L, 1L, 2L),
                    Map.of("random", 20_000L, "ppo", 100_000L, "reinforce", 100_000L, "trpo", 100_000L, "tnpg", 100_000L),
                    100_000L, Map.of())));

    public static final List<Suite> ALL = List.of(QUICK);

    public static Suite named(String name) {
        for (Suite s : ALL) if (s.name().equals(name)) return s;
        throw new BadInputException("unknown suite '" + name + "' (known: "
                + ALL.stream().map(Suite::name).collect(Collectors.joining(", ")) + ")");
    }
}
