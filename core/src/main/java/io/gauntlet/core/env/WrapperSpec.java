package io.gauntlet.core.env;

/**
 * A wrapper that any task id can select by a suffix: {@code TASK:name} or {@code TASK:name=argument}, e.g.
 * {@code Pendulum-v1:normalize-obs} or {@code CartPole-v1:limited-sensors:time-limit=1000}. Suffixes apply left
 * to right, so the first one wraps the task innermost. {@link EnvRegistry#spec(String)} resolves them, so every
 * tool that takes an env id accepts them.
 *
 * @param name the suffix name (letters, digits and '-')
 * @param description one line saying what the wrapper changes, for {@code list envs}
 * @param wrapping builds the wrapped task's spec from the base spec
 */
public record WrapperSpec(String name, String description, Wrapping wrapping) {
    @FunctionalInterface
    public interface Wrapping {
        /**
         * The base task wrapped. {@code argument} is the text after '=' or null when there is none. The returned
         * spec's id is replaced by the registry with the full suffixed id. A bad argument or a task the wrapper
         * cannot wrap throws {@link io.gauntlet.core.BadInputException}.
         */
        EnvSpec apply(EnvSpec base, String argument);
    }
}
