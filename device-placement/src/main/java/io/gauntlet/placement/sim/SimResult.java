package io.gauntlet.placement.sim;

/**
 * What one simulated training step measured.
 *
 * @param stepTime      seconds from the first op start to the last op or transfer end (NaN if invalid)
 * @param busyTime      per device, seconds spent running ops
 * @param peakMemory    per device, highest bytes allocated at any moment
 * @param oom           per device, peak above capacity
 * @param transferBytes bytes moved between devices
 * @param transfers     number of transfers
 * @param invalidReason null, or why the placement cannot run at all (then nothing was simulated)
 */
public record SimResult(double stepTime, double[] busyTime, long[] peakMemory, boolean[] oom,
                        long transferBytes, int transfers, String invalidReason) {

    public boolean valid() { return invalidReason == null; }

    public boolean anyOom() {
        for (boolean b : oom) if (b) return true;
        return false;
    }

    /** Runs and fits in memory. */
    public boolean feasible() { return valid() && !anyOom(); }
}
