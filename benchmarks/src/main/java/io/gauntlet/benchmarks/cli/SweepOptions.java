package io.gauntlet.benchmarks.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where a suite or sweep runs and how wide (a picocli mixin of {@code run} and {@code sweep}). */
final class SweepOptions {
    @Option(names = "--out", paramLabel = "DIR", defaultValue = "results", description = "results root (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--jobs", paramLabel = "N", description = "cores to use: runs go in parallel, a run's own threads counted (default: number of cores)")
    Integer jobs;

    @Option(names = "--scale", paramLabel = "NAME", description = "one of the sweep's scales (its 'scales' key; run --help lists the suites'): results in <out>/<name>-<scale>/")
    String scale;

    int jobs() {
        return jobs == null ? Runtime.getRuntime().availableProcessors() : jobs;
    }
}
