package io.gauntlet.placement.learn;

import io.gauntlet.core.Stateful;
import io.gauntlet.core.env.Step;
import io.gauntlet.placement.env.PlacementEnv;

/**
 * The run time a learned placer learns from: the placement task's charge for a placement that runs and fits, and for
 * one that does not fit, Placeto's graded charge (Addanki et al. 2019: the simulated run time plus a memory penalty
 * λ per gigabyte over the devices' memory, capped at the failing run time), or with λ = 0 the paper's flat failing
 * run time.
 *
 * <p>Why graded: under the flat charge every placement that overflows a GPU costs the same 100 s, so nothing tells a
 * policy that a placement nearly fits, and concentrating groups on one device (which saves the copies) pays only on
 * the one device where everything fits: the CPU (the "CPU trap"). Under a small penalty, the fast placements that
 * overflow a GPU by a little score between the CPU and the failures.
 *
 * <p>Why λ adapts: a penalty small enough not to matter while placements are random (their overflow comes from the
 * copies every device receives, and charging it pushes groups onto the CPU, where nothing overflows) is also small
 * enough for a policy to settle on a fast placement that overflows. So λ is a Lagrange multiplier of the constraint
 * "at least {@code target} of the placements fit" (reward-constrained policy optimisation, Tessler et al. 2019):
 * after each update it grows by the factor exp(rate · (target − share that fitted)), never below its start, and a
 * policy that has concentrated on a GPU is pushed to move groups off it rather than back to the CPU.
 */
public final class FailureCharge implements Stateful {
    /** Placeto's memory penalty (its shipped hyper-parameters: 2 per GB over). */
    public static final double PLACETO_PENALTY = 2;
    /** How fast λ follows the constraint, per update. */
    public static final double RATE = 0.1;
    /** The help text of both learned placers' {@code memory_penalty} setting. */
    public static final String MEMORY_PENALTY_DOC = "seconds charged per GB over a device's memory on top of the simulated"
            + " step time, at most the failing 100 s (Placeto's graded memory penalty; it grows while fewer placements fit"
            + " than feasible_target); 0: the paper's flat failing charge";
    /** The help text of both learned placers' {@code feasible_target} setting. */
    public static final String FEASIBLE_TARGET_DOC = "share of placements that should fit: the memory penalty grows while"
            + " fewer do (0: it stays)";

    private final double start;
    private final double target;
    private double penalty;

    /**
     * @param memoryPenalty seconds per gigabyte over a device's usable memory (summed over devices) at the start; 0:
     *                      the paper's flat failing run time for any failure
     * @param target        the share of placements that should fit; 0: λ stays at its start
     */
    public FailureCharge(double memoryPenalty, double target) {
        this.start = memoryPenalty;
        this.target = target;
        this.penalty = memoryPenalty;
    }

    /** λ now: seconds charged per gigabyte over. */
    public double penalty() {
        return penalty;
    }

    /** The run time charged for the episode that just ended in {@code step} (the placement task's final diagnostics). */
    public double charge(Step step) {
        double stepTime = step.diagnostics[0];
        boolean feasible = step.diagnostics[1] != 0;
        if (feasible || penalty == 0) return stepTime;
        double simulated = step.diagnostics[2], excess = step.diagnostics[3];
        return Math.min(PlacementEnv.FAILING_STEP_TIME, simulated + penalty * excess);
    }

    /** The reward for that run time, as the task pays it: −√(seconds). */
    public double reward(Step step) {
        return -Math.sqrt(charge(step));
    }

    /** After an update whose placements fitted in share {@code fitted}: λ ← max(start, λ · exp(rate · (target − fitted))). */
    public void adapt(double fitted) {
        if (target == 0 || start == 0) return;
        penalty = Math.min(PlacementEnv.FAILING_STEP_TIME, Math.max(start, penalty * Math.exp(RATE * (target - fitted))));
    }

    @Override
    public double[] snapshot() {
        return new double[] {penalty};
    }

    @Override
    public void restore(double[] snapshot) {
        if (snapshot.length != 1) throw new IllegalArgumentException("a failure charge is one value, got " + snapshot.length);
        penalty = snapshot[0];
    }
}
