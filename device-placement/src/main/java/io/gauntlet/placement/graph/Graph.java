package io.gauntlet.placement.graph;

import io.gauntlet.core.BadInputException;

import java.util.Arrays;
import java.util.List;

/**
 * An immutable, validated computation graph: ops and their data edges (input → consumer), with a topological
 * order. Construction rejects negative sizes, dangling or self edges and cycles, naming the offending op.
 */
public final class Graph {
    private final String name;
    private final Op[] ops;
    private final int[][] inputs;
    private final int[][] consumers;
    private final int[] topo;
    private final int[] colocation;

    /** @param inputs inputs[i] = indices of the ops whose outputs op i reads (duplicates are merged) */
    public Graph(String name, List<Op> opList, int[][] inputs) {
        this.name = name;
        this.ops = opList.toArray(new Op[0]);
        int n = ops.length;
        if (inputs.length != n) throw new IllegalArgumentException("inputs.length != ops");
        java.util.Map<String, Integer> byName = new java.util.HashMap<>();
        for (int i = 0; i < n; i++) {
            Op op = ops[i];
            if (op.name() == null || op.name().isBlank()) throw new BadInputException("op #" + i + " has no name");
            if (byName.put(op.name(), i) != null) throw new BadInputException("op '" + op.name() + "' is defined twice");
            checkSize(op, "flops", op.flops());
            checkSize(op, "bytesRead", op.bytesRead());
            checkSize(op, "bytesWritten", op.bytesWritten());
            checkSize(op, "outputBytes", op.outputBytes());
            checkSize(op, "paramBytes", op.paramBytes());
            for (long d : op.outputShape()) if (d < 0) throw new BadInputException("op '" + op.name() + "' has a negative output dimension");
        }
        this.inputs = new int[n][];
        int[] nCons = new int[n];
        for (int i = 0; i < n; i++) {
            int[] in = Arrays.stream(inputs[i]).distinct().toArray();
            for (int j : in) {
                if (j < 0 || j >= n) throw new BadInputException("op '" + ops[i].name() + "' has a dangling input #" + j);
                if (j == i) throw new BadInputException("op '" + ops[i].name() + "' reads its own output (cycle)");
                nCons[j]++;
            }
            this.inputs[i] = in;
        }
        this.consumers = new int[n][];
        for (int i = 0; i < n; i++) consumers[i] = new int[nCons[i]];
        int[] fill = new int[n];
        for (int i = 0; i < n; i++) for (int j : this.inputs[i]) consumers[j][fill[j]++] = i;
        this.topo = computeTopologicalOrder();
        this.colocation = new int[n];
        for (int i = 0; i < n; i++) {
            String c = ops[i].colocateWith();
            if (c == null) { colocation[i] = -1; continue; }
            Integer j = byName.get(c);
            if (j == null) throw new BadInputException("op '" + ops[i].name() + "' is co-located with unknown op '" + c + "'");
            colocation[i] = j;
        }
    }

    private static void checkSize(Op op, String what, double v) {
        if (!(v >= 0) || Double.isInfinite(v))
            throw new BadInputException("op '" + op.name() + "' has a negative or non-finite " + what + " (" + v + ")");
    }

    /** Kahn's algorithm, smallest index first among ready ops so the order is deterministic. */
    private int[] computeTopologicalOrder() {
        int n = ops.length;
        int[] indeg = new int[n];
        for (int i = 0; i < n; i++) indeg[i] = inputs[i].length;
        java.util.PriorityQueue<Integer> ready = new java.util.PriorityQueue<>();
        for (int i = 0; i < n; i++) if (indeg[i] == 0) ready.add(i);
        int[] order = new int[n];
        int k = 0;
        while (!ready.isEmpty()) {
            int i = ready.poll();
            order[k++] = i;
            for (int c : consumers[i]) if (--indeg[c] == 0) ready.add(c);
        }
        if (k < n) {
            // some op on a cycle: walk back along unfinished inputs until a node repeats
            int start = -1;
            for (int i = 0; i < n && start < 0; i++) if (indeg[i] > 0) start = i;
            boolean[] seen = new boolean[n];
            int v = start;
            while (!seen[v]) {
                seen[v] = true;
                for (int j : inputs[v]) if (indeg[j] > 0) { v = j; break; }
            }
            throw new BadInputException("graph '" + name + "' has a cycle through op '" + ops[v].name() + "'");
        }
        return order;
    }

    public String name() { return name; }
    public int size() { return ops.length; }
    public Op op(int i) { return ops[i]; }
    public List<Op> ops() { return List.of(ops); }
    /** Indices of the ops op i reads; do not modify. */
    public int[] inputs(int i) { return inputs[i]; }
    /** Indices of the ops reading op i's output; do not modify. */
    public int[] consumers(int i) { return consumers[i]; }
    /** A topological order (inputs before consumers); do not modify. */
    public int[] topologicalOrder() { return topo; }
    /** Index of the op this one must share a device with, or -1. */
    public int colocatedWith(int i) { return colocation[i]; }

    public int indexOf(String opName) {
        for (int i = 0; i < ops.length; i++) if (ops[i].name().equals(opName)) return i;
        return -1;
    }

    public int edgeCount() {
        int e = 0;
        for (int[] in : inputs) e += in.length;
        return e;
    }

    public double totalFlops() {
        double s = 0;
        for (Op op : ops) s += op.flops();
        return s;
    }

    public double flops(Phase phase) {
        double s = 0;
        for (Op op : ops) if (op.phase() == phase) s += op.flops();
        return s;
    }

    public long totalParamBytes() {
        long s = 0;
        for (Op op : ops) s += op.paramBytes();
        return s;
    }

    /** Ops reachable from nothing (inputs, variables). */
    public int[] sources() {
        return java.util.stream.IntStream.range(0, ops.length).filter(i -> inputs[i].length == 0).toArray();
    }

}
