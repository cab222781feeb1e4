package io.gauntlet.benchmarks.cli;

import picocli.CommandLine.Option;

/** The {@code --json} option of every command that reports figures (a picocli mixin). */
final class JsonOutput {
    @Option(names = "--json", description = "print one JSON object on stdout instead of text")
    boolean enabled;
}
