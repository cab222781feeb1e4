package io.gauntlet.algorithms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class GaeTest {
    @Test
    void matchesHandComputationWithTerminationAndTruncation() {
        // One env, 4 steps. Episode 1: steps 0-1, terminated at 1. Episode 2: step 2 truncated (bootstrap from
        // its final observation, value 5). Episode 3: step 3, cut by the end of the batch (bootstrap V = 2).
        double g = 0.9, l = 0.5;
        double[] r = {1, 2, 3, 4};
        double[] v = {10, 20, 30, 40};
        double[] next = {20, 99, 5, 2};
        boolean[] term = {false, true, false, false};
        boolean[] done = {false, true, true, false};
        double[] adv = new double[4], ret = new double[4];
        Gae.compute(4, 1, g, l, r, v, next, term, done, adv, ret);

        double d3 = 4 + g * 2 - 40;
        double d2 = 3 + g * 5 - 30;
        double d1 = 2 - 20; // terminated: no bootstrap
        double d0 = 1 + g * 20 - 10;
        double a1 = d1;
        double a0 = d0 + g * l * a1;
        assertArrayEquals(new double[] {a0, a1, d2, d3}, adv, 1e-12);
        assertArrayEquals(new double[] {a0 + 10, a1 + 20, d2 + 30, d3 + 40}, ret, 1e-12);
    }

    @Test
    void lambdaOneAndZeroValuesGiveDiscountedReturnsPerEnv() {
        // Two envs interleaved time-major; env 0 terminates at t=2, env 1 never does.
        double g = 0.5;
        double[] r = {1, 10, 1, 10, 1, 10};
        double[] zeros = new double[6];
        boolean[] term = {false, false, false, false, true, false};
        boolean[] done = term.clone();
        double[] adv = new double[6], ret = new double[6];
        Gae.compute(3, 2, g, 1.0, r, zeros, zeros, term, done, adv, ret);
        assertArrayEquals(new double[] {1.75, 17.5, 1.5, 15, 1, 10}, adv, 1e-12);
    }
}
