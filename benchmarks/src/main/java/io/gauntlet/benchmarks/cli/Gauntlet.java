package io.gauntlet.benchmarks.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code ./gauntlet} command line. Every subcommand is its own class; user errors (a
 * {@code BadInputException}, malformed flags) print one line on stderr and exit with status 2, other failures one
 * line and status 1 ({@link Failures}).
 */
@Command(
        name = "gauntlet",
        mixinStandardHelpOptions = true,
        version = "Gauntlet 0.1.0",
        description = "Benchmarks for deep RL on continuous control and for learned device placement.",
        subcommands = {
            CommandLine.HelpCommand.class,
            ListCommand.class,
            TrainCommand.class,
            RunCommand.class,
            SweepCommand.class,
            ReportCommand.class,
            BenchCommand.class,
            RolloutCommand.class,
            SpeedCommand.class,
            PlaceCommand.class,
            RenderCommand.class,
        })
public final class Gauntlet implements Runnable {
    public static final int EXIT_BAD_INPUT = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the CLI and returns its exit status (tests call this instead of main). */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Gauntlet());
        // bench hands everything to JMH, including options picocli does not know (-wi, -f, ...)
        cl.getSubcommands().get("bench").setUnmatchedOptionsArePositionalParams(true);
        // run's list of suites is generated from the suites themselves, only when help is shown
        CommandLine run = cl.getSubcommands().get("run");
        run.getHelpSectionMap().put("suites", help -> String.format(RunCommand.suitesHelp()));
        java.util.List<String> sections = new java.util.ArrayList<>(run.getHelpSectionKeys());
        sections.add(sections.indexOf(CommandLine.Model.UsageMessageSpec.SECTION_KEY_FOOTER_HEADING), "suites");
        run.setHelpSectionKeys(sections);
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("gauntlet: " + oneLine(ex.getMessage()));
            return EXIT_BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> Failures.report(ex, commandLine.getErr()));
        return cl;
    }

    static String oneLine(String message) {
        if (message == null) return "invalid input";
        return message.replace('\n', ' ').replace('\r', ' ').trim();
    }
}
