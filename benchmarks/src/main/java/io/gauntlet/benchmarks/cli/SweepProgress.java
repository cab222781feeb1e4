package io.gauntlet.benchmarks.cli;

import io.gauntlet.benchmarks.suite.Suite;
import io.gauntlet.benchmarks.suite.SuiteRunner;
import io.gauntlet.benchmarks.suite.SweepStatus;
import io.gauntlet.core.experiment.IterationSummary;
import io.gauntlet.core.experiment.RunConfig;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One progress bar for a whole sweep (runs done / running / failed, env steps, env steps per second made by this
 * process, ETA) and one status line per run that finishes or fails. Fed by the local pool's events, or by
 * {@link #poll} reading the sweep's directory (Spark, where the runs report to no one).
 */
final class SweepProgress implements SuiteRunner.Events {
    private final ProgressBar bar;
    private final int runs;
    private final long budget;
    private final Map<RunConfig, String> directories = new IdentityHashMap<>();
    private final Map<String, Long> steps = new HashMap<>();
    private final Set<String> running = new HashSet<>();
    private final Set<String> ended = new HashSet<>();
    private final long startSteps;
    private final long startNanos = System.nanoTime();
    private int done;
    private int failed;

    /** Counts what {@code suiteDir} already holds: finished runs are done, started ones count their steps. */
    SweepProgress(String name, List<Suite.Run> plan, Path suiteDir, ProgressBar bar) {
        this.bar = bar;
        this.runs = plan.size();
        long total = 0, already = 0;
        for (Suite.Run r : plan) {
            directories.put(r.config(), r.directory());
            total += r.config().steps();
            SweepStatus.Run s = SweepStatus.read(suiteDir, new SweepStatus.Planned(r.directory(), "", "", 0, r.config().steps()));
            steps.put(r.directory(), s.steps());
            already += s.steps();
            if (s.state() == SweepStatus.State.FINISHED) {
                done++;
                ended.add(r.directory());
            }
        }
        this.budget = total;
        this.startSteps = already;
    }

    int done() {
        return done;
    }

    @Override
    public synchronized void started(Suite.Run run) {
        running.add(run.directory());
        draw();
    }

    @Override
    public synchronized void iteration(IterationSummary s) {
        String dir = directories.get(s.config());
        if (dir != null) steps.put(dir, s.totalEnvSteps());
        draw();
    }

    @Override
    public synchronized void finished(SuiteRunner.Outcome o) {
        String dir = directories.get(o.config());
        running.remove(dir);
        if (o.result() != null && o.result().alreadyFinished()) return; // counted when the sweep started
        if (!ended.add(dir)) return;
        String what = describe(dir, o.config());
        if (o.error() != null) {
            failed++;
            bar.println("gauntlet: FAILED " + what + ": " + Gauntlet.oneLine(String.valueOf(o.error())));
        } else {
            done++;
            steps.put(dir, o.result().totalEnvSteps());
            double seconds = o.result().elapsedSeconds();
            bar.println(String.format(Locale.ROOT, "gauntlet: done   %s: %,d steps, final return %s, %s steps/s  (%d/%d)", what,
                    o.result().totalEnvSteps(), Double.isNaN(o.result().lastAverageReturn()) ? "-"
                            : String.format(Locale.ROOT, "%.1f", o.result().lastAverageReturn()),
                    seconds > 0 ? String.format(Locale.ROOT, "%,.0f", o.result().totalEnvSteps() / seconds) : "-", done, runs));
        }
        draw();
    }

    /** Reads the runs' states from the directory (for backends whose runs report to no one) and reports changes. */
    synchronized void poll(Path suiteDir, List<Suite.Run> plan) {
        for (Suite.Run r : plan) {
            if (ended.contains(r.directory())) continue;
            SweepStatus.Run s = SweepStatus.read(suiteDir, new SweepStatus.Planned(r.directory(), "", "", 0, r.config().steps()));
            steps.put(r.directory(), s.steps());
            if (s.state() == SweepStatus.State.STARTED) running.add(r.directory());
            if (s.state() == SweepStatus.State.FINISHED) {
                running.remove(r.directory());
                ended.add(r.directory());
                done++;
                bar.println(String.format(Locale.ROOT, "gauntlet: done   %s  (%d/%d)", describe(r.directory(), r.config()), done, runs));
            }
        }
        draw();
    }

    /** "ppo on CartPole-v1 seed 2", with the swept settings when the run has some ("ppo@learning_rate=0.001 on ..."). */
    private static String describe(String dir, RunConfig c) {
        String algo = dir.contains("@") ? dir.substring(dir.indexOf('/') + 1, dir.lastIndexOf('/')) : c.algorithm().id();
        return String.format(Locale.ROOT, "%s on %s seed %d", algo, c.env().id(), c.seed());
    }

    private void draw() {
        long now = 0;
        for (long s : steps.values()) now += s;
        double elapsed = (System.nanoTime() - startNanos) * 1e-9;
        double rate = elapsed > 0 ? (now - startSteps) / elapsed : 0;
        String eta = rate <= 0 || now >= budget ? "--:--" : ProgressBar.clock((budget - now) / rate);
        bar.draw(budget <= 0 ? 1 : (double) now / budget, String.format(Locale.ROOT,
                "%d/%d runs done, %d running, %d failed  %,d/%,d env steps  %,.0f steps/s  ETA %s",
                done, runs, running.size(), failed, now, budget, rate, eta));
    }
}
