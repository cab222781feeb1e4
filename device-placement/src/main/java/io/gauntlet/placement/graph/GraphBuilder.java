package io.gauntlet.placement.graph;

import io.gauntlet.core.BadInputException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Collects ops with their inputs named; {@link #build()} resolves the names and validates the graph. */
public final class GraphBuilder {
    private final String name;
    private final List<Op> ops = new ArrayList<>();
    private final List<List<String>> inputNames = new ArrayList<>();
    private final Map<String, Integer> index = new HashMap<>();

    public GraphBuilder(String name) {
        this.name = name;
    }

    /** Adds an op reading the outputs of the named ops (which may be added later); returns its index. */
    public int add(Op op, List<String> inputs) {
        if (index.containsKey(op.name())) throw new BadInputException("op '" + op.name() + "' is defined twice");
        index.put(op.name(), ops.size());
        ops.add(op);
        inputNames.add(new ArrayList<>(inputs));
        return ops.size() - 1;
    }

    public int add(Op op, String... inputs) {
        return add(op, List.of(inputs));
    }

    public boolean contains(String opName) {
        return index.containsKey(opName);
    }

    public Op op(String opName) {
        Integer i = index.get(opName);
        return i == null ? null : ops.get(i);
    }

    public int size() {
        return ops.size();
    }

    public Graph build() {
        int[][] in = new int[ops.size()][];
        for (int i = 0; i < ops.size(); i++) {
            List<String> names = inputNames.get(i);
            in[i] = new int[names.size()];
            for (int k = 0; k < names.size(); k++) {
                Integer j = index.get(names.get(k));
                if (j == null)
                    throw new BadInputException("op '" + ops.get(i).name() + "' reads unknown op '" + names.get(k) + "' (dangling edge)");
                in[i][k] = j;
            }
        }
        return new Graph(name, ops, in);
    }
}
