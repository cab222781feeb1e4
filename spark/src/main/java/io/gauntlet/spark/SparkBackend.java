package io.gauntlet.spark;

import io.gauntlet.benchmarks.suite.Suite;
import io.gauntlet.benchmarks.suite.SuiteRunner;
import io.gauntlet.benchmarks.suite.SweepBackend;
import io.gauntlet.core.args.ArgSchema;
import io.gauntlet.core.experiment.RunConfig;
import io.gauntlet.core.experiment.RunResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * A sweep on Apache Spark: each run is one Spark task. The driver ships only plain values ({@link SparkRun}: ids,
 * settings as text, seed, budget, directory); the task runs Gauntlet's own runner, so a run is the same on an executor
 * as on the local pool, into a directory on a file system every executor sees. A task whose executor is lost is retried
 * by Spark and resumes from the run's checkpoint; a run that throws is a failed run, not a failed task, so Spark does
 * not retry it and the sweep goes on. Speculative execution is turned off: two attempts of one run would meet at its
 * lock. Each task takes {@code spark.task.cpus} cores; a run whose algorithm could use more threads uses at most as
 * many (a thread count never changes results).
 */
public final class SparkBackend implements SweepBackend {
    @Override
    public String name() {
        return "spark";
    }

    @Override
    public List<SuiteRunner.Outcome> run(String sweep, List<Suite.Run> plan, Path suiteDir, String master) {
        SparkConf conf = new SparkConf().setAppName("gauntlet sweep " + sweep).set("spark.speculation", "false");
        if (master != null) conf.setMaster(master);
        if (conf.get("spark.master", "").startsWith("local")) {
            // Everything in this JVM: keep the driver's endpoints on the loopback interface.
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1").setIfMissing("spark.driver.host", "127.0.0.1");
        }
        int cpus = conf.getInt("spark.task.cpus", 1);
        List<SparkRun> runs = new ArrayList<>();
        Path root = suiteDir.toAbsolutePath().normalize();
        for (Suite.Run r : plan) runs.add(SparkRun.of(r.config(), root.resolve(r.directory()).toString(), cpus));
        List<SparkRun.Done> done;
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            sc.setLogLevel("WARN");
            done = sc.parallelize(runs, Math.max(1, runs.size())).map(SparkRun::execute).collect();
        }
        List<SuiteRunner.Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < plan.size(); i++) {
            SparkRun.Done d = done.get(i);
            RunConfig c = plan.get(i).config();
            Path dir = Path.of(d.directory());
            outcomes.add(d.error() != null ? new SuiteRunner.Outcome(c, null, new SparkRun.RemoteFailure(d.error()), dir)
                    : new SuiteRunner.Outcome(c, new RunResult(dir, d.alreadyFinished(), d.iterations(), d.totalEnvSteps(),
                            d.lastAverageReturn(), d.elapsedSeconds()), null, dir));
        }
        return outcomes;
    }

    /** The settings of {@code c} as text, as {@code --set} takes them. */
    static java.util.Map<String, String> settings(RunConfig c) {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        for (var e : c.algorithm().values(c.args()).entrySet()) out.put(e.getKey(), ArgSchema.format(e.getValue()));
        return out;
    }
}
