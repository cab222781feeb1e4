package io.gauntlet.spark;

import io.gauntlet.benchmarks.suite.SuiteRunner;
import io.gauntlet.core.args.ArgSchema;
import io.gauntlet.core.experiment.RunConfig;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One run as a Spark task ships it: plain, serialisable values only (Gauntlet's own types stay on each side of the
 * wire). {@link #execute} resolves it again on the executor and runs it with {@link SuiteRunner#runOne}.
 */
record SparkRun(String env, String algo, Map<String, String> settings, long seed, long steps, String directory)
        implements Serializable {

    /** {@code c} with every setting written out; a resource setting {@code threads} capped at {@code cpus}. */
    static SparkRun of(RunConfig c, String directory, int cpus) {
        Map<String, String> settings = new LinkedHashMap<>(SparkBackend.settings(c));
        for (ArgSchema.Field f : c.algorithm().schema().fields()) {
            if (f.resource() && f.name().equals("threads")) {
                settings.put("threads", Integer.toString(Math.max(1, Math.min(cpus, c.threads()))));
            }
        }
        return new SparkRun(c.env().id(), c.algorithm().id(), settings, c.seed(), c.steps(), directory);
    }

    /** What a task sends back: the run's counters, or its error as text. */
    record Done(String directory, boolean alreadyFinished, int iterations, long totalEnvSteps, double lastAverageReturn,
            double elapsedSeconds, String error) implements Serializable {}

    /** A run's error as its executor reported it. */
    static final class RemoteFailure extends RuntimeException {
        RemoteFailure(String message) {
            super(message);
        }

        @Override
        public String toString() {
            return getMessage();
        }
    }

    static Done execute(SparkRun r) {
        SuiteRunner.Outcome o;
        try {
            o = SuiteRunner.runOne(RunConfig.resolve(r.env, r.algo, r.settings, r.seed, r.steps), Path.of(r.directory), null);
        } catch (RuntimeException e) {
            return new Done(r.directory, false, 0, 0, Double.NaN, 0, e.toString());
        }
        if (o.error() != null) return new Done(r.directory, false, 0, 0, Double.NaN, 0, o.error().toString());
        var res = o.result();
        return new Done(r.directory, res.alreadyFinished(), res.iterations(), res.totalEnvSteps(), res.lastAverageReturn(),
                res.elapsedSeconds(), null);
    }
}
