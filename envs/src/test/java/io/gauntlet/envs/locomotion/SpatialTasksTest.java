package io.gauntlet.envs.locomotion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static io.gauntlet.envs.TestSteps.stepFrom;

import io.gauntlet.core.env.Env;
import io.gauntlet.core.env.EnvRegistry;
import io.gauntlet.core.env.PhysicalParameters;
import io.gauntlet.core.env.Step;
import io.gauntlet.core.random.Rng;
import io.gauntlet.core.wrappers.TimeLimit;
import io.gauntlet.envs.physics.spatial.SpatialSim;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The 3D tasks: observation layout, reward terms and termination checked by construction from the simulator, the
 * rllab variants, allocation-free stepping, random-policy returns against MuJoCo 2.2.2's and a short stress run.
 */
class SpatialTasksTest {
    static final String[] IDS = {Ant.ID, Humanoid.ID, SimpleHumanoid.ID};
    static final int[][] DIMS = {{105, 8, 15, 14, 1000}, {348, 17, 24, 23, 1000}, {102, 10, 17, 16, 500}}; // obs, act, nq, nv, limit

    @Test
    void registeredUnderOwnIdsWithTheirLimits() {
        for (int i = 0; i < IDS.length; i++) {
            Env env = EnvRegistry.make(IDS[i]);
            assertTrue(env instanceof TimeLimit t && t.maxEpisodeSteps() == DIMS[i][4], IDS[i]);
            assertEquals(DIMS[i][0], env.observationSpace().flatDim(), IDS[i]);
            assertEquals(DIMS[i][1], env.actionSpace().flatDim(), IDS[i]);
            Step s = Step.afterReset(env, 1);
            assertEquals(DIMS[i][2] + DIMS[i][3], env.state().length, IDS[i]);
            assertFalse(IDS[i].endsWith("-v5") || IDS[i].endsWith("-v4"), "must not claim Gymnasium's id");
        }
    }

    @Test
    void antObservationRewardAndHealth() {
        Ant env = new Ant();
        Step s = Step.afterReset(env, 2);
        SpatialSim sim = env.sim();
        double[] st = env.state();
        assertEquals(1, st[3] * st[3] + st[4] * st[4] + st[5] * st[5] + st[6] * st[6], 1e-12, "the noisy quaternion is normalised");
        assertArrayEquals(new double[78], Arrays.copyOfRange(s.observation, 27, 105), "no contact forces before the first step, as in Gymnasium");
        double[] a = {0.5, -0.2, 0.3, 1.0, -1.0, 0.0, 0.7, -0.4};
        double x0 = sim.xpos[3];
        for (int k = 0; k < 30; k++) env.step(a, s); // the legs reach the ground
        double x1 = sim.xpos[3];
        env.step(a, s);
        double[] q = env.state();
        assertArrayEquals(Arrays.copyOfRange(q, 2, 29), Arrays.copyOfRange(s.observation, 0, 27), 0);
        double contact = 0;
        for (int i = 6; i < sim.cfrcExt.length; i++) {
            double c = Math.max(-1, Math.min(1, sim.cfrcExt[i]));
            assertEquals(c, s.observation[27 + i - 6], 0);
            contact += c * c;
        }
        assertTrue(contact > 0, "the ant stands on its feet");
        double forward = (sim.xpos[3] - x1) / (0.01 * 5), ctrl = 0.5 * (0.25 + 0.04 + 0.09 + 1 + 1 + 0.49 + 0.16);
        assertEquals(forward + 1 - ctrl - 5e-4 * contact, s.reward, 1e-12);
        assertEquals(forward, s.diagnostics[0], 1e-12);
        assertTrue(Math.abs(x1 - x0) > 1e-3, "the ant moves");
        assertFalse(s.terminated);
        // the torso above 1 m (a jump) or below 0.2 m is unhealthy: no survive reward, the episode ends
        double[] high = env.state();
        high[2] = 1.5;
        Step jump = stepFrom(env, high, new double[8]);
        assertTrue(jump.terminated);
        assertEquals(0, jump.diagnostics[3], 0);
    }

