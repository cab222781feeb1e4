package io.gauntlet.benchmarks.report;

import io.gauntlet.core.BadInputException;
import io.gauntlet.core.env.EnvRegistry;
import io.gauntlet.core.io.InputFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a normalised score is measured against, per task: the return of the uniformly random policy (score 0) and a
 * documented reference return (score 1), each with where it comes from. The shipped table is
 * {@code references.csv} beside this class (its random returns measured by tools/normalisation-random.sh); a user's
 * table (same columns: env, random, reference, source) adds tasks or replaces rows. A task with wrapper suffixes
 * ({@code CartPole-v1:noisy-obs}) is measured against its base task's row unless the table has a row for it.
 */
public record References(Map<String, Ref> rows) {
    /** One task's references. */
    public record Ref(String env, double random, double reference, String source) {
        public double normalise(double ret) {
            return (ret - random) / (reference - random);
        }
    }

    static final String SHIPPED = "references.csv";

    public static References shipped() {
        try (InputStream in = References.class.getResourceAsStream(SHIPPED)) {
            return new References(parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), SHIPPED));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The shipped table with {@code file}'s rows added or replacing (null: the shipped table alone). */
    public static References with(Path file) throws IOException {
        References shipped = shipped();
        if (file == null) return shipped;
        if (file.toString().isBlank()) throw new BadInputException("--references is empty: name a file");
        Map<String, Ref> added = parse(InputFiles.readString("references file", file), file.toString());
        if (added.isEmpty()) throw new BadInputException(file + " holds no references (lines 'env,random,reference,source')");
        Map<String, Ref> rows = new LinkedHashMap<>(shipped.rows());
        rows.putAll(added);
        return new References(rows);
    }

    /** The references for {@code env}, or null when there are none. */
    public Ref of(String env) {
        Ref r = rows.get(env);
        if (r == null && env.indexOf(EnvRegistry.SUFFIX_SEPARATOR) > 0) r = rows.get(env.substring(0, env.indexOf(EnvRegistry.SUFFIX_SEPARATOR)));
        return r;
    }

    static Map<String, Ref> parse(String text, String source) {
        Map<String, Ref> rows = new LinkedHashMap<>();
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#") || (i == 0 && line.startsWith("env,"))) continue;
            String[] c = line.split(",", 4);
            try {
                if (c.length < 3) throw new NumberFormatException();
                double random = Double.parseDouble(c[1].strip()), reference = Double.parseDouble(c[2].strip());
                if (!(reference > random)) {
                    throw new BadInputException(source + ": line " + (i + 1) + ": the reference must exceed the random return");
                }
                String note = c.length > 3 ? c[3].strip() : "";
                if (note.length() >= 2 && note.startsWith("\"") && note.endsWith("\"")) note = note.substring(1, note.length() - 1).replace("\"\"", "\"");
                rows.put(c[0].strip(), new Ref(c[0].strip(), random, reference, note));
            } catch (NumberFormatException e) {
                throw new BadInputException(source + ": line " + (i + 1) + " is not 'env,random,reference,source'");
            }
        }
        return rows;
    }
}
