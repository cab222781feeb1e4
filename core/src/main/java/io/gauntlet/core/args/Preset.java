package io.gauntlet.core.args;

import io.gauntlet.core.env.EnvRegistry;
import java.util.List;
import java.util.Map;

/**
 * Named settings of an algorithm, written as on the command line, applied over its defaults and under the user's
 * {@code --set}: rl-baselines3-zoo's per-task hyper-parameter files, as a table in the algorithm's file. A preset may
 * be the default on some tasks ({@code tasks}: ids without wrapper suffixes): a run there gets it unless it names
 * another preset or {@link #NONE}. Runs and suites name a preset with the pseudo-setting {@link #KEY} among their
 * overrides ({@code train --preset NAME}); {@code params.json} records which one applied. {@code steps} is the budget
 * a run starting from the preset gets when it names none (the zoo's {@code n_timesteps}; 0: the algorithm's own).
 */
public record Preset(String name, String doc, List<String> tasks, long steps, Map<String, String> settings) {
    /** The override key that names a preset (no algorithm has a setting of this name). */
    public static final String KEY = "preset";

    /** The preset name for "the algorithm's own defaults, no preset". */
    public static final String NONE = "none";

    public Preset {
        if (name.equals(NONE) || name.isBlank()) throw new IllegalArgumentException("a preset cannot be named '" + name + "'");
        if (settings.containsKey(KEY)) throw new IllegalArgumentException("preset " + name + " names a preset");
        if (steps < 0) throw new IllegalArgumentException("preset " + name + ": negative budget");
        tasks = List.copyOf(tasks);
        settings = Map.copyOf(settings);
    }

    /** A preset that is nobody's default, with the algorithm's budget. */
    public Preset(String name, String doc, Map<String, String> settings) {
        this(name, doc, List.of(), 0, settings);
    }

    /** True when this is the default on the task {@code envId} (its wrapper suffixes ignored). */
    public boolean isDefaultOn(String envId) {
        int cut = envId.indexOf(EnvRegistry.SUFFIX_SEPARATOR);
        return tasks.contains(cut < 0 ? envId : envId.substring(0, cut));
    }

    /** {@code base} with the (name, value) pairs of {@code changes} set: a preset written as its difference from another. */
    public static Map<String, String> with(Map<String, String> base, String... changes) {
        Map<String, String> m = new java.util.HashMap<>(base);
        for (int i = 0; i < changes.length; i += 2) m.put(changes[i], changes[i + 1]);
        return Map.copyOf(m);
    }
}
