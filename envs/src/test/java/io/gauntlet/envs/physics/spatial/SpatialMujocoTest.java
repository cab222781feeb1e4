package io.gauntlet.envs.physics.spatial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gauntlet.envs.physics.MujocoReference;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The spatial engine against MuJoCo 2.2.2 itself: trajectories written by tools/mujoco_reference.sh (MuJoCo's C
 * library on the same model files) from the reference pose under open-loop controls {@code ctrl[a] = A sin(ω k + a)}
 * at env step k. qpos must agree within 1e-6 over the first 100 env steps (it does to the files' printed precision,
 * 1e-9, until chaos separates the trajectories hundreds of steps later).
 */
class SpatialMujocoTest {
    static final String MODELS = "/io/gauntlet/envs/locomotion/";
    static final String TESTS = "/io/gauntlet/envs/physics/spatial/";

    /** Rows of a reference file: step, ncon, then the values it lists. */
    static List<double[]> reference(String name) {
        return MujocoReference.read(TESTS + "mujoco/" + name + ".csv");
    }

    /** The simulator after each env step under the same controls, handed to {@code check} with the step index. */
    interface Check {
        void at(int k, SpatialSim sim);
    }

    static void simulate(SpatialModel m, int steps, int frameSkip, double amplitude, double frequency, Check check) {
        SpatialSim s = new SpatialSim(m);
        for (int k = 0; k < steps; k++) {
            MujocoReference.step(s, k, frameSkip, amplitude, frequency);
            check.at(k, s);
        }
    }

    static SpatialModel load(String resource) {
        return SpatialMjcf.loadResource(resource);
    }

    /** name, model, frame skip, control amplitude and frequency: the scenarios tools/mujoco_reference.sh writes. */
    static Stream<Arguments> scenarios() {
        return Stream.of(
                Arguments.of("ant_still", MODELS + "ant.xml", 5, 0.0, 0.0),
                Arguments.of("ant_drive", MODELS + "ant.xml", 5, 0.8, 0.15),
                Arguments.of("humanoid_still", MODELS + "humanoid.xml", 5, 0.0, 0.0),
                Arguments.of("humanoid_drive", MODELS + "humanoid.xml", 5, 0.4, 0.2),
                Arguments.of("simple_humanoid_drive", MODELS + "simple_humanoid.xml", 1, 60.0, 0.05),
                Arguments.of("shapes", TESTS + "shapes.xml", 5, 1.0, 0.05));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void qposFollowsMuJoCoForAHundredSteps(String name, String model, int frameSkip, double amplitude, double frequency) {
        SpatialModel m = load(model);
        List<double[]> ref = reference(name);
        double[] worst = {0};
        simulate(m, 100, frameSkip, amplitude, frequency, (k, sim) -> {
            double[] row = ref.get(k);
            assertEquals((int) row[1], sim.contactCount(), name + ": contacts at step " + (k + 1));
            for (int q = 0; q < m.nq; q++) worst[0] = Math.max(worst[0], Math.abs(sim.qpos[q] - row[2 + q]));
        });
        System.out.printf("%s: worst qpos difference over 100 steps %.3g%n", name, worst[0]);
        assertTrue(worst[0] < 1e-6, name + ": qpos differs from MuJoCo's by " + worst[0]);
    }

    /**
     * What Gymnasium's 3D tasks observe beyond qpos, after each env step and mj_rnePostConstraint: every body's
     * contact forces, com-based inertia and velocity, from the step's last RK4 stage, as MuJoCo leaves them.
     */
    @Test
    void observedQuantitiesAreMuJoCos() {
        for (Object[] c : new Object[][] {{"ant_observed", "ant", 0.8, 0.15}, {"humanoid_observed", "humanoid", 0.4, 0.2}}) {
            String name = (String) c[0];
            SpatialModel m = load(MODELS + c[1] + ".xml");
            List<double[]> ref = reference(name);
            double[] worst = new double[3];
            simulate(m, ref.size(), 5, (double) c[2], (double) c[3], (k, sim) -> {
                sim.contactForces();
                double[] row = ref.get(k);
                int o = 2 + m.nq;
                for (int i = 0; i < 6 * m.nbody; i++) worst[0] = Math.max(worst[0], Math.abs(sim.cfrcExt[i] - row[o + i]));
                o += 6 * m.nbody;
                for (int i = 0; i < 10 * m.nbody; i++) worst[1] = Math.max(worst[1], Math.abs(sim.cinert[i] - row[o + i]));
                o += 10 * m.nbody;
                for (int i = 0; i < 6 * m.nbody; i++) worst[2] = Math.max(worst[2], Math.abs(sim.cvel[i] - row[o + i]));
            });
            System.out.printf("%s: worst differences: contact forces %.3g, inertias %.3g, velocities %.3g%n", name, worst[0], worst[1], worst[2]);
            assertTrue(worst[0] < 1e-5 && worst[1] < 1e-8 && worst[2] < 1e-6, name + ": " + java.util.Arrays.toString(worst));
        }
    }

    /** Standing still in the reference pose, the ant settles at MuJoCo's height (within 2 cm; in fact far closer). */
    @Test
    void antSettlesAtMuJoCosHeight() {
        List<double[]> ref = reference("ant_still");
        double[] mine = new double[1];
        simulate(load(MODELS + "ant.xml"), ref.size(), 5, 0, 0, (k, sim) -> mine[0] = sim.qpos[2]);
        double theirs = ref.get(ref.size() - 1)[4];
        System.out.printf("ant settles at %.6f m (MuJoCo 2.2.2: %.6f)%n", mine[0], theirs);
        assertEquals(theirs, mine[0], 0.02);
    }

    /** From the reference pose with zero controls the humanoid falls (torso below 1 m) at MuJoCo's step (±15%). */
    @Test
    void humanoidFallsWhenMuJoCosFalls() {
        List<double[]> ref = reference("humanoid_still");
        int theirs = -1;
        for (double[] r : ref) {
            if (r[4] < 1.0) {
                theirs = (int) r[0];
                break;
            }
        }
        int[] mine = {-1};
        simulate(load(MODELS + "humanoid.xml"), ref.size(), 5, 0, 0, (k, sim) -> {
            if (mine[0] < 0 && sim.qpos[2] < 1.0) mine[0] = k + 1;
        });
        System.out.printf("humanoid falls at env step %d (MuJoCo 2.2.2: %d)%n", mine[0], theirs);
        assertTrue(theirs > 0 && Math.abs(mine[0] - theirs) <= 0.15 * theirs, "falls at " + mine[0] + ", MuJoCo's at " + theirs);
    }
}
