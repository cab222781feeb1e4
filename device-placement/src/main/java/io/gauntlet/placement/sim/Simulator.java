package io.gauntlet.placement.sim;

import io.gauntlet.core.BadInputException;
import io.gauntlet.placement.device.Cluster;
import io.gauntlet.placement.device.CostProfile;
import io.gauntlet.placement.device.DeviceType;
import io.gauntlet.placement.device.LinkType;
import io.gauntlet.placement.graph.Graph;
import io.gauntlet.placement.graph.Op;
import io.gauntlet.placement.graph.Phase;

import java.util.Arrays;

/**
 * Event-driven simulation of one training step of a graph placed on a cluster (after Placeto/Park/Baechi).
 * <ul>
 * <li>Each device runs one op at a time; ops whose inputs are all present on the device wait in a FIFO queue
 *     in the order they became ready.</li>
 * <li>Op times, transfer set-up and bandwidth, the bytes an op holds and the usable memory of each device come
 *     from a {@link CostProfile} (the cluster's unless another is given).</li>
 * <li>When an op finishes, its output is sent once to every other device that has a consumer; a transfer
 *     occupies the directed link for set-up + bytes / bandwidth, transfers on one link are served in request
 *     order, and the copy stays cached at the receiver.</li>
 * <li>Memory: parameters (paramBytes) are resident from the start; an op's held bytes are allocated when it
 *     starts (a received copy of its output when its transfer is requested) and freed when its last consumer on
 *     that device has finished (at the sender: also after its outgoing transfers). A variable's output aliases
 *     its parameters. Peak above usable memory = OOM on that device; the step is still timed.</li>
 * </ul>
 * Everything that does not depend on the placement is precomputed once. {@link #run} simulates a placement on
 * primitive arrays that are reused and allocates nothing, so one simulator can score thousands of placements
 * (e.g. of one grouped graph, expanded with {@link io.gauntlet.placement.graph.Grouping#expandInto}); {@link
 * #simulate} wraps it in a {@link SimResult}. Ties are broken by event order: the simulation is deterministic.
 * Not thread-safe: use one simulator per thread.
 */
public final class Simulator {
    private final Graph graph;
    private final Cluster cluster;
    private final CostProfile profile;
    private final int n, nDev;

    // placement-independent data
    private final double[] opTime;       // [op * nDev + d]
    private final int[] inStart, inIdx;  // CSR inputs
    private final int[] outStart, outIdx; // CSR consumers
    private final long[] outBytes, heldBytes, copyBytes, paramBytes; // bytes sent; allocated on own device, on others; resident
    private final int[] colocate;
    private final double[] linkBw, linkSetup; // [src * nDev + dst]
    private final long[] capacity;

    // per-step state, reused
    private final int[] place;
    private final int[] remaining;
    private final int[] refs;          // [op * nDev + d]: uses left of op's output on device d
    private final boolean[] present;   // [op * nDev + d]: output on d or in flight to it
    private final int[][] queue;       // per device FIFO ring of ready ops
    private final int[] qHead, qTail;
    private final boolean[] busy;
    private final double[] busyTime;
    private final long[] mem, peak;
    private final double[] linkFree;
    private final double[] start, end;
    private final int[] trOp, trSrc, trDst;
    private final double[] trStart, trEnd;
    private int nTr;
    private long trBytes;
    // event heap: (time, seq) ordered
    private final double[] hTime;
    private final long[] hSeq;
    private final int[] hEv;
    private int hSize;
    private long seq;
    // outcome of the last run
    private double stepTime;
    private String invalidReason;

    /** A simulator under the cluster's own cost profile. */
    public Simulator(Graph graph, Cluster cluster) {
        this(graph, cluster, cluster.profile());
    }

