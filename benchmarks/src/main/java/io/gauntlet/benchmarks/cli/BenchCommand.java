package io.gauntlet.benchmarks.cli;

import io.gauntlet.core.BadInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.openjdk.jmh.runner.NoBenchmarksException;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * JMH's own command line (what {@code org.openjdk.jmh.Main} does), with its errors as one line instead of a stack
 * trace and an exit.
 */
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
        CommandLineOptions options;
        try {
            options = new CommandLineOptions(args.toArray(new String[0]));
        } catch (CommandLineOptionException e) {
            throw new BadInputException("bench: " + e.getMessage(), e);
        }
        Runner runner = new Runner(options);
        if (options.shouldHelp()) {
            options.showHelp();
        } else if (options.shouldList()) {
            runner.list();
        } else if (options.shouldListWithParams()) {
            runner.listWithParams(options);
        } else if (options.shouldListProfilers()) {
            options.listProfilers();
        } else if (options.shouldListResultFormats()) {
            options.listResultFormats();
        } else {
            try {
                runner.run();
            } catch (NoBenchmarksException e) {
                throw new BadInputException("bench: no benchmark matches " + args + " (see: ./gauntlet bench -l)", e);
            } catch (RunnerException e) {
                Throwable t = e;
                while (t.getCause() != null) t = t.getCause();
                System.err.println("gauntlet: bench: " + Gauntlet.oneLine(t.getMessage()));
                return 1;
            }
        }
        return 0;
    }
}
