package io.gauntlet.envs;

import io.gauntlet.core.env.Env;
import io.gauntlet.core.env.Step;
import java.util.function.Consumer;

/** Driving a task by hand in the tasks' tests: a step from a state, the resets of several seeds, an episode to its end. */
public final class TestSteps {
    private TestSteps() {}

    /** What one step of {@code env} under {@code action} hands back from the state {@code state} (a fresh Step). */
    public static Step stepFrom(Env env, double[] state, double... action) {
        Step s = Step.of(env);
        env.setState(state, s);
        env.step(action, s);
        return s;
    }

    /** Checks what {@code env.reset(seed)} hands back for the seeds 0 to {@code seeds} − 1. */
    public static void everyReset(Env env, int seeds, Consumer<Step> check) {
        Step s = Step.of(env);
        for (long seed = 0; seed < seeds; seed++) {
            env.reset(seed, s);
            check.accept(s);
        }
    }

    /** Repeats {@code action} from the state {@code s} holds until the episode ends; returns the steps taken. */
    public static int stepsUntilDone(Env env, double[] action, Step s) {
        int t = 0;
        while (!s.done()) {
            env.step(action, s);
            t++;
        }
        return t;
    }
}
