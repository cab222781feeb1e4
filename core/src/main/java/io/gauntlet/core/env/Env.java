package io.gauntlet.core.env;

/**
 * A reinforcement-learning task, Gymnasium's contract in allocation-free form.
 *
 * <p>{@link #reset(long, Step)} seeds the environment's own random stream and starts an episode;
 * {@link #reset(Step)} starts the next episode from the same stream. {@link #step(double[], Step)} advances one
 * step and writes observation, reward, {@code terminated}, {@code truncated} and diagnostics into the caller's
 * {@link Step}. Neither may allocate in steady state. Discrete actions are one double holding the index.
 *
 * <p>Actions must be finite: a NaN or infinite action throws {@link IllegalArgumentException} naming the task.
 * Continuous actions outside the box are clipped where the reference clips.
 */
public interface Env {
    Space observationSpace();

    Space actionSpace();

    void reset(long seed, Step out);

    void reset(Step out);

    void step(double[] action, Step out);

    /** Names of the values written to {@link Step#diagnostics}; empty when there are none. */
    default String[] diagnosticNames() {
        return new String[0];
    }

    /**
     * Whether the diagnostics written at the step that ends an episode describe the whole episode (Gymnasium's final
     * info, e.g. a placement's simulated step time). The harness then writes, per iteration, each one's mean over the
     * episodes that ended and its value in the best episode so far (the highest return) to progress.csv.
     */
    default boolean finalDiagnosticsDescribeEpisode() {
        return false;
    }

    /**
     * The task's physical state in its documented order (e.g. CartPole: x, x_dot, theta, theta_dot; locomotion:
     * qpos then qvel), used by {@code rollout --init-state} and by partial-observability wrappers.
     */
    double[] state();

    /**
     * Puts the task into a physical state and writes the matching observation into {@code out} as if an episode
     * had just started there. Throws {@link IllegalArgumentException} for a wrong length or a non-finite value.
     */
    void setState(double[] state, Step out);

    /**
     * Everything that determines this env's future, as a flat array (see {@link Snapshot} for the layout helpers):
     * physical state and parameters, the env's own random stream, episode counters, and every wrapper's internal
     * state (statistics, buffers, noise streams), each wrapper appending its part to its inner env's. An env
     * restored from it with {@link #restore} and stepped with the same actions yields bit-identical steps, resets
     * included. Allocates; meant for checkpoints, not for inner loops.
     */
    double[] snapshot();

    /**
     * Puts this env (built like the one that took {@code snapshot}, e.g. a fresh instance from the same spec) into
     * the snapshot's state and writes the current observation into {@code out} (reward and flags cleared), so that
     * stepping continues exactly. Throws {@link IllegalArgumentException} for a snapshot of the wrong length or
     * of a differently built env.
     */
    void restore(double[] snapshot, Step out);

    /** The innermost task under any wrappers (itself for a task). */
    default Env unwrapped() {
        return this;
    }
}