    public Simulator(Graph graph, Cluster cluster, CostProfile profile) {
        this.graph = graph;
        this.cluster = cluster;
        this.profile = profile;
        this.n = graph.size();
        this.nDev = cluster.size();
        opTime = new double[n * nDev];
        outBytes = new long[n];
        heldBytes = new long[n];
        copyBytes = new long[n];
        paramBytes = new long[n];
        double overhead = profile.allocationOverhead();
        colocate = new int[n];
        for (int i = 0; i < n; i++) {
            Op op = graph.op(i);
            for (int d = 0; d < nDev; d++) {
                DeviceType t = cluster.device(d).type();
                boolean runs = !t.inferenceOnly() || op.phase() == Phase.FORWARD;
                opTime[i * nDev + d] = runs ? profile.opTime(op, t) : Double.POSITIVE_INFINITY;
            }
            outBytes[i] = op.outputBytes();
            heldBytes[i] = Math.round(profile.heldBytes(op) * overhead);
            copyBytes[i] = Math.round(op.outputBytes() * overhead);
            paramBytes[i] = Math.round(op.paramBytes() * overhead);
            colocate[i] = graph.colocatedWith(i);
        }
        inStart = new int[n + 1];
        outStart = new int[n + 1];
        for (int i = 0; i < n; i++) {
            inStart[i + 1] = inStart[i] + graph.inputs(i).length;
            outStart[i + 1] = outStart[i] + graph.consumers(i).length;
        }
        inIdx = new int[inStart[n]];
        outIdx = new int[outStart[n]];
        for (int i = 0; i < n; i++) {
            System.arraycopy(graph.inputs(i), 0, inIdx, inStart[i], graph.inputs(i).length);
            System.arraycopy(graph.consumers(i), 0, outIdx, outStart[i], graph.consumers(i).length);
        }
        linkBw = new double[nDev * nDev];
        linkSetup = new double[nDev * nDev];
        for (int a = 0; a < nDev; a++)
            for (int b = 0; b < nDev; b++)
                if (a != b) {
                    LinkType l = cluster.link(a, b);
                    linkBw[a * nDev + b] = profile.transferBandwidth(l);
                    linkSetup[a * nDev + b] = profile.transferSetup(l);
                }
        capacity = new long[nDev];
        for (int d = 0; d < nDev; d++) capacity[d] = profile.usableMemory(cluster.device(d).type());

        place = new int[n];
        remaining = new int[n];
        refs = new int[n * nDev];
        present = new boolean[n * nDev];
        queue = new int[nDev][n];
        qHead = new int[nDev];
        qTail = new int[nDev];
        busy = new boolean[nDev];
        busyTime = new double[nDev];
        mem = new long[nDev];
        peak = new long[nDev];
        linkFree = new double[nDev * nDev];
        start = new double[n];
        end = new double[n];
        int maxTr = n * Math.max(1, nDev - 1);
        trOp = new int[maxTr];
        trSrc = new int[maxTr];
        trDst = new int[maxTr];
        trStart = new double[maxTr];
        trEnd = new double[maxTr];
        int maxEv = n + maxTr + 1;
        hTime = new double[maxEv];
        hSeq = new long[maxEv];
        hEv = new int[maxEv];
    }

    public Graph graph() { return graph; }
    public Cluster cluster() { return cluster; }
    public CostProfile profile() { return profile; }

    /** Precomputed time of op i on device d (infinite if d cannot run it). */
    public double opTime(int i, int d) { return opTime[i * nDev + d]; }

    /** Time to send op i's output from device a to device b (0 if a == b). */
    public double transferTime(int i, int a, int b) {
        return a == b ? 0 : linkSetup[a * nDev + b] + outBytes[i] / linkBw[a * nDev + b];
    }

    /** Bytes of device d's memory a step may use. */
    public long usableMemory(int d) { return capacity[d]; }

    /** Simulates one step of the given placement (device index per op). */
    public SimResult simulate(int[] placement) {
        run(placement);
        if (invalidReason != null)
            return new SimResult(Double.NaN, new double[nDev], new long[nDev], new boolean[nDev], 0, 0, invalidReason);
        boolean[] oom = new boolean[nDev];
        for (int d = 0; d < nDev; d++) oom[d] = outOfMemory(d);
        return new SimResult(stepTime, busyTime.clone(), peak.clone(), oom, trBytes, nTr, null);
    }

