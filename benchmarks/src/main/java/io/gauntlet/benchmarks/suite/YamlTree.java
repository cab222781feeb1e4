package io.gauntlet.benchmarks.suite;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML document read into a tree whose every node remembers its line and column, so that a problem found
 * while checking a sweep file can say where it is. Scalars keep their text as written (numbers, booleans and
 * strings alike); what a value means is decided by whoever reads it.
 */
sealed interface YamlTree {
    /** Where a node starts: line and column, both from 1. */
    record Where(int line, int column) {
        static Where of(JsonLocation l) {
            return new Where(l.getLineNr(), l.getColumnNr());
        }

        @Override
        public String toString() {
            return line + ":" + column;
        }
    }

    Where where();

    /** A plain value; {@code null} text for YAML's null ({@code ~} or nothing). */
    record Scalar(String text, boolean number, Where where) implements YamlTree {}

    record Sequence(List<YamlTree> items, Where where) implements YamlTree {}

    /** A mapping; keys in file order, each with where the key itself stands. */
    record Mapping(Map<String, YamlTree> entries, Map<String, Where> keys, Where where) implements YamlTree {}

    /** What kind of node this is, for messages. */
    default String kind() {
        if (this instanceof Sequence) return "a list";
        if (this instanceof Mapping) return "a mapping";
        return ((Scalar) this).text() == null ? "nothing" : "'" + ((Scalar) this).text() + "'";
    }

    /** A document that does not parse (bad indentation, an unclosed bracket, a repeated key). */
    final class Malformed extends Exception {
        final Where where;

        Malformed(String message, Where where) {
            super(message);
            this.where = where;
        }
    }

    static YamlTree parse(String text) throws Malformed {
        try (JsonParser p = new YAMLFactory().createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == null) return new Mapping(Map.of(), Map.of(), new Where(1, 1));
            YamlTree root = read(p, t);
            return root;
        } catch (IOException e) {
            JsonLocation l = e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getLocation() : null;
            String m = e.getMessage() == null ? e.toString() : e.getMessage();
            int cut = m.indexOf("\n at [Source");
            throw new Malformed((cut >= 0 ? m.substring(0, cut) : m).replace('\n', ' ').trim(), l == null ? new Where(1, 1) : Where.of(l));
        }
    }

    private static YamlTree read(JsonParser p, JsonToken t) throws IOException, Malformed {
        Where at = Where.of(p.currentTokenLocation());
        switch (t) {
            case START_OBJECT -> {
                Map<String, YamlTree> entries = new LinkedHashMap<>();
                Map<String, Where> keys = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    Where keyAt = Where.of(p.currentTokenLocation());
                    if (keys.containsKey(key)) throw new Malformed("key '" + key + "' appears twice (first at " + keys.get(key) + ")", keyAt);
                    keys.put(key, keyAt);
                    entries.put(key, read(p, p.nextToken()));
                }
                return new Mapping(entries, keys, at);
            }
            case START_ARRAY -> {
                List<YamlTree> items = new ArrayList<>();
                JsonToken next;
                while ((next = p.nextToken()) != JsonToken.END_ARRAY) items.add(read(p, next));
                return new Sequence(items, at);
            }
            case VALUE_NULL -> {
                return new Scalar(null, false, at);
            }
            default -> {
                return new Scalar(p.getText(), t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT, at);
            }
        }
    }
}
