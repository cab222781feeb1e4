package io.gauntlet.benchmarks.suite;

import io.gauntlet.benchmarks.suite.Acceptance;
import io.gauntlet.core.BadInputException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The named suites. Add one by adding a record to {@link #ALL}. */
public final class Suites {
    private Suites() {}

    /**
     * CartPole-v1 with every algorithm whose action space fits, and Pendulum-v1 with DDPG, TD3, SAC and PPO, 3 seeds.
     * Budgets are cut from the references' (PPO 500k, TRPO 1M) to what still shows each climb, weighed by each
     * algorithm's cost per step (docs/performance.md; RWR's and REPS's L-BFGS fits make them the dearest). DDPG, TD3 and
     * SAC on Pendulum start from their Pendulum presets and learn within 10k steps; PPO on Pendulum only starts its
     * climb in 100k.
     */
    public static final Suite QUICK = new Suite("quick",
            "CartPole-v1 with every algorithm whose action space fits, Pendulum-v1 with DDPG, TD3, SAC and PPO, 3 seeds",
            List.of(new Suite.Entry("CartPole-v1", List.of(), List.of(0L, 1L, 2L),
                            Map.of("random", 20_000L, "reinforce", 300_000L, "ppo", 200_000L, "trpo", 200_000L,
                                    "tnpg", 200_000L, "cem", 300_000L, "cmaes", 300_000L, "rwr", 100_000L, "reps", 100_000L),
                            100_000L, Map.of()),
                    new Suite.Entry("Pendulum-v1", List.of("ddpg", "td3", "sac", "ppo"), List.of(0L, 1L, 2L),
                            Map.of("ddpg", 15_000L, "td3", 15_000L, "sac", 15_000L, "ppo", 100_000L), 0, Map.of())));

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

    /**
     * Issue 5's locomotion figures: PPO (CleanRL's continuous defaults), TRPO ({@link Acceptance#TRPO_LOCOMOTION}) and
     * DDPG (its preset {@code locomotion}, the default there) on HalfCheetah, Hopper and Swimmer, 1M steps, seed 1.
     */
    public static final Suite LOCOMOTION = new Suite("locomotion",
            "PPO, TRPO and DDPG on HalfCheetah, Hopper and Swimmer (planar), 1M steps, seed 1",
            List.of(locomotion("HalfCheetah-planar-v0"), locomotion("Hopper-planar-v0"), locomotion("Swimmer-planar-v0")));

    private static Suite.Entry locomotion(String env) {
        return new Suite.Entry(env, List.of("ppo", "trpo", "ddpg"), List.of(1L),
                Map.of("ppo", 1_000_000L, "trpo", 1_000_000L, "ddpg", 1_000_000L), 0,
                Map.of("trpo", Acceptance.TRPO_LOCOMOTION));
    }

    public static final List<Suite> ALL = List.of(QUICK, ACCEPTANCE, LOCOMOTION, ACCEPTANCE_LOCOMOTION);

    public static Suite named(String name) {
        for (Suite s : ALL) if (s.name().equals(name)) return s;
        throw new BadInputException("unknown suite '" + name + "' (known: "
                + ALL.stream().map(Suite::name).collect(Collectors.joining(", ")) + ")");
    }
}
