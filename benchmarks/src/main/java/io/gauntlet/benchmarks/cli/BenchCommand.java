package io.gauntlet.benchmarks.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "bench",
        description = {"Run the JMH benchmarks built into Gauntlet; every argument goes to JMH (its help: bench -h)."},
        footer = {"", "Examples:", "  ./gauntlet bench -l                         list the benchmarks",
            "  ./gauntlet bench MlpBenchmark -wi 2 -i 3 -f 1"})
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--help", usageHelp = true, description = "show this help")
    boolean help;

    @Parameters(paramLabel = "JMH-ARGS", arity = "0..*", description = "arguments for JMH")
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        org.openjdk.jmh.Main.main(args.toArray(new String[0]));
        return 0;
    }
}
