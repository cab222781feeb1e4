package io.gauntlet.core.experiment;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What an algorithm needs to resume exactly where it stopped: named arrays of doubles (parameters, optimiser
 * moments, normaliser statistics) and of longs (RNG states, counters). The harness writes it atomically into
 * the run's {@code checkpoint/} folder and hands it back on resume.
 */
public final class TrainingState {
    /**
     * Where an algorithm keeps its env's {@code Env.snapshot()} ({@link #ENV}) or its vector env's
     * ({@link #VECTOR_ENV}), so that a resume and {@link TrainedRun#makeEnv()} find the env as training left it.
     */
    public static final String ENV = "env";
    public static final String VECTOR_ENV = "envs";

    private final Map<String, double[]> doubles = new LinkedHashMap<>();
    private final Map<String, long[]> longs = new LinkedHashMap<>();

    public TrainingState putDoubles(String name, double[] values) {
        doubles.put(name, values.clone());
        return this;
    }

    public TrainingState putLongs(String name, long[] values) {
        longs.put(name, values.clone());
        return this;
    }

    public TrainingState putLong(String name, long value) {
        return putLongs(name, new long[] {value});
    }

    public double[] doubles(String name) {
        double[] v = doubles.get(name);
        if (v == null) throw new IllegalStateException("checkpoint has no array '" + name + "'");
        return v.clone();
    }

    public long[] longs(String name) {
        long[] v = longs.get(name);
        if (v == null) throw new IllegalStateException("checkpoint has no long array '" + name + "'");
        return v.clone();
    }

    public long getLong(String name) {
        return longs(name)[0];
    }

    public Set<String> doubleNames() {
        return Collections.unmodifiableSet(doubles.keySet());
    }

    public Set<String> longNames() {
        return Collections.unmodifiableSet(longs.keySet());
    }
}
