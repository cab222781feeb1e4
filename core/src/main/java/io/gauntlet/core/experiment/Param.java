package io.gauntlet.core.experiment;

/**
 * A documented hyper-parameter: its name (what {@code --set name=value} uses), its default and what it means.
 * The default's type is the parameter's type: Integer, Long, Double, Boolean, String, or int[] (layer sizes,
 * written {@code 64,64}). A {@code resource} parameter (e.g. a thread count) changes how fast a run goes but never
 * its results, so it is not part of the run's identity: a run resumes under another value.
 */
public record Param(String name, Object defaultValue, String doc, boolean resource) {
    public Param(String name, Object defaultValue, String doc) {
        this(name, defaultValue, doc, false);
    }

    /** A parameter that changes speed, never results (see the class comment). */
    public static Param resource(String name, Object defaultValue, String doc) {
        return new Param(name, defaultValue, doc, true);
    }

    public Param {
        if (!(defaultValue instanceof Integer || defaultValue instanceof Long || defaultValue instanceof Double
                || defaultValue instanceof Boolean || defaultValue instanceof String || defaultValue instanceof int[])) {
            throw new IllegalArgumentException("unsupported type for parameter " + name + ": " + defaultValue);
        }
    }
}
