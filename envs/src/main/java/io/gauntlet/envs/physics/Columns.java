package io.gauntlet.envs.physics;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.function.ToIntFunction;

/** A list of compiled definitions laid out as columns: one flat array per field, in the list's order. */
final class Columns {
    private Columns() {}

    static <T> double[] doubles(List<T> list, ToDoubleFunction<T> f) {
        return list.stream().mapToDouble(f).toArray();
    }

    static <T> int[] ints(List<T> list, ToIntFunction<T> f) {
        return list.stream().mapToInt(f).toArray();
    }

    static <T> String[] strings(List<T> list, Function<T, String> f) {
        return list.stream().map(f).toArray(String[]::new);
    }

    /** Each element's array, one after the other (e.g. solref: 2 values per element). */
    static <T> double[] concat(List<T> list, Function<T, double[]> f) {
        return list.stream().map(f).flatMapToDouble(Arrays::stream).toArray();
    }

    static <T> boolean[] booleans(List<T> list, java.util.function.Predicate<T> f) {
        boolean[] out = new boolean[list.size()];
        for (int i = 0; i < out.length; i++) out[i] = f.test(list.get(i));
        return out;
    }
}
