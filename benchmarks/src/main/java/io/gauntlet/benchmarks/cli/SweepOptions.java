package io.gauntlet.benchmarks.cli;

import io.gauntlet.core.BadInputException;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Where a suite or sweep runs, how wide, and how it reports (a picocli mixin of {@code run} and {@code sweep}). */
final class SweepOptions {
    @Mixin
    JsonOutput output;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "results", description = "results root (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--jobs", paramLabel = "N", description = "cores to use: runs go in parallel, a run's own threads counted (default: number of cores)")
    Integer jobs;

    @Option(names = "--scale", paramLabel = "NAME", description = "one of the sweep's scales (its 'scales' key; run --help lists the suites'): results in <out>/<name>-<scale>/")
    String scale;

    /** The jobs asked for, at most this machine's cores (more would only slow each run down), or all of them. */
    int jobs() {
        int cores = Runtime.getRuntime().availableProcessors();
        if (jobs != null && (jobs < 1 || jobs > cores)) {
            throw new BadInputException("--jobs must be in [1, " + cores + "] (the cores of this machine), got " + jobs);
        }
        return jobs == null ? cores : jobs;
    }
}
