package io.gauntlet.benchmarks.suite;

import io.gauntlet.core.experiment.Harness;
import io.gauntlet.core.experiment.IterationSummary;
import io.gauntlet.core.experiment.RunConfig;
import io.gauntlet.core.experiment.RunResult;
import io.gauntlet.core.io.AtomicFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;

/**
 * Runs a suite's runs on {@code jobs} cores: a run takes as many as it has threads ({@link RunConfig#threads()},
 * e.g. PPO's critic thread), so the machine is never oversubscribed. Every run owns its random streams and its
 * directory and its results do not depend on its thread count, so the results do not depend on the number of jobs.
 * All runs are checked (ids, directories) before the first one starts; a run that fails does not stop the others,
 * and leaves its error in {@value #ERROR} in its directory until a later attempt finishes it.
 */
public final class SuiteRunner {
    private SuiteRunner() {}

    /** A failed run's error and stack trace, in its directory. */
    public static final String ERROR = "error.txt";

    /** One run's outcome: its result, or the error that ended it. */
    public record Outcome(RunConfig config, RunResult result, Throwable error, Path directory) {}

    /** What a runner tells as it goes; every method may be called from several threads at once. */
    public interface Events {
        default void started(Suite.Run run) {}

        default void iteration(IterationSummary summary) {}

        default void finished(Outcome outcome) {}
    }

    public static List<Outcome> run(Suite suite, Path suiteDir, int jobs, Consumer<IterationSummary> listener,
            Consumer<Outcome> onDone) throws InterruptedException {
        return run(suite.plan(), suiteDir, jobs, new Events() {
            @Override
            public void iteration(IterationSummary s) {
                if (listener != null) listener.accept(s);
            }

            @Override
            public void finished(Outcome o) {
                if (onDone != null) onDone.accept(o);
            }
        });
    }

    public static List<Outcome> run(List<Suite.Run> runs, Path suiteDir, int jobs, Events events) throws InterruptedException {
        for (Suite.Run r : runs) Harness.inspect(r.config(), r.directoryUnder(suiteDir));
        Semaphore cores = new Semaphore(jobs, true);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(jobs, runs.size())), r -> {
            Thread t = new Thread(r, "gauntlet-run");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (Suite.Run r : runs) {
                int need = Math.min(jobs, r.config().threads());
                futures.add(pool.submit(() -> {
                    Outcome o;
                    cores.acquire(need);
                    try {
                        events.started(r);
                        o = runOne(r.config(), r.directoryUnder(suiteDir), events::iteration);
                    } finally {
                        cores.release(need);
                    }
                    events.finished(o);
                    return o;
                }));
            }
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<Outcome> f : futures) {
                try {
                    outcomes.add(f.get());
                } catch (ExecutionException e) {
                    throw new IllegalStateException(e.getCause());
                }
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Runs (resumes, or finds finished) one run in {@code dir}. An error is caught and written to {@value #ERROR};
     * a later attempt that finishes the run removes it. What the pool and a Spark task both call.
     */
    public static Outcome runOne(RunConfig config, Path dir, Consumer<IterationSummary> listener) {
        try {
            RunResult result = Harness.run(config, dir, listener == null ? null : Harness.Listener.ofIterations(listener));
            Files.deleteIfExists(dir.resolve(ERROR));
            return new Outcome(config, result, null, dir);
        } catch (IOException | RuntimeException | Error e) {
            try {
                StringWriter trace = new StringWriter();
                e.printStackTrace(new PrintWriter(trace));
                if (Files.isDirectory(dir)) AtomicFiles.writeString(dir.resolve(ERROR), trace.toString());
            } catch (IOException | RuntimeException ignored) {
                // the outcome still carries the error
            }
            return new Outcome(config, null, e, dir);
        }
    }
}
