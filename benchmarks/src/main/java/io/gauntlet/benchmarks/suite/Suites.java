package io.gauntlet.benchmarks.suite;

import io.gauntlet.benchmarks.suite.Acceptance;
import io.gauntlet.core.BadInputException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The named suites. Add one by shipping a sweep file in {@code resources/io/gauntlet/benchmarks/suites/} (or building
 * a {@link Suite} in code, as the acceptance table does from its criteria) and listing it in {@link #ALL}.
 */
public final class Suites {
    private Suites() {}

    /** CartPole-v1 with every fitting algorithm, Pendulum-v1 with DDPG, TD3, SAC and PPO, 3 seeds: quick.yaml, shipped in the jar. */
    public static final Suite QUICK = SweepFile.shipped("quick", null);

    /**
     * The acceptance table of the algorithms (issues 5 and 12): one entry per {@link Acceptance#CRITERIA} row, at the
     * budgets the issues state; the rows are evaluated on the finished runs.
     */
    public static final Suite ACCEPTANCE = Suite.of("acceptance",
            "the algorithms' acceptance table: PPO/REINFORCE/TNPG/TRPO solve CartPole-v1, DDPG/TD3/SAC Pendulum-v1, 5 seeds each",
            Acceptance.CRITERIA);

    /** TD3 and SAC against PPO on HalfCheetah and Hopper at 1M steps, 5 seeds ({@link Acceptance#LOCOMOTION_CRITERIA}). */
    public static final Suite ACCEPTANCE_LOCOMOTION = Suite.of("acceptance-locomotion",
            "TD3 and SAC on HalfCheetah and Hopper (planar), 1M steps, 5 seeds, against PPO's final returns",
            Acceptance.LOCOMOTION_CRITERIA);

    /** PPO, TRPO and DDPG on HalfCheetah, Hopper and Swimmer, 1M steps: locomotion.yaml, shipped in the jar. */
    public static final Suite LOCOMOTION = SweepFile.shipped("locomotion", null);

    /** rllab's protocol on every task × rllab's columns and PPO × 5 seeds: rllab-table.yaml (a --scale small for 2 cores). */
    public static final Suite RLLAB_TABLE = SweepFile.shipped("rllab-table", null);

    public static final List<Suite> ALL = List.of(QUICK, ACCEPTANCE, ACCEPTANCE_LOCOMOTION, LOCOMOTION, RLLAB_TABLE);

    /**
     * The suite {@code name} at {@code scale} (null: its default). A suite shipped as a sweep file
     * ({@link SweepFile#shippedText}) offers the scales its file names; the others have none.
     */
    public static Suite named(String name, String scale) {
        if (scale == null) return named(name);
        named(name); // an unknown name says so first
        if (SweepFile.shippedText(name) == null) throw new BadInputException("suite '" + name + "' has no scales");
        return SweepFile.shipped(name, scale);
    }

    public static Suite named(String name) {
        for (Suite s : ALL) if (s.name().equals(name)) return s;
        throw new BadInputException("unknown suite '" + name + "' (known: "
                + ALL.stream().map(Suite::name).collect(Collectors.joining(", ")) + ", " + PlacementTable.NAME + ")");
    }
}
