package io.gauntlet.algorithms;

import io.gauntlet.core.Stateful;
import java.util.Map;

/**
 * Fujimoto et al. 2018's check of a critic's bias (their figure 1): at each episode's start the critic's estimate
 * Q(s₀, μ(s₀)), at its end the discounted return Σ γᵗ rₜ the episode actually realised from s₀ (rewards as stored,
 * exploration included; an episode cut by a time limit misses γ^T · V(s_T), negligible at the tasks' limits). A
 * critic that overestimates shows InitialQ growing away from InitialReturn. Carried mid-episode across a resume.
 */
final class ValueCheck implements Stateful {
    private final double gamma;
    private double q0 = Double.NaN, discounted, discount = 1;
    private double qSum, returnSum;
    private int episodes;

    ValueCheck(double gamma) {
        this.gamma = gamma;
    }

    /** A new episode from a state the critic values at {@code q0} (NaN: not counted, e.g. before training). */
    void start(double q0) {
        this.q0 = q0;
        discounted = 0;
        discount = 1;
    }

    /** One reward of the episode; at its end the pair (Q(s₀), return) is counted. */
    void reward(double r, boolean done) {
        discounted += discount * r;
        discount *= gamma;
        if (done && !Double.isNaN(q0)) {
            qSum += q0;
            returnSum += discounted;
            episodes++;
        }
    }

    /** Adds InitialQ and InitialReturn, the means over the episodes counted since the last call, to {@code diag}. */
    void report(Map<String, Double> diag) {
        diag.put("InitialQ", episodes == 0 ? Double.NaN : qSum / episodes);
        diag.put("InitialReturn", episodes == 0 ? Double.NaN : returnSum / episodes);
        qSum = returnSum = 0;
        episodes = 0;
    }

    @Override
    public double[] snapshot() {
        return new double[] {q0, discounted, discount, qSum, returnSum, episodes};
    }

    @Override
    public void restore(double[] s) {
        q0 = s[0];
        discounted = s[1];
        discount = s[2];
        qSum = s[3];
        returnSum = s[4];
        episodes = (int) s[5];
    }
}
