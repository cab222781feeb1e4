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
     * CartPole-v1 with every algorithm whose action space fits, and Pendulum-v1 with DDPG and PPO, 3 seeds. Budgets
     * are cut from the references' (PPO 500k, TRPO 1M) to what still shows each climb, weighed by each algorithm's
     * cost per step (docs/performance.md; RWR's and REPS's L-BFGS fits make them the dearest). DDPG on Pendulum uses
     * the acceptance row's settings and learns within 10k steps; PPO on Pendulum only starts its climb in 100k.
     */
    public static final Suite QUICK = new Suite("quick",
            "CartPole-v1 with every algorithm whose action space fits, Pendulum-v1 with DDPG and PPO, 3 seeds",
            List.of(new Suite.Entry("CartPole-v1", List.of(), List.of(0L, 1L, 2L),
                            Map.of("random", 20_000L, "reinforce", 300_000L, "ppo", 200_000L, "trpo", 200_000L,
                                    "tnpg", 200_000L, "cem", 300_000L, "cmaes", 300_000L, "rwr", 100_000L, "reps", 100_000L),
                            100_000L, Map.of()),
                    new Suite.Entry("Pendulum-v1", List.of("ddpg", "ppo"), List.of(0L, 1L, 2L),
                            Map.of("ddpg", 15_000L, "ppo", 100_000L), 0, Map.of("ddpg", Acceptance.DDPG_PENDULUM))));

    /**
     * The acceptance table of the algorithms (issue 5): one entry per {@link Acceptance#CRITERIA} row, at the
     * budgets the issue states; the rows are evaluated on the finished runs.
     */
    public static final Suite ACCEPTANCE = Suite.of("acceptance",
            "the algorithms' acceptance table: PPO/REINFORCE/TNPG/TRPO solve CartPole-v1, DDPG Pendulum-v1, 5 seeds each",
            Acceptance.CRITERIA);

    /**
     * Issue 5's locomotion figures: PPO (CleanRL's continuous defaults), TRPO ({@link Acceptance#TRPO_LOCOMOTION}) and
     * DDPG ({@link Acceptance#DDPG_LOCOMOTION}) on HalfCheetah, Hopper and Swimmer, 1M steps, seed 1; and issue 15's
     * 3D rows of rllab's table: Ant, Humanoid and rllab's Simple Humanoid.
     */
    public static final Suite LOCOMOTION = new Suite("locomotion",
            "PPO, TRPO and DDPG on HalfCheetah, Hopper, Swimmer (planar), Ant, Humanoid and Simple Humanoid (3D), 1M steps, seed 1",
            List.of(locomotion("HalfCheetah-planar-v0"), locomotion("Hopper-planar-v0"), locomotion("Swimmer-planar-v0"),
                    locomotion("Ant-3d-v0"), locomotion("Humanoid-3d-v0"), locomotion("SimpleHumanoid-rllab")));

    private static Suite.Entry locomotion(String env) {
        return new Suite.Entry(env, List.of("ppo", "trpo", "ddpg"), List.of(1L),
                Map.of("ppo", 1_000_000L, "trpo", 1_000_000L, "ddpg", 1_000_000L), 0,
                Map.of("trpo", Acceptance.TRPO_LOCOMOTION, "ddpg", Acceptance.DDPG_LOCOMOTION));
    }

    public static final List<Suite> ALL = List.of(QUICK, ACCEPTANCE, LOCOMOTION);

    public static Suite named(String name) {
        for (Suite s : ALL) if (s.name().equals(name)) return s;
        throw new BadInputException("unknown suite '" + name + "' (known: "
                + ALL.stream().map(Suite::name).collect(Collectors.joining(", ")) + ")");
    }
}
