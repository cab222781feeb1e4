package io.gauntlet.placement.learn;

/**
 * The learned placers' memory mask: a device that a group would overflow gets probability exactly 0, unless the group
 * overflows every device (then the policy chooses freely and the simulator judges). A device's fill is the task's
 * estimate ({@link io.gauntlet.placement.env.PlacementGraph#memory}): the bytes of the groups already on it and this
 * one, over its usable memory. Masking invalid actions is how Mirhoseini et al.'s chip placer (2021) keeps its policy
 * within the density constraints; here it keeps most sampled placements within memory, so a failing placement's charge
 * no longer pushes the policy off every device that can fill up.
 *
 * <p>The estimate is the groups' shares of the one-device peak, so a placement it admits can still run out of memory
 * (copies received from other devices are held too): the failure charge covers those.
 */
public final class OverflowMask {
    /** A masked logit: finite, so that 0 · log 0 terms of entropies and gradients stay 0, and exp of it is 0. */
    public static final double MASKED = -1e300;

    private OverflowMask() {}

    /**
     * Sets to {@link #MASKED} the logits {@code logits[off + d]} of the devices whose fill
     * {@code fill[fillOff + d · fillStride]} exceeds 1, unless every device's does.
     */
    public static void apply(double[] logits, int off, int devices, double[] fill, int fillOff, int fillStride) {
        boolean anyFits = false;
        for (int d = 0; d < devices; d++) anyFits |= fill[fillOff + d * fillStride] <= 1;
        if (!anyFits) return;
        for (int d = 0; d < devices; d++) if (fill[fillOff + d * fillStride] > 1) logits[off + d] = MASKED;
    }
}
