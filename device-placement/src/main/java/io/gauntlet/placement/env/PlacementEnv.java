package io.gauntlet.placement.env;

import io.gauntlet.core.env.Box;
import io.gauntlet.core.env.Discrete;
import io.gauntlet.core.env.Env;
import io.gauntlet.core.env.Snapshot;
import io.gauntlet.core.env.Space;
import io.gauntlet.core.env.Step;
import io.gauntlet.placement.sim.Simulator;

import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * Device placement as an episodic task (Mirhoseini et al. 2017): an episode places one grouped graph, one group per
 * step in the groups' order; the action is the device (Discrete(devices)). Every step but the last earns 0; the last
 * simulates one training step of the whole placement and earns −√(step time), a placement that cannot run or does
 * not fit in memory being charged the paper's failing run time, {@link #FAILING_STEP_TIME}.
 *
 * <p>The observation has a fixed size, {@code GROUP_FEATURES + 1 + 5 × devices}: the group being placed (its
 * {@link PlacementGraph#writeGroupFeatures static features}) and, per device d, a summary of the placement so far:
 * <ol>
 *   <li>the share of the group's input bytes that come from groups already on d, and</li>
 *   <li>of its output bytes that go to groups already on d (its neighbours' devices);</li>
 *   <li>d's load: the seconds of the groups on d, over {@link PlacementGraph#workOnBestDevices};</li>
 *   <li>d's memory if the group joined it: the bytes of the groups on d and this one, over d's usable memory;</li>
 *   <li>how much slower the group runs on d than on its fastest device: log10 of the ratio / 3, at most 1.</li>
 * </ol>
 * and one flag, 1 on the step that ends the episode (when no group is left to describe). The final step's diagnostics
 * are the run time charged ({@code StepTime}, seconds), whether the placement ran and fitted ({@code Feasible}), the
 * simulator's step time even when the placement does not fit ({@code SimulatedTime}; the failing time when it cannot
 * run) and the gigabytes by which the devices' peaks exceed their usable memory, summed ({@code MemoryExcess}), so
 * progress.csv carries their means and the best placement's, and a learned placer can grade a failure
 * ({@code io.gauntlet.placement.learn.FailureCharge}).
 *
 * <p>Given several graphs, episodes place them in turn (a placer trained on several graphs). The task is
 * deterministic: seeds are accepted and ignored. Stepping allocates nothing; the simulator runs once per episode.
 */
public final class PlacementEnv implements Env {
    /** What a placement that fails (out of memory, cannot run) is charged: grappler's failing_signal, 100 s. */
    public static final double FAILING_STEP_TIME = 100;
    /** Values per device in the observation. */
    public static final int PER_DEVICE = 5;
    /** Where a device's memory if the group joined it is, within its values. */
    public static final int MEMORY = 3;

    /** Bytes in a gigabyte, the unit of {@code MemoryExcess}. */
    public static final double GB = 1e9;

    private static final String[] DIAGNOSTICS = {"StepTime", "Feasible", "SimulatedTime", "MemoryExcess"};

    private final List<Supplier<PlacementGraph>> sources;
    private final PlacementGraph[] graphs;
    private final Simulator[] simulators;
    private final int[][] opPlacements;
    private final int[][] groupPlacements;
    private final int devices;
    private final Discrete actions;
    private final Box observations;

    // the episode: which graph, how many groups placed, on which devices, and the running sums per device
    private int episodes;
    private int current = -1;
    private int t;
    private int[] placement; // groupPlacements[current]
    private final double[] load;
    private final double[] memoryUsed;

    /**
     * Episodes place the graphs in turn; each is built on first use (a graph's grouping and costs take a while), so
     * listing a task costs nothing.
     */
    public PlacementEnv(List<Supplier<PlacementGraph>> graphs, int devices) {
        if (graphs.isEmpty()) throw new IllegalArgumentException("a placement task needs a graph");
        this.sources = List.copyOf(graphs);
        this.graphs = new PlacementGraph[graphs.size()];
        this.simulators = new Simulator[graphs.size()];
        this.opPlacements = new int[graphs.size()][];
        this.groupPlacements = new int[graphs.size()][];
        this.devices = devices;
        this.actions = new Discrete(devices);
        this.observations = Box.uniform(observationSize(devices), Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
        this.load = new double[devices];
        this.memoryUsed = new double[devices];
    }

    public PlacementEnv(PlacementGraph graph) {
        this(List.of(() -> graph), graph.devices());
    }

    /** The observation's size on a machine of {@code devices} devices. */
    public static int observationSize(int devices) {
        return PlacementGraph.GROUP_FEATURES + 1 + PER_DEVICE * devices;
    }

    /** Where device d's summary starts in an observation: inputs from d, outputs to d, load, memory, slowdown. */
    public static int deviceOffset(int d) {
        return PlacementGraph.GROUP_FEATURES + 1 + PER_DEVICE * d;
    }

    @Override public Space observationSpace() { return observations; }
    @Override public Space actionSpace() { return actions; }
    @Override public String[] diagnosticNames() { return DIAGNOSTICS.clone(); }
    @Override public boolean finalDiagnosticsDescribeEpisode() { return true; }

    /** How many graphs episodes cycle through. */
    public int graphCount() { return sources.size(); }

    /** Graph k (built on first use). */
    public PlacementGraph graph(int k) {
        if (graphs[k] == null) {
            graphs[k] = sources.get(k).get();
            if (graphs[k].devices() != devices) {
                throw new IllegalArgumentException("graph " + k + " is placed on " + graphs[k].devices() + " devices, not " + devices);
            }
            simulators[k] = graphs[k].newSimulator();
            opPlacements[k] = new int[graphs[k].graph().size()];
            groupPlacements[k] = new int[graphs[k].groups()];
        }
        return graphs[k];
    }

    /** The graph the current episode places (after a reset). */
    public PlacementGraph current() {
        if (current < 0) throw new IllegalStateException("no episode yet: reset first");
        return graph(current);
    }

    /** Which of the graphs the current episode places. */
    public int currentIndex() { return current; }

    /** Groups placed so far in this episode. */
    public int placed() { return t; }

    /** The device of group g of the current episode (g below {@link #placed()}). */
    public int deviceOf(int g) { return placement[g]; }

    @Override
    public void reset(long seed, Step out) {
        reset(out);
    }

    @Override
    public void reset(Step out) {
        select(episodes++ % sources.size());
        t = 0;
        Arrays.fill(load, 0);
        Arrays.fill(memoryUsed, 0);
        out.clearOutcome();
        observe(out.observation);
    }

    @Override
    public void step(double[] action, Step out) {
        if (current < 0) throw new IllegalStateException("placement task: step before reset");
        PlacementGraph pg = graphs[current];
        if (t >= pg.groups()) throw new IllegalStateException("placement task: step after the episode ended; reset first");
        double a = action[0];
        if (!(a == Math.rint(a) && a >= 0 && a < devices)) {
            throw new IllegalArgumentException("placement task: action " + a + " is not a device index in [0, " + devices + ")");
        }
        int d = (int) a;
        placement[t] = d;
        load[d] += pg.time(t, d);
        memoryUsed[d] += pg.memory(t);
        t++;
        out.reward = 0;
        out.terminated = false;
        out.truncated = false;
        Arrays.fill(out.diagnostics, 0);
        if (t == pg.groups()) {
            Simulator sim = simulators[current];
            double time = sim.run(pg.grouping().expandInto(placement, opPlacements[current]));
            boolean feasible = sim.feasible();
            double charged = feasible ? time : FAILING_STEP_TIME;
            double excess = 0;
            for (int k = 0; k < devices; k++) excess += Math.max(0, sim.peakMemory(k) - sim.usableMemory(k));
            out.reward = -Math.sqrt(charged);
            out.terminated = true;
            out.diagnostics[0] = charged;
            out.diagnostics[1] = feasible ? 1 : 0;
            out.diagnostics[2] = Double.isNaN(time) ? FAILING_STEP_TIME : time;
            out.diagnostics[3] = Double.isNaN(time) ? 0 : excess / GB;
        }
        observe(out.observation);
    }

    private void select(int k) {
        graph(k);
        current = k;
        placement = groupPlacements[k];
    }

    /** The current episode's group placement so far (a copy, {@link #placed()} entries). */
    public int[] placement() {
        return Arrays.copyOf(placement, t);
    }

    private void observe(double[] o) {
        PlacementGraph pg = graphs[current];
        Arrays.fill(o, 0);
        boolean done = t == pg.groups();
        if (!done) pg.writeGroupFeatures(t, o, 0);
        o[PlacementGraph.GROUP_FEATURES] = done ? 1 : 0;
        for (int d = 0; d < devices; d++) {
            int at = deviceOffset(d);
            o[at + 2] = load[d] / Math.max(pg.workOnBestDevices(), Double.MIN_NORMAL);
            o[at + MEMORY] = (memoryUsed[d] + (done ? 0 : pg.memory(t))) / pg.usableMemory(d);
        }
        if (done) return;
        double in = pg.totalIn(t), out = pg.totalOut(t);
        for (int k = pg.inStart(t); k < pg.inStart(t + 1); k++) {
            int src = pg.inGroup(k);
            if (src < t && in > 0) o[deviceOffset(placement[src])] += pg.inBytes(k) / in;
        }
        for (int k = pg.outStart(t); k < pg.outStart(t + 1); k++) {
            int dst = pg.outGroup(k);
            if (dst < t && out > 0) o[deviceOffset(placement[dst]) + 1] += pg.outBytes(k) / out;
        }
        for (int d = 0; d < devices; d++) o[deviceOffset(d) + 4] = pg.slowdown(t, d);
    }

    /** [graph index, groups placed, their devices...]. */
    @Override
    public double[] state() {
        double[] s = new double[2 + t];
        s[0] = current;
        s[1] = t;
        for (int g = 0; g < t; g++) s[2 + g] = placement[g];
        return s;
    }

    @Override
    public void setState(double[] state, Step out) {
        if (state.length < 2 || state[0] != Math.rint(state[0]) || state[0] < 0 || state[0] >= sources.size()) {
            throw new IllegalArgumentException("placement task: a state is [graph index, groups placed, their devices...]");
        }
        int k = (int) state[0];
        int n = (int) state[1];
        if (state[1] != n || n < 0 || n > graph(k).groups() || state.length != 2 + n) {
            throw new IllegalArgumentException("placement task: graph " + k + " has " + graph(k).groups()
                    + " groups; the state must list the devices of the first " + state[1]);
        }
        for (int g = 0; g < n; g++) {
            double d = state[2 + g];
            if (!(d == Math.rint(d) && d >= 0 && d < devices)) {
                throw new IllegalArgumentException("placement task: device " + d + " of group " + g + " is not in [0, " + devices + ")");
            }
        }
        select(k);
        replay(n, state, 2);
        out.clearOutcome();
        observe(out.observation);
    }

    /** Puts the first n groups on the devices at {@code devicesAt[from ..]}, recomputing the sums. */
    private void replay(int n, double[] devicesAt, int from) {
        PlacementGraph pg = graphs[current];
        Arrays.fill(load, 0);
        Arrays.fill(memoryUsed, 0);
        for (int g = 0; g < n; g++) {
            int d = (int) devicesAt[from + g];
            placement[g] = d;
            load[d] += pg.time(g, d);
            memoryUsed[d] += pg.memory(g);
        }
        t = n;
    }

    /** [episodes started, graph index, groups placed, their devices, padded to the largest graph]. */
    @Override
    public double[] snapshot() {
        int size = 3 + largestGraph();
        Snapshot.Writer w = Snapshot.writer("Placement", size).putInt(episodes).putInt(current).putInt(t);
        for (int g = 0; g < largestGraph(); g++) w.putInt(g < t ? placement[g] : 0);
        return w.finish();
    }

    @Override
    public void restore(double[] snapshot, Step out) {
        Snapshot.Reader r = Snapshot.reader("Placement", snapshot, 3 + largestGraph());
        int e = r.getInt(), k = r.getInt(), n = r.getInt();
        double[] devicesPlaced = r.getDoubles(largestGraph());
        episodes = e;
        out.clearOutcome();
        if (k < 0) { // taken before the first reset
            current = -1;
            return;
        }
        select(k);
        replay(n, devicesPlaced, 0);
        observe(out.observation);
    }

    private int largestGraph() {
        int m = 0;
        for (int k = 0; k < sources.size(); k++) m = Math.max(m, graph(k).groups());
        return m;
    }
}
