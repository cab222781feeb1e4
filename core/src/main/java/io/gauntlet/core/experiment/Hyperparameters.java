package io.gauntlet.core.experiment;

import io.gauntlet.core.BadInputException;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The resolved hyper-parameters of one run: declared defaults with the user's overrides applied.
 * An override of an undeclared name, or a value that does not parse as the parameter's type, is a
 * {@link BadInputException} naming it.
 */
public final class Hyperparameters {
    private final Map<String, Param> declared = new LinkedHashMap<>();
    private final Map<String, Object> values = new LinkedHashMap<>();

    public Hyperparameters(List<Param> params, Map<String, String> overrides) {
        for (Param p : params) {
            if (declared.put(p.name(), p) != null) throw new IllegalArgumentException("parameter declared twice: " + p.name());
            values.put(p.name(), p.defaultValue());
        }
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            Param p = declared.get(e.getKey());
            if (p == null) {
                throw new BadInputException("unknown parameter '" + e.getKey() + "' (known: "
                        + String.join(", ", declared.keySet()) + ")");
            }
            values.put(p.name(), parse(p, e.getValue()));
        }
    }

    public static Hyperparameters defaults(List<Param> params) {
        return new Hyperparameters(params, Map.of());
    }

    private static Object parse(Param p, String text) {
        String s = text.trim();
        Object d = p.defaultValue();
        try {
            if (d instanceof Integer) return Integer.parseInt(s);
            if (d instanceof Long) return Long.parseLong(s.replace("_", ""));
            if (d instanceof Double) {
                double v = Double.parseDouble(s);
                if (!Double.isFinite(v)) throw new NumberFormatException();
                return v;
            }
            if (d instanceof Boolean) {
                if (s.equalsIgnoreCase("true")) return true;
                if (s.equalsIgnoreCase("false")) return false;
                throw new NumberFormatException();
            }
            if (d instanceof int[]) {
                if (s.isEmpty()) return new int[0];
                int[] sizes = Arrays.stream(s.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
                for (int v : sizes) if (v <= 0) throw new NumberFormatException();
                return sizes;
            }
            return s;
        } catch (NumberFormatException ex) {
            throw new BadInputException("parameter '" + p.name() + "' expects " + typeName(d) + ", got '" + text + "'");
        }
    }

    static String typeName(Object d) {
        if (d instanceof Integer) return "an integer";
        if (d instanceof Long) return "an integer";
        if (d instanceof Double) return "a finite number";
        if (d instanceof Boolean) return "true or false";
        if (d instanceof int[]) return "positive integers separated by commas";
        return "a string";
    }

    private Object get(String name, Class<?> type) {
        Object v = values.get(name);
        if (v == null) throw new IllegalArgumentException("undeclared parameter: " + name);
        if (!type.isInstance(v)) throw new IllegalArgumentException("parameter " + name + " is not " + type.getSimpleName());
        return v;
    }

    public int getInt(String name) {
        return (Integer) get(name, Integer.class);
    }

    public long getLong(String name) {
        return (Long) get(name, Long.class);
    }

    public double getDouble(String name) {
        return (Double) get(name, Double.class);
    }

    public boolean getBoolean(String name) {
        return (Boolean) get(name, Boolean.class);
    }

    public String getString(String name) {
        return (String) get(name, String.class);
    }

    public int[] getInts(String name) {
        return ((int[]) get(name, int[].class)).clone();
    }

    /** Every parameter with its resolved value, in declaration order (for params.json). */
    public Map<String, Object> resolved() {
        return Collections.unmodifiableMap(values);
    }

    public Map<String, Param> declared() {
        return Collections.unmodifiableMap(declared);
    }
}
