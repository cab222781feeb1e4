package io.gauntlet.placement.graph;

import io.gauntlet.core.io.InputFiles;
import io.gauntlet.core.io.AtomicFiles;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gauntlet.core.BadInputException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The graph file format (so users can bring their own graphs). One JSON object:
 * <pre>
 * { "format": "gauntlet-graph/1", "name": "my-model",
 *   "ops": [ { "name": "conv1", "type": "Conv2D", "phase": "forward",        // forward | backward | update
 *              "flops": 2.3e9, "bytesRead": 1204224, "bytesWritten": 802816,  // memory traffic of the op
 *              "outputShape": [32, 112, 112, 64], "outputBytes": 102760448,  // tensor sent/allocated
 *              "paramBytes": 37632,                                           // resident all step
 *              "colocateWith": "conv1/weights",                               // optional
 *              "stage": 0,                                                    // optional expert hint
 *              "inputs": ["input", "conv1/weights"] } ] }
 * </pre>
 * Sizes default to 0, phase to forward. An op of type {@code Variable} holds parameters: its output aliases
 * its resident {@code paramBytes} on its own device. Loading validates: unknown input (dangling edge), cycle,
 * negative size or duplicate name raise one {@link BadInputException} naming the op.
 */
public final class GraphJson {
    public static final String FORMAT = "gauntlet-graph/1";
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private GraphJson() {}

    public static String toJson(Graph g) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("name", g.name());
        ArrayNode ops = root.putArray("ops");
        for (int i = 0; i < g.size(); i++) {
            Op op = g.op(i);
            ObjectNode o = ops.addObject();
            o.put("name", op.name());
            o.put("type", op.type());
            o.put("phase", op.phase().name().toLowerCase(Locale.ROOT));
            o.put("flops", op.flops());
            o.put("bytesRead", op.bytesRead());
            o.put("bytesWritten", op.bytesWritten());
            ArrayNode shape = o.putArray("outputShape");
            for (long d : op.outputShape()) shape.add(d);
            o.put("outputBytes", op.outputBytes());
            o.put("paramBytes", op.paramBytes());
            if (op.colocateWith() != null) o.put("colocateWith", op.colocateWith());
            if (op.stage() >= 0) o.put("stage", op.stage());
            ArrayNode in = o.putArray("inputs");
            for (int j : g.inputs(i)) in.add(g.op(j).name());
        }
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Graph fromJson(String json) {
        JsonNode root = InputFiles.parseJson("graph file", json);
        if (root == null || !root.isObject()) throw new BadInputException("graph file must hold one JSON object");
        JsonNode format = root.get("format");
        if (format != null && !FORMAT.equals(format.asText())) {
            throw new BadInputException("graph file format '" + format.asText() + "' is not " + FORMAT);
        }
        JsonNode opsNode = root.get("ops");
        if (opsNode == null || !opsNode.isArray()) throw new BadInputException("graph file has no \"ops\" array");
        if (opsNode.isEmpty()) throw new BadInputException("graph file has no ops: nothing to place");
        GraphBuilder b = new GraphBuilder(root.path("name").asText("graph"));
        int k = 0;
        for (JsonNode o : opsNode) {
            String name = o.path("name").asText("");
            if (name.isBlank()) throw new BadInputException("op #" + k + " has no name");
            Phase phase;
            try {
                phase = Phase.valueOf(o.path("phase").asText("forward").toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new BadInputException("op '" + name + "' has unknown phase '" + o.path("phase").asText() + "'");
            }
            long[] shape = new long[o.path("outputShape").size()];
            for (int d = 0; d < shape.length; d++) shape[d] = number(o.path("outputShape").get(d), name, "outputShape");
            List<String> inputs = new ArrayList<>();
            for (JsonNode in : o.path("inputs")) inputs.add(in.asText());
            b.add(new Op(name, o.path("type").asText("Op"), phase,
                    o.path("flops").asDouble(0), number(o.get("bytesRead"), name, "bytesRead"),
                    number(o.get("bytesWritten"), name, "bytesWritten"), shape,
                    number(o.get("outputBytes"), name, "outputBytes"), number(o.get("paramBytes"), name, "paramBytes"),
                    o.hasNonNull("colocateWith") ? o.get("colocateWith").asText() : null,
                    o.path("stage").asInt(-1)), inputs);
            k++;
        }
        return b.build();
    }

    private static long number(JsonNode n, String op, String field) {
        if (n == null || n.isNull()) return 0;
        if (!n.isNumber()) throw new BadInputException("op '" + op + "': " + field + " is not a number");
        return n.asLong();
    }

    public static Graph read(Path file) {
        String json = InputFiles.readString("graph file", file);
        try {
            return fromJson(json);
        } catch (BadInputException e) {
            throw new BadInputException(file + ": " + e.getMessage());
        }
    }

    /** Writes a temp file next to the target, then moves it into place atomically. */
    public static void write(Graph g, Path file) {
        writeAtomically(file, toJson(g));
    }

    public static void writeAtomically(Path file, String content) {
        try {
            AtomicFiles.writeString(file, content);
        } catch (IOException e) {
            throw new BadInputException(e.getMessage(), e);
        }
    }
}
