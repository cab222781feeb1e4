package io.gauntlet.core.experiment;

import io.gauntlet.core.BadInputException;
import io.gauntlet.core.Stateful;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A checkpoint's training state: the {@link Stateful#snapshot()} of every part a run tracked, by name. The harness
 * writes it atomically into the run's {@code checkpoint/} folder and restores each part from it on resume.
 */
public final class TrainingState {
    private final Map<String, double[]> parts = new LinkedHashMap<>();

    TrainingState() {}

    /** A state holding {@code parts} (name → snapshot), e.g. kept in memory by a test's run. */
    public static TrainingState of(Map<String, double[]> parts) {
        TrainingState s = new TrainingState();
        parts.forEach((name, v) -> s.put(name, v.clone()));
        return s;
    }

    void put(String name, double[] snapshot) {
        parts.put(name, snapshot);
    }

    public Set<String> names() {
        return Collections.unmodifiableSet(parts.keySet());
    }

    public boolean has(String name) {
        return parts.containsKey(name);
    }

    /** The saved snapshot of part {@code name} (a copy). */
    public double[] get(String name) {
        double[] v = parts.get(name);
        if (v == null) {
            throw new BadInputException("the checkpoint holds no part '" + name + "' (it was written by another version of"
                    + " the algorithm; delete the run directory to start over)");
        }
        return v.clone();
    }

    /** Restores {@code part} from the snapshot saved under {@code name}. */
    public <T extends Stateful> T restore(String name, T part) {
        try {
            part.restore(get(name));
        } catch (IllegalArgumentException e) {
            throw new BadInputException("the checkpoint's part '" + name + "' does not fit this run (" + e.getMessage()
                    + "); delete the run directory to start over", e);
        }
        return part;
    }

    /** The raw map, for the checkpoint writer. */
    Map<String, double[]> parts() {
        return parts;
    }
}
