package io.gauntlet.core.args;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares one setting of an algorithm's settings record (CleanRL's {@code Args}): its default, written as on the
 * command line, what it means, and its valid values. The setting's name is the component's, in snake_case
 * ({@code learningRate} → {@code learning_rate}); its type is the component's: int, long, double, boolean, String,
 * int[] (layer sizes, written {@code 64,64}) or an enum (its constants, written in lower case).
 * {@link ArgSchema} reads these to fill, check, list and record the settings.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Arg {
    /** The default, as it would be written after {@code --set name=}. */
    String value();

    /** The default for continuous (Box) action spaces where it differs from {@link #value()}; empty: the same. */
    String continuous() default "";

    /** What the setting means, in one line. */
    String doc();

    /**
     * The valid values of a number (of each size of an int[]) as an interval: {@code [0, 1]}, {@code (0, inf)},
     * {@code [1, 4096]}. Empty: any finite value (positive for int[] sizes).
     */
    String range() default "";

    /**
     * The setting changes how fast a run goes, never its results (a thread count), so it is not part of the run's
     * identity: a run resumes under another value.
     */
    boolean resource() default false;
}
