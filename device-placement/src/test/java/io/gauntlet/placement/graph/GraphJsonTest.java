package io.gauntlet.placement.graph;

import io.gauntlet.core.BadInputException;
import io.gauntlet.placement.zoo.Zoo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class GraphJsonTest {
    @Test
    void roundTripKeepsEveryOpAndEdge() {
        Graph g = Zoo.build("rnnlm:steps=3,hidden=64,vocab=100");
        Graph back = GraphJson.fromJson(GraphJson.toJson(g));
        assertEquals(g.size(), back.size());
        assertEquals(g.name(), back.name());
        for (int i = 0; i < g.size(); i++) {
            assertEquals(g.op(i), back.op(i));
            assertArrayEquals(g.inputs(i), back.inputs(i));
            assertEquals(g.colocatedWith(i), back.colocatedWith(i));
        }
    }

    @Test
    void fileRoundTrip(@TempDir Path dir) {
        Graph g = Zoo.build("inception-v3:batch=2");
        Path f = dir.resolve("g.json");
        GraphJson.write(g, f);
        Graph back = GraphJson.read(f);
        assertEquals(g.size(), back.size());
        assertEquals(g.totalFlops(), back.totalFlops());
        assertEquals(g.edgeCount(), back.edgeCount());
    }

    private static String graph(String ops) {
        return "{\"format\":\"gauntlet-graph/1\",\"name\":\"t\",\"ops\":[" + ops + "]}";
    }

    private static String message(String json) {
        return assertThrows(BadInputException.class, () -> GraphJson.fromJson(json)).getMessage();
    }

    @Test
    void cycleIsRejectedNamingAnOpOnIt() {
        String m = message(graph("{\"name\":\"in\"},{\"name\":\"a\",\"inputs\":[\"in\",\"c\"]},"
                + "{\"name\":\"b\",\"inputs\":[\"a\"]},{\"name\":\"c\",\"inputs\":[\"b\"]}"));
        assertTrue(m.contains("cycle"), m);
        assertTrue(m.matches(".*'(a|b|c)'.*"), m);
        assertTrue(message(graph("{\"name\":\"self\",\"inputs\":[\"self\"]}")).contains("'self'"));
    }

    @Test
    void danglingEdgeIsRejectedNamingTheOp() {
        String m = message(graph("{\"name\":\"a\"},{\"name\":\"b\",\"inputs\":[\"a\",\"ghost\"]}"));
        assertTrue(m.contains("'b'") && m.contains("'ghost'"), m);
    }

    @Test
    void negativeSizesAreRejectedNamingTheOp() {
        for (String field : new String[] {"flops", "bytesRead", "bytesWritten", "outputBytes", "paramBytes"}) {
            String m = message(graph("{\"name\":\"ok\"},{\"name\":\"bad\",\"" + field + "\":-1,\"inputs\":[\"ok\"]}"));
            assertTrue(m.contains("'bad'") && m.contains(field), m);
        }
        assertTrue(message(graph("{\"name\":\"bad\",\"outputShape\":[2,-3]}")).contains("'bad'"));
    }

    @Test
    void otherMalformedInputs() {
        assertTrue(message(graph("{\"name\":\"a\"},{\"name\":\"a\"}")).contains("'a'"));
        assertTrue(message("{ not json").contains("JSON"));
        assertTrue(message("{\"name\":\"x\"}").contains("ops"));
        assertTrue(message(graph("{\"name\":\"a\",\"phase\":\"sideways\"}")).contains("'a'"));
        assertTrue(message(graph("{\"name\":\"a\",\"colocateWith\":\"nobody\"}")).contains("'a'"));
        assertTrue(message(graph("{\"name\":\"a\",\"paramBytes\":\"lots\"}")).contains("'a'"));
    }
}
