package io.gauntlet.core.wrappers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gauntlet.core.env.Box;
import io.gauntlet.core.env.Discrete;
import io.gauntlet.core.env.Step;
import io.gauntlet.core.random.Rng;
import io.gauntlet.core.stats.RunningMeanStd;
import io.gauntlet.core.stats.RunningMeanStd.Rule;
import org.junit.jupiter.api.Test;

class WrappersTest {
    /** Pooled moments of Gymnasium's prior (count 1e-4, mean 0, variance 1) and the samples: an independent closed form. */
    private static double[] gymnasiumMoments(double[] xs) {
        double c0 = 1e-4, n = xs.length, sum = 0;
        for (double x : xs) sum += x;
        double dataMean = sum / n, m2 = 0;
        for (double x : xs) m2 += (x - dataMean) * (x - dataMean);
        double total = c0 + n;
        double mean = sum / total;
        double pooledM2 = c0 * 1 + m2 + dataMean * dataMean * c0 * n / total;
        return new double[] {mean, pooledM2 / total};
    }

    @Test
    void bothRulesAgreeWithTheirClosedForms() {
        double[] xs = {1, 2, 3, 4, 10, -7};
        RunningMeanStd welford = new RunningMeanStd(1, Rule.WELFORD);
        RunningMeanStd gym = new RunningMeanStd(1, Rule.GYMNASIUM);
        for (double x : xs) {
            welford.update(x);
            gym.update(x);
        }
        double mean = 13.0 / 6, var = 0;
        for (double x : xs) var += (x - mean) * (x - mean) / 6;
        assertEquals(mean, welford.mean(0), 1e-14);
        assertEquals(var, welford.var(0), 1e-13);
        assertEquals(6, welford.count(), 0);
        double[] expected = gymnasiumMoments(xs);
        assertEquals(expected[0], gym.mean(0), 1e-14);
        assertEquals(expected[1], gym.var(0), 1e-13);
        assertEquals(6.0001, gym.count(), 1e-12);
    }

    @Test
    void gymnasiumBatchUpdateEqualsThePooledMomentsAndOneRowEqualsASample() {
        RunningMeanStd batch = new RunningMeanStd(2, Rule.GYMNASIUM);
        double[] rows = {1, 5, 2, 5, 6, 5};
        batch.updateBatch(rows, 3);
        double[] expected = gymnasiumMoments(new double[] {1, 2, 6});
        assertEquals(expected[0], batch.mean(0), 1e-14);
        assertEquals(expected[1], batch.var(0), 1e-13);
        RunningMeanStd one = new RunningMeanStd(2, Rule.GYMNASIUM);
        RunningMeanStd single = new RunningMeanStd(2, Rule.GYMNASIUM);
        one.updateBatch(new double[] {0.3, -1.7}, 1);
        single.update(new double[] {0.3, -1.7});
        assertEquals(single.mean(1), one.mean(1), 0);
        assertEquals(single.var(1), one.var(1), 0);
    }

    @Test
    void observationNormaliserConvergesToTheStreamsMeanAndStd() {
        // Observations are the actions given: Gaussian with mean 3 and std 2.
        NormalizeObservation env = new NormalizeObservation(new RecordingEnv(Box.unbounded(1)));
        Step s = Step.of(env);
        env.reset(0, s); // one observation 0 enters the statistics too
        Rng rng = new Rng(1);
        for (int i = 0; i < 200_000; i++) env.step(new double[] {3 + 2 * rng.nextGaussian()}, s);
        assertEquals(3.0, env.statistics().mean(0), 0.02);
        assertEquals(2.0, env.statistics().std(0), 0.02);
        // A new observation of 5 is normalised to about (5 - 3) / 2 = 1.
        env.setUpdating(false);
        env.step(new double[] {5}, s);
        assertEquals(1.0, s.observation[0], 0.02);
    }

    @Test
    void firstObservationIsNormalisedUnderGymnasiumsPrior() {
        NormalizeObservation env = new NormalizeObservation(new RecordingEnv(Box.unbounded(1)));
        Step s = Step.of(env);
        env.reset(0, s);
        env.step(new double[] {4}, s);
        double[] m = gymnasiumMoments(new double[] {0, 4});
        assertEquals((4 - m[0]) / Math.sqrt(m[1] + 1e-8), s.observation[0], 1e-12);
    }