    @Test
    void humanoidObservationRewardAndHealth() {
        Humanoid env = new Humanoid();
        Step s = Step.afterReset(env, 4);
        SpatialSim sim = env.sim();
        double[] a = new double[17];
        for (int i = 0; i < 17; i++) a[i] = 0.4 * Math.sin(i);
        double xBefore = massCenterX(env);
        env.step(a, s);
        double[] q = env.state();
        double[] o = s.observation;
        assertArrayEquals(Arrays.copyOfRange(q, 2, 47), Arrays.copyOfRange(o, 0, 45), 0);
        assertArrayEquals(Arrays.copyOfRange(sim.cinert, 10, 140), Arrays.copyOfRange(o, 45, 175), 0);
        assertArrayEquals(Arrays.copyOfRange(sim.cvel, 6, 84), Arrays.copyOfRange(o, 175, 253), 0);
        assertArrayEquals(Arrays.copyOfRange(sim.qfrcActuator, 6, 23), Arrays.copyOfRange(o, 253, 270), 0);
        assertArrayEquals(Arrays.copyOfRange(sim.cfrcExt, 6, 84), Arrays.copyOfRange(o, 270, 348), 0);
        // a motor's force on its joint: gear × ctrl (abdomen_y, the first motor, gear 100)
        assertEquals(100 * a[0], sim.qfrcActuator[6 + 1], 1e-12);
        double forward = 1.25 * (massCenterX(env) - xBefore) / (0.003 * 5);
        double ctrl = 0;
        for (double x : a) ctrl += 0.1 * x * x;
        double contact = 0;
        for (double f : sim.cfrcExt) contact += 5e-7 * f * f;
        assertEquals(forward + 5 - ctrl - Math.min(contact, 10), s.reward, 1e-10);
        assertFalse(s.terminated);
        double[] low = env.state();
        low[2] = 0.9;
        env.setState(low, s);
        env.step(new double[17], s);
        assertTrue(s.terminated, "the torso below 1 m ends the episode");
        assertEquals(0, s.diagnostics[0], 0);
    }

    private static double massCenterX(Humanoid env) {
        double m = 0, x = 0;
        for (int b = 0; b < env.model().nbody; b++) {
            m += env.model().bodyMass[b];
            x += env.model().bodyMass[b] * env.sim().xipos[3 * b];
        }
        return x / m;
    }

    @Test
    void simpleHumanoidObservationAndReward() {
        SimpleHumanoid env = new SimpleHumanoid();
        Step s = Step.afterReset(env, 6);
        double[] a = {50, -80, 20, 0, 100, -100, 10, -20, 5, 0};
        env.step(a, s);
        SpatialSim sim = env.sim();
        double[] q = env.state();
        assertArrayEquals(q, Arrays.copyOfRange(s.observation, 0, 33), 0);
        double[] com = new double[3], v = new double[3];
        sim.subtreeCenterOfMass(0, com);
        assertArrayEquals(com, Arrays.copyOfRange(s.observation, 99, 102), 0);
        sim.subtreeLinearVelocity(1, v);
        double ctrl = 0;
        for (int i = 0; i < 10; i++) {
            double u = a[i] / (i < 6 ? 100 : 20);
            ctrl += 0.5 * 1e-3 * u * u;
        }
        double impact = 0;
        for (int i = 0; i < sim.cfrcExt.length; i++) {
            double c = Math.max(-1, Math.min(1, sim.cfrcExt[i]));
            assertEquals(c, s.observation[33 + i], 0);
            impact += 0.5 * 1e-5 * c * c;
        }
        assertEquals(v[0] + 0.2 - ctrl - impact - 0.5 * 1e-2 * (v[1] * v[1] + v[2] * v[2]), s.reward, 1e-12);
        assertFalse(s.terminated);
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 99, 100, 101}, env.positionIndices());
    }

    @Test
    void rllabVariantsApply() {
        assertEquals(13, EnvRegistry.make(Ant.ID + ":limited-sensors").observationSpace().flatDim());
        assertEquals(22 + 130, EnvRegistry.make(Humanoid.ID + ":limited-sensors").observationSpace().flatDim());
        assertEquals(20, EnvRegistry.make(SimpleHumanoid.ID + ":limited-sensors").observationSpace().flatDim());
        Ant ant = new Ant();
        PhysicalParameters p = ant;
        double[] reference = p.parameters();
        assertEquals(14, reference.length, "13 bodies with mass and the friction scale");
        double[] heavier = reference.clone();
        heavier[0] *= 2;
        double inertia = ant.model().bodyInertia[6];
        p.setParameters(heavier);
        assertEquals(2 * inertia, ant.model().bodyInertia[6], 1e-15, "the torso's inertia scales with its mass");
        p.setParameters(reference);
        assertArrayEquals(reference, p.parameters(), 0);
    }

    @Test
    void steppingDoesNotAllocate() {
        for (String id : IDS) LocomotionTasksTest.assertStepsWithoutAllocating(id, 2000, 1000);
    }

    /**
     * Mean return of uniform random actions against MuJoCo 2.2.2 on the same model files with Gymnasium's task
     * definitions, as tools/mujoco_reference.sh measures it over 1000 episodes (mean, standard error). The dynamics
     * agree to 1e-9 (SpatialMujocoTest), so the means differ only by sampling: the bound is four standard errors of
     * the difference.
     */
    @Test
    void randomReturnsAreMuJoCos() {
        ReferenceBehaviourTest.near("Ant", -64.067, 3.267, Ant::new, 100);
        ReferenceBehaviourTest.near("Humanoid", 113.524, 0.986, Humanoid::new, 200);
    }
}
