package io.gauntlet.placement.zoo;

import io.gauntlet.placement.graph.Graph;
import io.gauntlet.placement.graph.GraphBuilder;
import io.gauntlet.placement.graph.Op;
import io.gauntlet.placement.graph.Phase;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the graph of one training step from its forward pass, the way a framework's autodiff would:
 * <ul>
 * <li>for every forward op f and every input x of f that needs a gradient, an op {@code f/grad/x} computing
 *     dL/dx; it reads dL/df and, if f saves activations, f's output and all of f's inputs;</li>
 * <li>a tensor read by several ops sums its gradient contributions with AddN (for a variable: accumulated
 *     one contribution at a time, as an unrolled RNN's shared weights are, so memory stays bounded);</li>
 * <li>per variable, an update op co-located with the variable (optimizer with {@code slots} state tensors).</li>
 * </ul>
 * Tensors are fp32. Names of forward ops are kept; backward ops inherit their forward op's expert stage.
 */
public final class TrainingGraphBuilder {
    public static final int FLOAT = 4;

    private static final class Node {
        String name, type;
        double flops, gradFlops;
        long[] shape;
        long outBytes;
        List<String> inputs;
        boolean needsSaved, data, variable, sparseGrad;
        long params;
        int stage;
    }

    private final String name;
    private final int slots;
    private final Map<String, Node> nodes = new LinkedHashMap<>();

    /** @param slots optimizer state tensors per parameter (momentum 1, RMSProp/Adam 2) */
    public TrainingGraphBuilder(String name, int slots) {
        this.name = name;
        this.slots = slots;
    }

    public static long elements(long... shape) {
        long e = 1;
        for (long d : shape) e *= d;
        return e;
    }

    /** A data input (images, token ids, labels): no gradient. */
    public String input(String name, long... shape) {
        Node n = node(name, "Input", shape, List.of(), -1);
        n.data = true;
        return name;
    }

    /** Trainable parameters: {@code params} fp32 numbers; resident with their optimizer state. */
    public String variable(String name, long params, int stage) {
        Node n = node(name, Op.VARIABLE, new long[] {params}, List.of(), stage);
        n.variable = true;
        n.params = params;
        return name;
    }

    /**
     * A forward op.
     *
     * @param gradFlops  FLOPs of the gradient op for each input (for matmul and convolution: equal to flops)
     * @param needsSaved whether the gradient ops read f's output and inputs (matmul, conv, max-pool: yes;
     *                   concat, add, average pool: no)
     */
    public String op(String name, String type, double flops, double gradFlops, boolean needsSaved, int stage,
                     long[] shape, String... inputs) {
        for (String in : inputs) if (!nodes.containsKey(in)) throw new IllegalArgumentException(name + ": no input " + in);
        Node n = node(name, type, shape, List.of(inputs), stage);
        n.flops = flops;
        n.gradFlops = gradFlops;
        n.needsSaved = needsSaved;
        return name;
    }

    /** The gradient of this op's variable input is sparse: rows touched, the size of the op's output (embedding lookup). */
    public void sparseGrad(String opName) {
        nodes.get(opName).sparseGrad = true;
    }

    public long[] shape(String opName) {
        return nodes.get(opName).shape.clone();
    }

    /** Total trainable parameters (numbers, not bytes). */
    public long parameterCount() {
        long p = 0;
        for (Node n : nodes.values()) p += n.params;
        return p;
    }

    private Node node(String name, String type, long[] shape, List<String> inputs, int stage) {
        if (nodes.containsKey(name)) throw new IllegalArgumentException("duplicate op " + name);
        Node n = new Node();
        n.name = name;
        n.type = type;
        n.shape = shape;
        n.outBytes = FLOAT * elements(shape);
        n.inputs = inputs;
        n.stage = stage;
        nodes.put(name, n);
        return n;
    }

    /** Emits forward ops, then backward ops from {@code loss} back, then one update op per variable. */
    public Graph build(String loss) {
        GraphBuilder g = new GraphBuilder(name);
        for (Node n : nodes.values()) {
            long read = 0;
            for (String in : n.inputs) {
                Node x = nodes.get(in);
                read += n.sparseGrad && x.variable ? n.outBytes : x.outBytes; // a lookup reads only its rows
            }
            long resident = n.variable ? (long) FLOAT * n.params * (1 + slots) : 0;
            g.add(new Op(n.name, n.type, Phase.FORWARD, n.flops, read, n.variable ? 0 : n.outBytes, n.shape,
                    n.outBytes, resident, null, n.stage), n.inputs);
        }

        // gradient contributions per forward tensor: (grad op name, bytes)
        Map<String, List<String>> contributions = new HashMap<>();
        Map<String, Long> gradBytes = new HashMap<>();
        List<Node> order = new ArrayList<>(nodes.values());
        for (int k = order.size() - 1; k >= 0; k--) {
            Node f = order.get(k);
            if (f.data || f.variable) continue;
            String gy;
            if (f.name.equals(loss)) gy = null;
            else {
                List<String> c = contributions.get(f.name);
                if (c == null) continue; // does not influence the loss
                gy = sum(g, f.name + "/grad_sum", c, f.outBytes, f.shape, f.stage, false);
            }
            for (String xName : f.inputs) {
                Node x = nodes.get(xName);
                if (x.data) continue;
                List<String> in = new ArrayList<>();
                long read = 0;
                if (gy != null) { in.add(gy); read += f.outBytes; }
                if (f.needsSaved) {
                    in.add(f.name);
                    read += f.outBytes;
                    for (String s : f.inputs) { if (!in.contains(s)) { in.add(s); read += nodes.get(s).outBytes; } }
                }
                long bytes = x.variable && f.sparseGrad ? f.outBytes : x.outBytes;
                long[] shape = x.variable && f.sparseGrad ? f.shape : x.shape;
                String gName = f.name + "/grad/" + xName;
                String type = f.type + (x.variable ? "GradWeights" : "GradInput");
                g.add(new Op(gName, type, Phase.BACKWARD, f.gradFlops, read, bytes, shape, bytes, 0, null, f.stage), in);
                contributions.computeIfAbsent(xName, s -> new ArrayList<>()).add(gName);
                gradBytes.merge(xName, bytes, Long::sum);
            }
        }

        for (Node v : order) {
            if (!v.variable || !contributions.containsKey(v.name)) continue;
            long p = FLOAT * v.params;
            long touched = Math.min(p, gradBytes.get(v.name));
            String grad = sum(g, v.name + "/grad_acc", contributions.get(v.name), touched, v.shape, v.stage, true);
            // update: read param, grad and slots; write param and slots; about 4 FLOPs per parameter and slot
            double flops = 4.0 * (1 + slots) * touched / FLOAT;
            g.add(new Op(v.name + "/update", "ApplyOptimizer", Phase.UPDATE, flops, touched * (2 + slots),
                    touched * (1 + slots), new long[0], 0, 0, v.name, v.stage), v.name, grad);
        }
        return g.build();
    }

    /** Sums gradient contributions: one AddN, or (chain) a running sum of pairs. Returns the summed tensor. */
    private static String sum(GraphBuilder g, String name, List<String> terms, long bytes, long[] shape, int stage, boolean chain) {
        if (terms.size() == 1) return terms.get(0);
        double flops = (double) (terms.size() - 1) * bytes / FLOAT;
        if (!chain) {
            g.add(new Op(name, "AddN", Phase.BACKWARD, flops, bytes * terms.size(), bytes, shape, bytes, 0, null, stage), terms);
            return name;
        }
        String acc = terms.get(0);
        for (int k = 1; k < terms.size(); k++) {
            String s = name + "_" + k;
            g.add(new Op(s, "AddN", Phase.BACKWARD, (double) bytes / FLOAT, 2 * bytes, bytes, shape, bytes, 0, null, stage), acc, terms.get(k));
            acc = s;
        }
        return acc;
    }
}
