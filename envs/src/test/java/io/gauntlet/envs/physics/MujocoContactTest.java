package io.gauntlet.envs.physics;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Contacts, friction and limits against MuJoCo 2.2.2 itself: trajectories written by tools/mujoco_reference.sh
 * (MuJoCo's C library on the same model files) from the reference pose under open-loop controls
 * {@code ctrl[a] = A sin(ω k + a)} at env step k. qpos must agree within 1e-3 over the first 100 env steps.
 */
class MujocoContactTest {
    static final String MODELS = "/io/gauntlet/envs/locomotion/";
    static final String TESTS = "/io/gauntlet/envs/physics/";

    /** Rows of a reference file: step, ncon, qpos..., qfrc_constraint[0]. */
    static List<double[]> reference(String name) {
        return MujocoReference.read(TESTS + "mujoco/" + name + ".csv");
    }

    /** Our trajectory under the same controls: one row per env step with qpos. */
    static List<double[]> simulate(PlanarModel m, int steps, int frameSkip, double amplitude, double frequency) {
        PlanarSim s = new PlanarSim(m);
        List<double[]> rows = new ArrayList<>();
        for (int k = 0; k < steps; k++) {
            MujocoReference.step(s, k, frameSkip, amplitude, frequency);
            double[] row = new double[m.nv + 3];
            row[0] = k + 1;
            row[1] = s.contactCount();
            System.arraycopy(s.qpos, 0, row, 2, m.nv);
            row[m.nv + 2] = s.qfrcConstraint[0];
            rows.add(row);
        }
        return rows;
    }

    /** Largest qpos difference over the first {@code steps} env steps. */
    static double worstQpos(List<double[]> ours, List<double[]> ref, int steps, int nv) {
        double worst = 0;
        for (int k = 0; k < steps; k++) {
            for (int i = 0; i < nv; i++) worst = Math.max(worst, Math.abs(ours.get(k)[2 + i] - ref.get(k)[2 + i]));
        }
        return worst;
    }

    static void compare(String name, PlanarModel m, int frameSkip, double amplitude, double frequency, int checkSteps, double tol) {
        List<double[]> ref = reference(name);
        List<double[]> ours = simulate(m, ref.size(), frameSkip, amplitude, frequency);
        double worst = worstQpos(ours, ref, checkSteps, m.nv);
        int firstBad = -1;
        for (int k = 0; k < ref.size() && firstBad < 0; k++) {
            for (int i = 0; i < m.nv; i++) if (Math.abs(ours.get(k)[2 + i] - ref.get(k)[2 + i]) > tol) firstBad = k + 1;
        }
        System.out.printf("%s: worst qpos difference over %d steps %.3g; first step beyond %.0e: %d of %d%n",
                name, checkSteps, worst, tol, firstBad, ref.size());
        assertTrue(worst < tol, name + ": qpos differs from MuJoCo's by " + worst);
    }

    static PlanarModel locomotion(String file) {
        return MjcfLoader.loadResource(MODELS + file + ".xml");
    }

    /** name, model, frame skip, control amplitude and frequency: the scenarios tools/mujoco_reference.sh writes. */
    static Stream<Arguments> scenarios() {
        return Stream.of(
                Arguments.of("hopper_still", MODELS + "hopper.xml", 4, 0.0, 0.0),
                Arguments.of("hopper_drive", MODELS + "hopper.xml", 4, 0.8, 0.15),
                Arguments.of("walker2d_still", MODELS + "walker2d.xml", 4, 0.0, 0.0),
                Arguments.of("walker2d_drive", MODELS + "walker2d.xml", 4, 0.8, 0.15),
                Arguments.of("half_cheetah_still", MODELS + "half_cheetah.xml", 5, 0.0, 0.0),
                Arguments.of("half_cheetah_drive", MODELS + "half_cheetah.xml", 5, 0.8, 0.2),
                Arguments.of("swimmer_limits", MODELS + "swimmer.xml", 4, 1.0, 0.05),
                Arguments.of("pendulum_rail", MODELS + "inverted_pendulum.xml", 2, 3.0, 0.05),
                Arguments.of("double_pendulum_rail", MODELS + "inverted_double_pendulum.xml", 5, 1.0, 0.05),
                Arguments.of("contact_shapes", TESTS + "contact_shapes.xml", 2, 0.0, 0.0),
                Arguments.of("self_collision", TESTS + "self_collision.xml", 2, 1.0, 0.04),
                Arguments.of("contact_shapes_pgs", TESTS + "contact_shapes_pgs.xml", 2, 0.0, 0.0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void qposFollowsMuJoCoForAHundredSteps(String name, String model, int frameSkip, double amplitude, double frequency) {
        compare(name, MjcfLoader.loadResource(model), frameSkip, amplitude, frequency, 100, 1e-3);
    }

    /** First env step at which qpos[1] (height) leaves (low, high) or |qpos[2]| (pitch) reaches maxAngle. */
    static int fallStep(List<double[]> rows, double low, double high, double maxAngle) {
        for (double[] r : rows) {
            if (!(r[3] > low && r[3] < high && Math.abs(r[4]) < maxAngle)) return (int) r[0];
        }
        return -1;
    }

    /** Standing still from the exact upright pose, the walkers topple when MuJoCo's do (±10%). */
    @Test
    void walkersFallWhenMuJoCosFall() {
        for (String[] c : new String[][] {{"hopper_still", "hopper", "0.7", "100", "0.2"}, {"walker2d_still", "walker2d", "0.8", "2", "1"}}) {
            List<double[]> ref = reference(c[0]);
            List<double[]> ours = simulate(locomotion(c[1]), ref.size(), 4, 0, 0);
            double low = Double.parseDouble(c[2]), high = Double.parseDouble(c[3]), angle = Double.parseDouble(c[4]);
            int theirs = fallStep(ref, low, high, angle), mine = fallStep(ours, low, high, angle);
            System.out.printf("%s: falls at step %d (MuJoCo 2.2.2: %d)%n", c[1], mine, theirs);
            assertTrue(theirs > 0 && Math.abs(mine - theirs) <= 0.1 * theirs, c[1] + " falls at " + mine + ", MuJoCo's at " + theirs);
        }
    }

    /** The half-cheetah dropped in its reference pose settles at MuJoCo's height (within 1 cm; in fact far closer). */
    @Test
    void halfCheetahSettlesAtMuJoCosHeight() {
        List<double[]> ref = reference("half_cheetah_still");
        List<double[]> ours = simulate(locomotion("half_cheetah"), ref.size(), 5, 0, 0);
        double theirs = ref.get(ref.size() - 1)[3], mine = ours.get(ours.size() - 1)[3];
        assertTrue(Math.abs(mine - theirs) < 0.01, "settles at " + mine + ", MuJoCo's at " + theirs);
    }
}
