package io.gauntlet.benchmarks.suite;

import io.gauntlet.core.BadInputException;
import java.util.List;
import java.util.stream.Collectors;

/** The named suites. Add one by adding a record to {@link #ALL}. */
public final class Suites {
    private Suites() {}

    public static final Suite QUICK = new Suite("quick",
            "CartPole-v1 with every algorithm that handles discrete actions, 3 seeds, each at its default budget",
            List.of(new Suite.Entry("CartPole-v1", List.of(), List.of(0L, 1L, 2L))));

    public static final List<Suite> ALL = List.of(QUICK);

    public static Suite named(String name) {
        for (Suite s : ALL) if (s.name().equals(name)) return s;
        throw new BadInputException("unknown suite '" + name + "' (known: "
                + ALL.stream().map(Suite::name).collect(Collectors.joining(", ")) + ")");
    }
}
