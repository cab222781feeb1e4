package io.gauntlet.core.args;

import io.gauntlet.core.BadInputException;
import io.gauntlet.core.env.Box;
import io.gauntlet.core.env.Space;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a settings record declares with {@link Arg}, read once: every setting's name, type, default, meaning and
 * valid range. It fills a record from defaults and {@code --set name=value} overrides, checks every value (an
 * unknown name, a value of the wrong type, a value out of range: a {@link BadInputException} naming the setting,
 * the value and what is allowed), and gives the values back by name for {@code params.json} and
 * {@code list algos}. Cross-setting rules (PPO's batch divisible into minibatches) live in the record's compact
 * constructor, which throws {@link BadInputException} too.
 */
public final class ArgSchema<A extends Record> {
    private static final Map<Class<?>, ArgSchema<?>> CACHE = new ConcurrentHashMap<>();

    private final Class<A> type;
    private final List<Field> fields;
    private final Map<String, Field> byName = new LinkedHashMap<>();
    private final Constructor<A> constructor;

    /** One setting. */
    public record Field(String name, Class<?> type, String doc, String defaultText, String continuousDefaultText,
            Interval range, boolean resource, Method accessor) {

        /** The default as written, for an action space ({@link Arg#continuous()} applies to a Box). */
        public String defaultText(Space actionSpace) {
            return actionSpace instanceof Box && !continuousDefaultText.isEmpty() ? continuousDefaultText : defaultText;
        }

        /** What a value must look like, for messages and listings. */
        public String expected() {
            if (type == int.class || type == long.class) return "an integer" + (range == null ? "" : " in " + range);
            if (type == double.class) return "a finite number" + (range == null ? "" : " in " + range);
            if (type == boolean.class) return "true or false";
            if (type == int[].class) return "sizes separated by commas" + (range == null ? " (each positive)" : " (each in " + range + ")");
            if (type.isEnum()) return "one of " + choices(type);
            return "text";
        }
    }

    /** A closed, open or half-open interval of numbers. */
    public record Interval(double low, boolean lowClosed, double high, boolean highClosed, String text) {
        private static final Pattern FORM = Pattern.compile("\\s*([\\[(])\\s*([^,\\s]+)\\s*,\\s*([^\\])\\s]+)\\s*([\\])])\\s*");

        static Interval parse(String text) {
            Matcher m = FORM.matcher(text);
            if (!m.matches()) throw new IllegalArgumentException("malformed range '" + text + "'");
            return new Interval(bound(m.group(2)), m.group(1).equals("["), bound(m.group(3)), m.group(4).equals("]"), text.trim());
        }

        private static double bound(String s) {
            return switch (s) {
                case "inf", "+inf" -> Double.POSITIVE_INFINITY;
                case "-inf" -> Double.NEGATIVE_INFINITY;
                default -> Double.parseDouble(s);
            };
        }

        public boolean contains(double v) {
            return (lowClosed ? v >= low : v > low) && (highClosed ? v <= high : v < high);
        }

        @Override
        public String toString() {
            return text;
        }
    }

    @SuppressWarnings("unchecked")
    public static <A extends Record> ArgSchema<A> of(Class<A> type) {
        return (ArgSchema<A>) CACHE.computeIfAbsent(type, t -> new ArgSchema<>((Class<A>) t));
    }

    private ArgSchema(Class<A> type) {
        this.type = type;
        RecordComponent[] components = type.getRecordComponents();
        List<Field> list = new ArrayList<>();
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            types[i] = c.getType();
            Arg arg = c.getAnnotation(Arg.class);
            if (arg == null) throw new IllegalStateException(type.getName() + "." + c.getName() + " has no @Arg");
            if (!supported(c.getType())) throw new IllegalStateException(type.getName() + "." + c.getName() + ": unsupported type " + c.getType());
            Method accessor = c.getAccessor();
            accessor.setAccessible(true);
            Interval range = arg.range().isEmpty() ? null : Interval.parse(arg.range());
            Field f = new Field(snakeCase(c.getName()), c.getType(), arg.doc(), arg.value(), arg.continuous(), range,
                    arg.resource(), accessor);
            if (byName.put(f.name(), f) != null) throw new IllegalStateException(type.getName() + ": two settings named " + f.name());
            list.add(f);
        }
        this.fields = Collections.unmodifiableList(list);
        try {
            this.constructor = type.getDeclaredConstructor(types);
            this.constructor.setAccessible(true);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(type.getName() + " has no canonical constructor", e);
        }
    }

    private static boolean supported(Class<?> t) {
        return t == int.class || t == long.class || t == double.class || t == boolean.class || t == String.class
                || t == int[].class || t.isEnum();
    }

    /** {@code learningRate} → {@code learning_rate}. */
    static String snakeCase(String name) {
        StringBuilder sb = new StringBuilder();
        for (char ch : name.toCharArray()) {
            if (Character.isUpperCase(ch)) sb.append('_').append(Character.toLowerCase(ch));
            else sb.append(ch);
        }
        return sb.toString();
    }

    public Class<A> type() {
        return type;
    }

    public List<Field> fields() {
        return fields;
    }

    /** The settings with every default, for a task with this action space. */
    public A defaults(Space actionSpace) {
        Map<String, String> texts = new LinkedHashMap<>();
        for (Field f : fields) texts.put(f.name(), f.defaultText(actionSpace));
        return build(texts);
    }

    /** The defaults for {@code actionSpace} with {@code overrides} ({@code name → value as written}) applied and checked. */
    public A resolve(Space actionSpace, Map<String, String> overrides) {
        Map<String, String> texts = new LinkedHashMap<>();
        for (Field f : fields) texts.put(f.name(), f.defaultText(actionSpace));
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            if (!byName.containsKey(e.getKey())) {
                throw new BadInputException("unknown setting '" + e.getKey() + "' (known: " + String.join(", ", byName.keySet()) + ")");
            }
            texts.put(e.getKey(), e.getValue());
        }
        return build(texts);
    }

    private A build(Map<String, String> texts) {
        Object[] values = new Object[fields.size()];
        for (int i = 0; i < values.length; i++) {
            Field f = fields.get(i);
            values[i] = parse(f, texts.get(f.name()));
        }
        try {
            return constructor.newInstance(values);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One value as written, parsed and checked against the field's type and range. */
    public static Object parse(Field f, String text) {
        String s = text.trim();
        Class<?> t = f.type();
        try {
            if (t == int.class) return (int) checked(f, integer(s, Integer.MIN_VALUE, Integer.MAX_VALUE), text);
            if (t == long.class) return (long) checked(f, integer(s, Long.MIN_VALUE, Long.MAX_VALUE), text);
            if (t == double.class) {
                double v = Double.parseDouble(s);
                if (!Double.isFinite(v)) throw new NumberFormatException();
                return checked(f, v, text);
            }
            if (t == boolean.class) {
                if (s.equalsIgnoreCase("true")) return true;
                if (s.equalsIgnoreCase("false")) return false;
                throw new NumberFormatException();
            }
            if (t == int[].class) {
                if (s.startsWith("[") && s.endsWith("]")) s = s.substring(1, s.length() - 1).trim();
                if (s.isEmpty()) return new int[0];
                int[] sizes = Arrays.stream(s.split(",")).map(String::trim).mapToInt(x -> (int) integer(x, 1, Integer.MAX_VALUE)).toArray();
                for (int v : sizes) checked(f, v, text);
                return sizes;
            }
            if (t.isEnum()) {
                for (Object c : t.getEnumConstants()) if (((Enum<?>) c).name().equalsIgnoreCase(s)) return c;
                throw new BadInputException("setting '" + f.name() + "' must be one of " + choices(t) + ", got '" + text + "'");
            }
            return text;
        } catch (NumberFormatException e) {
            throw new BadInputException("setting '" + f.name() + "' expects " + f.expected() + ", got '" + text + "'");
        }
    }

    /** An integer written plainly, with underscores ({@code 1_000_000}) or in scientific notation ({@code 1e6}). */
    private static long integer(String s, long min, long max) {
        String plain = s.replace("_", "");
        double v;
        try {
            return checkBounds(Long.parseLong(plain), min, max);
        } catch (NumberFormatException e) {
            v = Double.parseDouble(plain);
        }
        if (v != Math.rint(v) || Math.abs(v) > 9.0e15) throw new NumberFormatException();
        return checkBounds((long) v, min, max);
    }

    private static long checkBounds(long v, long min, long max) {
        if (v < min || v > max) throw new NumberFormatException();
        return v;
    }

    private static double checked(Field f, double v, String text) {
        if (f.range() != null && !f.range().contains(v)) {
            throw new BadInputException("setting '" + f.name() + "' must be in " + f.range() + ", got " + text.trim());
        }
        return v;
    }

    static String choices(Class<?> enumType) {
        return Arrays.stream(enumType.getEnumConstants()).map(c -> ((Enum<?>) c).name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
    }

    /** Every setting's value by name, in declaration order, as JSON takes them (enums in lower case). */
    public Map<String, Object> values(A args) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Field f : fields) m.put(f.name(), jsonValue(value(args, f)));
        return m;
    }

    /** The settings that make a run this run: {@link #values} without the {@link Arg#resource()} ones. */
    public Map<String, Object> identity(A args) {
        Map<String, Object> m = values(args);
        for (Field f : fields) if (f.resource()) m.remove(f.name());
        return m;
    }

    public Object value(A args, Field f) {
        try {
            return f.accessor().invoke(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object jsonValue(Object v) {
        if (v instanceof Enum<?> e) return e.name().toLowerCase(Locale.ROOT);
        if (v instanceof int[] a) return a.clone();
        return v;
    }

    /** A value as it would be written on the command line ({@code 64,64}, {@code tanh}, {@code 0.0003}). */
    public static String format(Object v) {
        if (v instanceof int[] a) return Arrays.stream(a).mapToObj(Integer::toString).collect(Collectors.joining(","));
        if (v instanceof Enum<?> e) return e.name().toLowerCase(Locale.ROOT);
        return String.valueOf(v);
    }
}
