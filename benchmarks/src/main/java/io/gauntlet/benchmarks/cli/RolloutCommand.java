package io.gauntlet.benchmarks.cli;

import io.gauntlet.core.io.OutputPaths;
import io.gauntlet.core.io.InputFiles;
import io.gauntlet.core.io.AtomicFiles;
import io.gauntlet.core.BadInputException;
import io.gauntlet.core.env.Discrete;
import io.gauntlet.core.env.Env;
import io.gauntlet.core.env.EnvRegistry;
import io.gauntlet.core.env.Step;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code gauntlet rollout}: replays a list of actions from a given physical state and prints what the task
 * returns, one CSV row per step, so a trajectory can be compared number for number with another implementation
 * (e.g. Gymnasium's with {@code env.unwrapped.state = ...}).
 */
@Command(
        name = "rollout",
        mixinStandardHelpOptions = true,
        description = {
            "Replay actions from a given physical state; prints CSV step,reward,terminated,truncated,obs_0,...",
            "Stops after the first terminated or truncated step, or when the actions run out."
        })
public final class RolloutCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--env", required = true, paramLabel = "ID", description = "Task id, wrapper suffixes allowed (e.g. Pendulum-v1).")
    String envId;

    @Option(names = "--init-state", required = true, paramLabel = "v1,v2,...",
            description = "The task's physical state, e.g. CartPole-v1: x,x_dot,theta,theta_dot; Pendulum-v1: theta,theta_dot.")
    String initState;

    @Option(names = "--actions", required = true, paramLabel = "FILE",
            description = "One action per line: an integer for a discrete task, comma-separated numbers for a continuous one.")
    Path actionsFile;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the CSV here (atomically) instead of stdout.")
    Path out;

    @Option(names = "--seed", converter = SeedConverter.class, defaultValue = "0", description = "Seed for the task's reset (matters only for random wrappers). Default ${DEFAULT-VALUE}.")
    long seed;

    @Override
    public Integer call() throws IOException {
        Env env = EnvRegistry.make(envId);
        double[] state = parseState(initState);
        List<double[]> actions = readActions(actionsFile, env);
        if (out != null) OutputPaths.requireFile("--out", out);

        Step step = Step.of(env);
        env.reset(seed, step);
        try {
            env.setState(state, step);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--init-state: " + e.getMessage(), e);
        }
        StringBuilder csv = new StringBuilder();
        csv.append("step,reward,terminated,truncated");
        for (int i = 0; i < step.observation.length; i++) csv.append(",obs_").append(i);
        csv.append('\n');
        for (int t = 0; t < actions.size(); t++) {
            try {
                env.step(actions.get(t), step);
            } catch (IllegalArgumentException e) {
                throw new BadInputException("action " + (t + 1) + ": " + e.getMessage(), e);
            }
            csv.append(t + 1).append(',').append(step.reward).append(',').append(step.terminated).append(',').append(step.truncated);
            for (double v : step.observation) csv.append(',').append(v);
            csv.append('\n');
            if (step.done()) break;
        }
        if (out == null) {
            PrintWriter w = spec.commandLine().getOut();
            w.print(csv);
            w.flush();
        } else {
            writeAtomically(out, csv.toString());
        }
        return 0;
    }

    /** The numbers of --init-state; the task checks their count (its message names the components). */
    static double[] parseState(String text) {
        String[] parts = text.split(",", -1);
        double[] state = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            state[i] = parseFinite(parts[i], "--init-state value " + (i + 1));
        }
        return state;
    }

    static List<double[]> readActions(Path file, Env env) {
        List<String> lines = InputFiles.readString("--actions file", file).lines().toList();
        int dim = env.actionSpace().flatDim();
        List<double[]> actions = new ArrayList<>(lines.size());
        for (int ln = 0; ln < lines.size(); ln++) {
            String line = lines.get(ln).strip();
            if (line.isEmpty()) continue; // blank lines (e.g. a trailing one) are not actions
            String where = file.getFileName() + " line " + (ln + 1);
            if (env.actionSpace() instanceof Discrete d) {
                int a;
                try {
                    a = Integer.parseInt(line);
                } catch (NumberFormatException e) {
                    throw new BadInputException(where + ": expected an integer action, got '" + line + "'");
                }
                if (a < 0 || a >= d.n()) {
                    throw new BadInputException(where + ": action " + a + " is outside 0.." + (d.n() - 1));
                }
                actions.add(new double[] {a});
            } else {
                String[] parts = line.split(",", -1);
                if (parts.length != dim) {
                    throw new BadInputException(where + ": expected " + dim + " comma-separated numbers, got " + parts.length);
                }
                double[] a = new double[dim];
                for (int i = 0; i < dim; i++) a[i] = parseFinite(parts[i], where);
                actions.add(a);
            }
        }
        if (actions.isEmpty()) throw new BadInputException("--actions file " + file + " holds no action (one per line)");
        return actions;
    }

    private static double parseFinite(String text, String where) {
        double v;
        try {
            v = Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            throw new BadInputException(where + ": not a number: '" + text.strip() + "'");
        }
        if (!Double.isFinite(v)) throw new BadInputException(where + ": must be a finite number, got " + text.strip());
        return v;
    }

    /** Writes a temporary file beside {@code target}, then moves it into place, so no half-written file remains. */
    static void writeAtomically(Path target, String content) {
        try {
            AtomicFiles.writeString(target, content);
        } catch (IOException e) {
            throw new BadInputException(e.getMessage(), e);
        }
    }
}
