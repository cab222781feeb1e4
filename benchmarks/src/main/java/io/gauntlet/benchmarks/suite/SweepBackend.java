package io.gauntlet.benchmarks.suite;

import java.nio.file.Path;
import java.util.List;

/**
 * Somewhere other than the local pool to run a sweep's runs, found with {@link java.util.ServiceLoader}: the
 * gauntlet-spark module provides {@code spark} ({@code ./gauntlet sweep FILE --spark MASTER_URL}). Every run writes
 * into its own directory under {@code suiteDir}, which all workers must see (a shared file system), with the same
 * crash safety as on the pool: a run attempted again resumes from its checkpoint.
 */
public interface SweepBackend {
    /** The backend's name, as the command line selects it. */
    String name();

    /**
     * Runs every run of {@code plan} (already checked, its plan file written) on {@code master}; the outcomes in plan
     * order. A run's error is its outcome, not an exception.
     */
    List<SuiteRunner.Outcome> run(String sweep, List<Suite.Run> plan, Path suiteDir, String master) throws Exception;
}
