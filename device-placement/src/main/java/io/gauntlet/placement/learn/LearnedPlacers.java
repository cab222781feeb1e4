package io.gauntlet.placement.learn;

import io.gauntlet.core.BadInputException;
import io.gauntlet.core.env.EnvRegistry;
import io.gauntlet.core.env.EnvSpec;
import io.gauntlet.core.experiment.AlgorithmSpec;
import io.gauntlet.core.experiment.RunConfig;
import io.gauntlet.core.experiment.TrainedRun;
import io.gauntlet.placement.env.PlacementEnv;
import io.gauntlet.placement.env.PlacementEnvs;
import io.gauntlet.placement.env.PlacementGraph;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The learned placers as {@code place} and the placement table run them: a training run of the placer's algorithm
 * on the placement task of a model and a cluster, with a budget counted in placements, and the best placement the run
 * found, as a placement of the graph's ops.
 */
public final class LearnedPlacers {
    private LearnedPlacers() {}

    public static List<AlgorithmSpec<?>> all() {
        return List.of(Seq2SeqPlacer.SPEC, GnnPlacer.SPEC);
    }

    public static boolean isLearned(String placer) {
        return all().stream().anyMatch(a -> a.id().equals(placer));
    }

    public static AlgorithmSpec<?> spec(String placer) {
        return all().stream().filter(a -> a.id().equals(placer)).findFirst()
                .orElseThrow(() -> new BadInputException("unknown learned placer '" + placer + "'"));
    }

    /** Groups an episode of the task places (the mean over its graphs, rounded). */
    public static int groups(EnvSpec task) {
        PlacementEnv env = (PlacementEnv) task.make().unwrapped();
        long sum = 0;
        for (int k = 0; k < env.graphCount(); k++) sum += env.graph(k).groups();
        return (int) Math.round((double) sum / env.graphCount());
    }

    /**
     * The run of {@code placer} on {@code model} (a zoo spec or graph file) and {@code cluster} (an id or cluster file):
     * {@code placements} placements (null: the algorithm's default budget), settings {@code set} over its defaults.
     */
    public static RunConfig config(String placer, String model, String cluster, long seed, Long placements, Map<String, String> set) {
        if (placements != null && placements <= 0) throw new BadInputException("--budget must be a positive number of placements, got " + placements);
        EnvSpec task = EnvRegistry.spec(PlacementEnvs.id(model, cluster));
        AlgorithmSpec<?> algo = spec(placer);
        Record args = RunConfig.resolveArgs(algo, RunConfig.requireSupported(task, algo), set);
        long steps = placements == null ? algo.defaultSteps() : placements * groups(task);
        return new RunConfig(task, algo, args, seed, steps);
    }

    /** The best placement a learned placer's run found, as a device per op of its task's graph. */
    public static int[] bestOpPlacement(Path runDir) {
        TrainedRun run = TrainedRun.load(runDir);
        BestPlacement best = BestPlacement.from(run.state());
        PlacementGraph pg = ((PlacementEnv) EnvRegistry.make(run.envId()).unwrapped()).graph(0);
        return pg.grouping().expand(best.devices());
    }
}
