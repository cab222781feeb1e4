package io.gauntlet.benchmarks.suite;

import io.gauntlet.core.experiment.Harness;
import io.gauntlet.core.experiment.IterationSummary;
import io.gauntlet.core.experiment.RunConfig;
import io.gauntlet.core.experiment.RunResult;
import java.io.IOException;
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
 * All runs are checked (ids, directories) before the first one starts; a run that fails does not stop the others.
 */
public final class SuiteRunner {
    private SuiteRunner() {}

    /** One run's outcome: its result, or the error that ended it. */
    public record Outcome(RunConfig config, RunResult result, Throwable error) {}

    public static List<Outcome> run(Suite suite, Path suiteDir, int jobs, Consumer<IterationSummary> listener,
            Consumer<Outcome> onDone) throws InterruptedException {
        List<RunConfig> runs = suite.runs();
        for (RunConfig c : runs) Harness.inspect(c, c.directoryUnder(suiteDir));
        Semaphore cores = new Semaphore(jobs, true);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(jobs, runs.size())), r -> {
            Thread t = new Thread(r, "gauntlet-run");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (RunConfig c : runs) {
                int need = Math.min(jobs, c.threads());
                futures.add(pool.submit(() -> {
                    Outcome o;
                    cores.acquire(need);
                    try {
                        o = new Outcome(c, Harness.run(c, c.directoryUnder(suiteDir),
                                listener == null ? null : Harness.Listener.ofIterations(listener)), null);
                    } catch (IOException | RuntimeException | Error e) {
                        o = new Outcome(c, null, e);
                    } finally {
                        cores.release(need);
                    }
                    if (onDone != null) onDone.accept(o);
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
}