    /**
     * Simulates one step of the given placement (device index per op) without allocating: returns the step time,
     * NaN if the placement is invalid ({@link #invalidReason} says why). The accessors below then describe it.
     */
    public double run(int[] placement) {
        invalidReason = check(placement);
        if (invalidReason != null) {
            Arrays.fill(peak, 0); // nothing ran
            return stepTime = Double.NaN;
        }
        System.arraycopy(placement, 0, place, 0, n);
        reset();
        runEvents();
        double t = 0;
        for (int i = 0; i < n; i++) t = Math.max(t, end[i]);
        for (int k = 0; k < nTr; k++) t = Math.max(t, trEnd[k]);
        return stepTime = t;
    }

    /** Why the last placement run cannot execute at all, or null. */
    public String invalidReason() { return invalidReason; }

    /** Highest bytes allocated on device d during the last run. */
    public long peakMemory(int d) { return peak[d]; }

    /** Whether the last run needed more of device d's memory than it has. */
    public boolean outOfMemory(int d) { return peak[d] > capacity[d]; }

    /** Whether the last run executes and fits in every device's memory. */
    public boolean feasible() {
        if (invalidReason != null) return false;
        for (int d = 0; d < nDev; d++) if (outOfMemory(d)) return false;
        return true;
    }

    /** The timeline of the last (valid) run. */
    public Timeline timeline() {
        return new Timeline(place.clone(), start.clone(), end.clone(), Arrays.copyOf(trOp, nTr),
                Arrays.copyOf(trSrc, nTr), Arrays.copyOf(trDst, nTr), Arrays.copyOf(trStart, nTr), Arrays.copyOf(trEnd, nTr));
    }

    private String check(int[] p) {
        if (p.length != n) throw new BadInputException("placement has " + p.length + " entries for " + n + " ops");
        for (int i = 0; i < n; i++) {
            if (p[i] < 0 || p[i] >= nDev)
                throw new BadInputException("op '" + graph.op(i).name() + "' placed on device " + p[i] + " of " + nDev);
            if (Double.isInfinite(opTime[i * nDev + p[i]]))
                return "op '" + graph.op(i).name() + "' cannot run on " + cluster.device(p[i]).name();
            if (colocate[i] >= 0 && p[colocate[i]] != p[i])
                return "op '" + graph.op(i).name() + "' is not on the device of '" + graph.op(colocate[i]).name() + "'";
        }
        return null;
    }

    private void reset() {
        Arrays.fill(refs, 0);
        Arrays.fill(present, false);
        Arrays.fill(qHead, 0);
        Arrays.fill(qTail, 0);
        Arrays.fill(busy, false);
        Arrays.fill(busyTime, 0);
        Arrays.fill(mem, 0);
        Arrays.fill(linkFree, 0);
        nTr = 0;
        trBytes = 0;
        hSize = 0;
        seq = 0;
        for (int i = 0; i < n; i++) {
            int s = place[i];
            remaining[i] = inStart[i + 1] - inStart[i];
            mem[s] += paramBytes[i];
            present[i * nDev + s] = true;
            for (int k = outStart[i]; k < outStart[i + 1]; k++) {
                int dc = place[outIdx[k]];
                refs[i * nDev + dc]++;
                if (dc != s && refs[i * nDev + dc] == 1) refs[i * nDev + s]++; // one outgoing transfer per device
            }
        }
        System.arraycopy(mem, 0, peak, 0, nDev);
    }

    private void runEvents() {
        for (int i = 0; i < n; i++) if (remaining[i] == 0) enqueue(place[i], i);
        for (int d = 0; d < nDev; d++) tryStart(d, 0);
        while (hSize > 0) {
            double now = hTime[0];
            int ev = pop();
            if (ev < n) opDone(ev, now);
            else transferDone(ev - n, now);
        }
    }

