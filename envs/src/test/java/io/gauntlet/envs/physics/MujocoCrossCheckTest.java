package io.gauntlet.envs.physics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/**
 * Smooth dynamics (no contact, no limit reached) against MuJoCo itself: the reference values below were computed
 * offline with MuJoCo 3.14.0's C library (Python bindings) on the Gymnasium v5 model files, from the same initial
 * state ({@code qpos0 + 0.05 sin(i+1)}, {@code qvel = 0.1 cos(i+1)}; walkers lifted to z = 3, legs at −0.6, −0.6,
 * 0.1) under the same controls ({@code 0.3 sin(0.05 k + a)} at step k for actuator a). They pin masses and
 * inertias from geometry, settotalmass, armature, damping (implicit under Euler), joint springs, gravity, the
 * inertia-box fluid model and both integrators. Contacts and limits are not compared: MuJoCo's are soft.
 */
class MujocoCrossCheckTest {
    static double[] run(String file, int steps, double liftTo) {
        PlanarModel m = MjcfLoader.loadResource("/io/gauntlet/envs/locomotion/" + file + ".xml");
        PlanarSim s = new PlanarSim(m);
        for (int i = 0; i < m.nv; i++) {
            s.qpos[i] += 0.05 * Math.sin(i + 1.0);
            s.qvel[i] = 0.1 * Math.cos(i + 1.0);
        }
        if (liftTo > 0) {
            s.qpos[1] = liftTo;
            if (m.nu == 3) for (int i = 3; i < m.nv; i++) s.qpos[i] = new double[] {-0.6, -0.6, 0.1}[(i - 3) % 3];
        }
        for (int k = 0; k < steps; k++) {
            for (int u = 0; u < m.nu; u++) s.ctrl[u] = 0.3 * Math.sin(0.05 * k + u);
            s.step();
        }
        return s.qpos.clone();
    }

    @Test
    void swimmerInItsFluid() {
        assertArrayEquals(new double[] {0.0968325454, 0.3489042425, -0.3697220171, 0.4037690980, 0.0653005792},
                run("swimmer", 300, -1), 1e-8);
    }

    @Test
    void pendulums() {
        assertArrayEquals(new double[] {0.1107899946, 0.0076824570}, run("inverted_pendulum", 20, -1), 1e-8);
        assertArrayEquals(new double[] {0.1238407304, -0.0990189008, 0.1693485235}, run("inverted_double_pendulum", 20, -1), 1e-8);
    }

    @Test
    void hopperInFreeFlight() {
        assertArrayEquals(new double[] {0.1215594090, 2.5592596660, 0.4782471701, -0.1572866573, -0.3544487448, -0.0430411420},
                run("hopper", 150, 3), 1e-8);
    }

    @Test
    void halfCheetahInFreeFlight() {
        assertArrayEquals(new double[] {0.0626625308, 2.1775380320, -0.0372693617, 0.1393903571, 0.0358369196, -0.1036134969,
                -0.1843912644, -0.0476339701, 0.0885686159}, run("half_cheetah", 40, 3), 1e-8);
    }
}
