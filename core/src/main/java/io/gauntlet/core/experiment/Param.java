package io.gauntlet.core.experiment;

/**
 * A documented hyper-parameter: its name (what {@code --set name=value} uses), its default and what it means.
 * The default's type is the parameter's type: Integer, Long, Double, Boolean, String, or int[] (layer sizes,
 * written {@code 64,64}).
 */
public record Param(String name, Object defaultValue, String doc) {
    public Param {
        if (!(defaultValue instanceof Integer || defaultValue instanceof Long || defaultValue instanceof Double
                || defaultValue instanceof Boolean || defaultValue instanceof String || defaultValue instanceof int[])) {
            throw new IllegalArgumentException("unsupported type for parameter " + name + ": " + defaultValue);
        }
    }
}