    private void opDone(int i, double now) {
        int d = place[i];
        busy[d] = false;
        busyTime[d] += end[i] - start[i];
        for (int k = inStart[i]; k < inStart[i + 1]; k++) release(inIdx[k], d);
        if (refs[i * nDev + d] == 0) free(i, d); // nobody reads it
        for (int k = outStart[i]; k < outStart[i + 1]; k++) {
            int c = outIdx[k], dc = place[c];
            if (dc == d) {
                if (--remaining[c] == 0) enqueue(d, c);
            } else if (!present[i * nDev + dc]) {
                present[i * nDev + dc] = true;
                int l = d * nDev + dc;
                double s = Math.max(now, linkFree[l]);
                double e = s + linkSetup[l] + outBytes[i] / linkBw[l];
                linkFree[l] = e;
                alloc(dc, copyBytes[i]);
                trOp[nTr] = i;
                trSrc[nTr] = d;
                trDst[nTr] = dc;
                trStart[nTr] = s;
                trEnd[nTr] = e;
                trBytes += outBytes[i];
                push(e, n + nTr);
                nTr++;
            }
        }
        tryStart(d, now);
    }

    private void transferDone(int t, double now) {
        int i = trOp[t], src = trSrc[t], dst = trDst[t];
        release(i, src);
        for (int k = outStart[i]; k < outStart[i + 1]; k++) {
            int c = outIdx[k];
            if (place[c] == dst && --remaining[c] == 0) enqueue(dst, c);
        }
        tryStart(dst, now);
    }

    private void tryStart(int d, double now) {
        if (busy[d] || qHead[d] == qTail[d]) return;
        int i = queue[d][qHead[d]++];
        busy[d] = true;
        start[i] = now;
        end[i] = now + opTime[i * nDev + d];
        alloc(d, heldBytes[i]);
        push(end[i], i);
    }

    private void enqueue(int d, int i) {
        queue[d][qTail[d]++] = i;
    }

    /** One use of op j's output on device d is over. */
    private void release(int j, int d) {
        if (--refs[j * nDev + d] == 0) free(j, d);
    }

    private void free(int j, int d) {
        mem[d] -= d == place[j] ? heldBytes[j] : copyBytes[j];
    }

    private void alloc(int d, long bytes) {
        mem[d] += bytes;
        if (mem[d] > peak[d]) peak[d] = mem[d];
    }

    // ---------------------------------------------------------------- binary heap on (time, seq)

    private boolean less(int a, int b) {
        return hTime[a] < hTime[b] || (hTime[a] == hTime[b] && hSeq[a] < hSeq[b]);
    }

    private void swap(int a, int b) {
        double t = hTime[a]; hTime[a] = hTime[b]; hTime[b] = t;
        long s = hSeq[a]; hSeq[a] = hSeq[b]; hSeq[b] = s;
        int e = hEv[a]; hEv[a] = hEv[b]; hEv[b] = e;
    }

    private void push(double time, int ev) {
        int k = hSize++;
        hTime[k] = time;
        hSeq[k] = seq++;
        hEv[k] = ev;
        while (k > 0) {
            int p = (k - 1) >>> 1;
            if (!less(k, p)) break;
            swap(k, p);
            k = p;
        }
    }

    private int pop() {
        int ev = hEv[0];
        hSize--;
        if (hSize > 0) {
            hTime[0] = hTime[hSize];
            hSeq[0] = hSeq[hSize];
            hEv[0] = hEv[hSize];
            int k = 0;
            while (true) {
                int l = 2 * k + 1, r = l + 1, m = k;
                if (l < hSize && less(l, m)) m = l;
                if (r < hSize && less(r, m)) m = r;
                if (m == k) break;
                swap(k, m);
                k = m;
            }
        }
        return ev;
    }
}
