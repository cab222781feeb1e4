package io.gauntlet.placement.learn;

import io.gauntlet.placement.env.PlacementGraph;

/**
 * Where a fresh learned placer's device distribution starts: each device in proportion to its speed on the graph
 * (1 / the seconds all groups would take there), rather than uniformly.
 *
 * <p>Why: from a uniform start a third of a 1 CPU + 2 GPU machine's groups land on the CPU, every other edge crosses
 * devices, and the copies dominate the step time. The first thing the policy learns is to concentrate, and on which
 * device is close to a coin toss: a GPU fills up (its placements overflow or hit the memory mask) while the CPU never
 * does, so the CPU often wins and the policy converges there (the "CPU trap"). Starting in proportion to speed keeps
 * the slow device's share small (about 8 % for NMT on 1 CPU + 2 K80s) without ruling any device out, so concentration
 * happens on the fast ones. It is a prior over devices from the task's own cost features, the same for every group; no
 * placement is imitated.
 */
public final class DevicePrior {
    private DevicePrior() {}

    /** Log-probabilities of the devices (centred to mean 0): ln(speed_d / Σ speed), floored at ln 1e-6. */
    public static double[] logits(PlacementGraph pg) {
        int devices = pg.devices();
        double[] speed = new double[devices];
        double sum = 0;
        for (int d = 0; d < devices; d++) {
            double t = 0;
            for (int g = 0; g < pg.groups(); g++) t += pg.time(g, d);
            speed[d] = t > 0 && Double.isFinite(t) ? 1 / t : 0;
            sum += speed[d];
        }
        double[] logits = new double[devices];
        double mean = 0;
        for (int d = 0; d < devices; d++) {
            logits[d] = Math.log(Math.max(sum > 0 ? speed[d] / sum : 1.0 / devices, 1e-6));
            mean += logits[d] / devices;
        }
        for (int d = 0; d < devices; d++) logits[d] -= mean;
        return logits;
    }

    /** The mean of several graphs' {@link #logits} (a placer trained on several graphs). */
    public static double[] logits(PlacementGraph[] graphs) {
        double[] mean = new double[graphs[0].devices()];
        for (PlacementGraph pg : graphs) {
            double[] l = logits(pg);
            for (int d = 0; d < mean.length; d++) mean[d] += l[d] / graphs.length;
        }
        return mean;
    }
}
