package io.gauntlet.core.env;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gauntlet.core.random.Rng;
import org.junit.jupiter.api.Test;

class VectorEnvTest {
    /** Counts steps; the observation is (episode start value, steps so far); terminates after `length` steps. */
    static final class Counter implements Env {
        final int length;
        final Rng rng = new Rng(0);
        double start;
        int t;

        Counter(int length) {
            this.length = length;
        }

        public Space observationSpace() {
            return Box.unbounded(2);
        }

        public Space actionSpace() {
            return new Discrete(2);
        }

        public void reset(long seed, Step out) {
            rng.setSeed(seed);
            reset(out);
        }

        public void reset(Step out) {
            start = rng.nextDouble();
            t = 0;
            show(out);
        }

        public void step(double[] action, Step out) {
            t++;
            out.reward = action[0];
            out.terminated = t == length;
            observe(out);
        }

        /** What a reset or restore hands back: no outcome, the observation. */
        private void show(Step out) {
            out.clearOutcome();
            observe(out);
        }

        private void observe(Step out) {
            out.observation[0] = start;
            out.observation[1] = t;
        }

        public double[] state() {
            return new double[] {start, t};
        }

        public void setState(double[] s, Step out) {
            start = s[0];
            t = (int) s[1];
        }

        public double[] snapshot() {
            return Snapshot.writer("Counter", 2 + Snapshot.RNG).put(start).putInt(t).put(rng).finish();
        }

        public void restore(double[] snapshot, Step out) {
            Snapshot.Reader r = Snapshot.reader("Counter", snapshot, 2 + Snapshot.RNG);
            start = r.getDouble();
            t = r.getInt();
            r.get(rng);
            show(out);
        }
    }

    @Test
    void autoResetKeepsFinalObservationAndEpisodeStats() {
        VectorEnv v = new VectorEnv(new Env[] {new Counter(2), new Counter(3)});
        v.reset(9);
        double start0 = v.observations[0];
        v.step(new double[] {1, 0});
        assertFalse(v.terminated[0]);
        v.step(new double[] {1, 1});
        // copy 0 finished on this step: final observation is (start, 2), current is a fresh episode
        assertTrue(v.terminated[0]);
        assertArrayEquals(new double[] {start0, 2}, new double[] {v.finalObservations[0], v.finalObservations[1]});
        assertEquals(0, v.observations[1]);
        assertEquals(2.0, v.episodeReturns[0]);
        assertEquals(2, v.episodeLengths[0]);
        assertFalse(v.terminated[1]);
        v.step(new double[] {0, 1});
        assertTrue(v.terminated[1]);
        assertEquals(2.0, v.episodeReturns[1]);
        assertEquals(3, v.episodeLengths[1]);
        assertFalse(v.terminated[0]);
    }

    @Test
    void copiesAreSeededIndependentlyOfEachOther() {
        VectorEnv two = new VectorEnv(new Env[] {new Counter(2), new Counter(2)});
        VectorEnv three = new VectorEnv(new Env[] {new Counter(2), new Counter(2), new Counter(2)});
        two.reset(5);
        three.reset(5);
        assertEquals(two.observations[0], three.observations[0]);
        assertEquals(two.observations[2], three.observations[2]);
        assertTrue(two.observations[0] != two.observations[2]);
    }

    @Test
    void snapshotRestoresCopiesAndBookkeepingMidEpisode() {
        VectorEnv a = new VectorEnv(new Env[] {new Counter(3), new Counter(5)});
        VectorEnv b = new VectorEnv(new Env[] {new Counter(3), new Counter(5)});
        a.reset(4);
        double[] ones = {1, 1};
        a.step(ones);
        a.step(ones);
        b.restore(a.snapshot());
        assertArrayEquals(a.observations, b.observations);
        for (int k = 0; k < 8; k++) {
            a.step(ones);
            b.step(ones);
            assertArrayEquals(a.observations, b.observations);
            assertArrayEquals(a.episodeReturns, b.episodeReturns);
            assertArrayEquals(a.episodeLengths, b.episodeLengths);
        }
        // Copy 1 (length 5) ends at steps 5 and 10, the second episode counted across the restore (steps 3 to 10).
        assertEquals(5.0, b.episodeReturns[1]);
        assertTrue(b.terminated[1]);
    }
}
