package io.gauntlet.placement.learn;

import io.gauntlet.core.env.Step;
import io.gauntlet.placement.env.PlacementEnv;

/**
 * The run time a learned placer learns from: the placement task's charge for a placement that runs and fits, and for
 * one that does not fit, Placeto's graded charge (Addanki et al. 2019: the simulated run time plus a memory penalty
 * per gigabyte over the device's memory, capped), or the paper's flat failing run time.
 *
 * <p>Why graded: under the flat charge every placement that overflows a GPU costs the same 100 s, so nothing tells a
 * policy that a placement nearly fits, and concentrating groups on one device (which saves the copies) pays only on
 * the one device where everything fits: the CPU. Under the graded charge, the fast placements that overflow a GPU by
 * a little score between the CPU and the failures, and the policy is pulled towards moving the groups that hold the
 * most memory off the full device.
 *
 * @param memoryPenalty seconds per gigabyte over a device's usable memory (summed over devices); 0: the paper's flat
 *                      failing run time for any failure
 */
public record FailureCharge(double memoryPenalty) {
    /** Placeto's memory penalty (its shipped hyper-parameters: 2 per GB over). */
    public static final double PLACETO_PENALTY = 2;

    /** The run time charged for the episode that just ended in {@code step} (the placement task's final diagnostics). */
    public double charge(Step step) {
        double stepTime = step.diagnostics[0];
        boolean feasible = step.diagnostics[1] != 0;
        if (feasible || memoryPenalty == 0) return stepTime;
        double simulated = step.diagnostics[2], excess = step.diagnostics[3];
        return Math.min(PlacementEnv.FAILING_STEP_TIME, simulated + memoryPenalty * excess);
    }

    /** The reward for that run time, as the task pays it: −√(seconds). */
    public double reward(Step step) {
        return -Math.sqrt(charge(step));
    }
}
