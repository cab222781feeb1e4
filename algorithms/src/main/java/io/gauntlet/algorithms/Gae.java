package io.gauntlet.algorithms;

/**
 * Generalised advantage estimation (Schulman et al. 2016) over a time-major batch of {@code steps} × {@code envs}
 * transitions (row t holds step t of every env copy).
 *
 * <p>δ_t = r_t + γ (1 − terminated_t) V(s_{t+1}) − V(s_t), and A_t = δ_t + γλ (1 − done_t) A_{t+1}. Here
 * {@code nextValues[t]} is V of the state that truly followed step t: the last observation of the episode when it
 * ended (so a time-limit truncation is bootstrapped, a termination is not), the next row's state otherwise. With
 * λ = 1 and V ≡ 0 the advantages are the discounted returns-to-go within each episode.
 */
public final class Gae {
    private Gae() {}

    /** Writes advantages into {@code advantages} and λ-returns (advantage + value) into {@code returns}. */
    public static void compute(int steps, int envs, double gamma, double lambda,
                               double[] rewards, double[] values, double[] nextValues,
                               boolean[] terminated, boolean[] done,
                               double[] advantages, double[] returns) {
        int n = steps * envs;
        if (rewards.length < n || values.length < n || nextValues.length < n || terminated.length < n
                || done.length < n || advantages.length < n || returns.length < n) {
            throw new IllegalArgumentException("GAE arrays shorter than steps × envs = " + n);
        }
        for (int e = 0; e < envs; e++) {
            double next = 0; // A_{t+1}
            for (int t = steps - 1; t >= 0; t--) {
                int k = t * envs + e;
                double bootstrap = terminated[k] ? 0 : gamma * nextValues[k];
                double delta = rewards[k] + bootstrap - values[k];
                double carry = done[k] || t == steps - 1 ? 0 : gamma * lambda * next;
                next = delta + carry;
                advantages[k] = next;
                returns[k] = next + values[k];
            }
        }
    }

    /**
     * GAE(λ) over whole episodes stored one after another ({@code pathStart[e]} to {@code pathStart[e + 1]}), as
     * rllab computes it for its batch methods: the value after a path's last step is 0, whether the episode
     * terminated or was cut by the time limit. With λ = 1 this is returns − values.
     */
    public static void ofPaths(double[] rewards, double[] values, int[] pathStart, int paths, double gamma, double lambda,
                               double[] advantages) {
        for (int e = 0; e < paths; e++) {
            double next = 0;
            double nextValue = 0;
            for (int i = pathStart[e + 1] - 1; i >= pathStart[e]; i--) {
                double delta = rewards[i] + gamma * nextValue - values[i];
                next = delta + gamma * lambda * next;
                advantages[i] = next;
                nextValue = values[i];
            }
        }
    }
}
