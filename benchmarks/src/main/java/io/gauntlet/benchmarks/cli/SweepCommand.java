package io.gauntlet.benchmarks.cli;

import io.gauntlet.benchmarks.suite.Suite;
import io.gauntlet.benchmarks.suite.SweepBackend;
import io.gauntlet.benchmarks.suite.SweepFile;
import io.gauntlet.core.BadInputException;
import java.nio.file.Path;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Run the grid a sweep file describes into <out>/<name>/, then its report into <out>/<name>/report/.",
            "Every problem in the file is listed with its line and column before anything runs (exit status 2).",
            "Killed at any moment, the same command again skips finished runs and resumes the others from their",
            "checkpoints. A run that fails is recorded (error.txt in its directory) and the sweep goes on; exit",
            "status 1 names the failures. The file format: docs/sweeps.md; ./gauntlet run quick --print shows one."},
        footer = {"", "Examples:", "  ./gauntlet sweep my-sweep.yaml --jobs 2",
            "  ./gauntlet sweep my-sweep.yaml --spark spark://head:7077 --out /shared/results"})
final class SweepCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "the sweep file (YAML)")
    Path file;

    @Mixin
    SweepOptions options;

    @Option(names = "--spark", paramLabel = "MASTER_URL", description = "run each run as a Spark task (local[2], spark://host:7077, yarn, k8s://...); "
            + "<out> must be a directory every executor sees (docs/sweeps.md)")
    String spark;

    @Option(names = "--dry-run", description = "check the file and list the runs it makes, without running them")
    boolean dryRun;

    @Override
    public Integer call() throws Exception {
        Suite s;
        try {
            s = SweepFile.read(file, options.scale);
        } catch (SweepFile.Invalid e) {
            for (String line : e.lines()) System.err.println("gauntlet: " + line);
            return Gauntlet.EXIT_BAD_INPUT;
        }
        if (dryRun) {
            long steps = 0;
            for (Suite.Run r : s.plan()) {
                System.out.println(r.directory() + "  " + r.config().steps());
                steps += r.config().steps();
            }
            System.err.printf(java.util.Locale.ROOT, "gauntlet: sweep %s: %d runs, %,d env steps -> %s%n", s.name(), s.plan().size(),
                    steps, options.out.resolve(s.name()));
            return 0;
        }
        SweepBackend backend = spark == null ? null : backend("spark");
        return RunCommand.run(s, options.out, options.jobs(), options.output.enabled, backend, spark);
    }

    static SweepBackend backend(String name) {
        for (SweepBackend b : ServiceLoader.load(SweepBackend.class)) if (b.name().equals(name)) return b;
        throw new BadInputException("--" + name + " needs Gauntlet's Spark application on the class path: set SPARK_HOME and run "
                + "./gauntlet, or spark-submit spark/target/gauntlet-spark.jar (docs/sweeps.md)");
    }
}