    @Test
    void rewardNormaliserFollowsGymnasiumsDiscountedReturn() {
        // Reward 1 per step, gamma 0.5: G = 1, 1.5, 1.75, 1.875, and on across a reset (Gymnasium restarts G only
        // at a termination, from the terminal reward): 1.9375; the terminating step gives G = 1.
        NormalizeReward env = new NormalizeReward(new RecordingEnv(Box.unbounded(1)), 0.5);
        Step s = Step.of(env);
        env.reset(0, s);
        for (int t = 0; t < 4; t++) env.step(new double[] {0}, s);
        env.reset(s);
        env.step(new double[] {0}, s);
        env.step(new double[] {RecordingEnv.TERMINATE}, s);
        env.step(new double[] {0}, s);
        double[] g = {1, 1.5, 1.75, 1.875, 1.9375, 1, 1.5};
        double[] m = gymnasiumMoments(g);
        assertEquals(m[1], env.statistics().var(0), 1e-12);
        assertEquals(1 / Math.sqrt(m[1] + 1e-8), s.reward, 1e-12);
    }

    @Test
    void clippingWrappersClipActionsObservationsAndRewards() {
        ClipAction clipAction = new ClipAction(new RecordingEnv(Box.uniform(1, -2, 2)));
        Step s = Step.of(clipAction);
        clipAction.step(new double[] {5}, s);
        assertEquals(2, s.observation[0], 0);
        clipAction.step(new double[] {-1.5}, s);
        assertEquals(-1.5, s.observation[0], 0);
        assertThrows(IllegalArgumentException.class, () -> new ClipAction(new RecordingEnv(new Discrete(2))));

        ClipObservation clipObs = new ClipObservation(new RecordingEnv(Box.unbounded(1)), 10);
        assertEquals(Box.uniform(1, -10, 10), clipObs.observationSpace());
        clipObs.step(new double[] {-30}, s);
        assertEquals(-10, s.observation[0], 0);

        ClipReward clipReward = new ClipReward(new ScaleReward(new RecordingEnv(Box.unbounded(1)), 25), 10);
        clipReward.step(new double[] {0}, s);
        assertEquals(10, s.reward, 0);
    }

    @Test
    void actionsAreDelayedExactlyThreeSteps() {
        DelayedAction env = new DelayedAction(new RecordingEnv(Box.uniform(1, -5, 5)), 3);
        Step s = Step.of(env);
        env.reset(0, s);
        double[] applied = new double[8];
        for (int t = 1; t <= 8; t++) {
            env.step(new double[] {t}, s);
            applied[t - 1] = s.observation[0];
        }
        // Steps 1..3 apply the neutral action (box centre 0), step t > 3 applies the action of step t - 3.
        assertArrayEquals(new double[] {0, 0, 0, 1, 2, 3, 4, 5}, applied, 0.0);
        env.reset(s);
        env.step(new double[] {7}, s);
        assertEquals(0, s.observation[0], 0.0, "a reset empties the queue");
    }

    @Test
    void discreteDelayStartsWithTheMiddleAction() {
        DelayedAction env = new DelayedAction(new RecordingEnv(new Discrete(3)), 3);
        Step s = Step.of(env);
        env.reset(0, s);
        env.step(new double[] {2}, s);
        assertEquals(1, s.observation[0], 0.0);
        assertThrows(IllegalArgumentException.class, () -> env.step(new double[] {3}, s));
    }

    @Test
    void observationNoiseHasTheRequestedStdAndIsSeeded() {
        NoisyObservation env = new NoisyObservation(new RecordingEnv(Box.unbounded(1)), 0.1);
        Step s = Step.of(env);
        env.reset(9, s);
        RunningMeanStd stats = new RunningMeanStd(1, Rule.WELFORD);
        for (int i = 0; i < 50_000; i++) {
            env.step(new double[] {0}, s);
            stats.update(s.observation);
        }
        assertEquals(0.0, stats.mean(0), 0.003);
        assertEquals(0.1, stats.std(0), 0.003);
        env.reset(9, s);
        double a = s.observation[0];
        env.reset(9, s);
        assertEquals(a, s.observation[0], 0.0);
    }
}
