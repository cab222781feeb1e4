package io.gauntlet.placement.zoo;

import io.gauntlet.core.BadInputException;
import io.gauntlet.placement.graph.Graph;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The model zoo. A model id may carry size overrides: {@code nmt:hidden=512,batch=32}
 * (keys: batch, steps, layers, hidden, vocab; Inception-V3: batch, aux=0|1).
 */
public final class Zoo {
    public record Entry(String id, String description, Map<String, Long> defaults) {}

    private static final Map<String, Entry> MODELS = new LinkedHashMap<>();

    /** Valid sizes: an unrolled graph has steps × layers cells, so those two are bounded to what a placer can hold. */
    private static final Map<String, long[]> RANGES = Map.of("batch", new long[] {1, 1_000_000}, "steps", new long[] {1, 1000},
            "layers", new long[] {1, 64}, "hidden", new long[] {1, 1_000_000}, "vocab", new long[] {1, 10_000_000}, "aux", new long[] {0, 1});

    static {
        add(new Entry("inception-v3", "Inception-V3 image classifier, batch 32, aux head (slim layout)",
                Map.of("batch", 32L, "aux", 1L)));
        add(new Entry("rnnlm", "2-layer LSTM language model, hidden 2048, vocab 10k, 40 steps, batch 64",
                Map.of("batch", 64L, "steps", 40L, "layers", 2L, "hidden", 2048L, "vocab", 10_000L)));
        add(new Entry("nmt", "2+2-layer LSTM encoder-decoder with attention, hidden 1024, vocab 32k, 40 steps, batch 64",
                Map.of("batch", 64L, "steps", 40L, "layers", 2L, "hidden", 1024L, "vocab", 32_000L)));
        add(new Entry("gnmt", "GNMT-size 8+8-layer LSTM encoder-decoder with attention, hidden 1024, vocab 32k, 40 steps, batch 64",
                Map.of("batch", 64L, "steps", 40L, "layers", 8L, "hidden", 1024L, "vocab", 32_000L)));
    }

    private Zoo() {}

    private static void add(Entry e) { MODELS.put(e.id(), e); }

    public static List<Entry> models() { return List.copyOf(MODELS.values()); }

    /** Builds a model from an id with optional overrides, e.g. {@code rnnlm:hidden=1024}. */
    public static Graph build(String spec) {
        String[] parts = spec.split(":", 2);
        Entry e = MODELS.get(parts[0]);
        if (e == null) throw new BadInputException("unknown model '" + parts[0] + "' (known: " + String.join(", ", MODELS.keySet()) + ")");
        Map<String, Long> p = new LinkedHashMap<>(e.defaults());
        if (parts.length == 2 && !parts[1].isBlank()) {
            for (String kv : parts[1].split(",")) {
                String[] x = kv.split("=", 2);
                if (x.length != 2 || !p.containsKey(x[0].trim()))
                    throw new BadInputException("model '" + e.id() + "': bad size override '" + kv + "' (keys: " + String.join(", ", p.keySet()) + ")");
                long v;
                try {
                    v = Long.parseLong(x[1].trim());
                } catch (NumberFormatException ex) {
                    throw new BadInputException("model '" + e.id() + "': " + x[0].trim() + " must be an integer, not '" + x[1].trim() + "'");
                }
                long[] range = RANGES.get(x[0].trim());
                if (v < range[0] || v > range[1])
                    throw new BadInputException("model '" + e.id() + "': " + x[0].trim() + " must be in [" + range[0] + ", " + range[1] + "], got " + v);
                p.put(x[0].trim(), v);
            }
        }
        return switch (e.id()) {
            case "inception-v3" -> InceptionV3.build(p.get("batch"), p.get("aux") == 1);
            case "rnnlm" -> Recurrent.rnnlm(p.get("batch"), p.get("steps").intValue(), p.get("layers").intValue(),
                    p.get("hidden"), p.get("vocab"));
            default -> Recurrent.nmt(e.id(), p.get("batch"), p.get("steps").intValue(), p.get("layers").intValue(),
                    p.get("hidden"), p.get("vocab"));
        };
    }
}
