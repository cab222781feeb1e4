package io.gauntlet.envs.physics.spatial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gauntlet.core.BadInputException;
import io.gauntlet.core.random.Rng;
import io.gauntlet.envs.physics.SoftConstraints;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The spatial engine against physics: conservation laws, Euler's rigid-body equations, a pendulum's period, soft contact at rest. */
class SpatialPhysicsTest {

    static SpatialModel model(String xml) {
        return SpatialMjcf.load(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "test");
    }

    /** A free box with moments of inertia in ratio about 1 : 2.5 : 3.2 (sides 0.4, 0.2, 0.1), no gravity, no contacts. */
    static final String FREE_BOX = "<mujoco model='free'><option integrator='RK4' timestep='0.001' gravity='0 0 0'/><worldbody>"
            + "<body name='box' pos='0.3 -0.2 1' axisangle='1 2 3 40'><freejoint/>"
            + "<geom type='box' size='0.2 0.1 0.05' contype='0' conaffinity='0'/></body></worldbody></mujoco>";

    /** A free base with a ball-jointed arm and a hinged forearm, springs, dampers and motors inside: a closed system. */
    static final String FREE_CHAIN = "<mujoco model='chain'><option integrator='RK4' timestep='0.0005' gravity='0 0 0'/>"
            + "<default><geom contype='0' conaffinity='0'/></default><worldbody>"
            + "<body name='base' pos='0 0 1'><freejoint/><geom type='box' size='0.2 0.1 0.05'/>"
            + "<body name='arm' pos='0.2 0 0'><joint name='shoulder' type='ball' stiffness='2' damping='0.1'/>"
            + "<geom type='capsule' fromto='0 0 0 0.3 0.1 0' size='0.04'/>"
            + "<body name='forearm' pos='0.3 0.1 0'><joint name='elbow' type='hinge' axis='0 0 1' damping='0.2'/>"
            + "<geom type='capsule' fromto='0 0 0 0.25 0 0.1' size='0.03'/></body></body></body></worldbody>"
            + "<actuator><motor joint='elbow' gear='2'/></actuator></mujoco>";

    /** Drift of linear and angular momentum (relative, largest component) over 2 s of the free chain at timestep h. */
    static double[] momentumDrift(double h) {
        SpatialSim sim = new SpatialSim(model(FREE_CHAIN.replace("timestep='0.0005'", "timestep='" + h + "'")));
        Rng rng = new Rng(5);
        for (int i = 0; i < sim.model.nv; i++) sim.qvel[i] = rng.uniform(-2, 2);
        double[] p0 = new double[3], l0 = new double[3], p1 = new double[3], l1 = new double[3];
        sim.linearMomentum(p0);
        sim.angularMomentum(l0);
        int steps = (int) Math.round(2 / h);
        for (int k = 0; k < steps; k++) {
            sim.ctrl[0] = Math.sin(8.0 * k / steps);
            sim.step();
        }
        sim.linearMomentum(p1);
        sim.angularMomentum(l1);
        assertTrue(Math.abs(sim.qpos[sim.model.jntQposAdr[2]]) > 0.1, "the elbow must have moved");
        double dp = 0, dl = 0;
        for (int k = 0; k < 3; k++) {
            dp = Math.max(dp, Math.abs(p1[k] - p0[k]));
            dl = Math.max(dl, Math.abs(l1[k] - l0[k]));
        }
        return new double[] {dp / norm(p0), dl / norm(l0)};
    }

    static double norm(double[] v) {
        return Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
    }

    /**
     * Springs, dampers and motors inside a free chain leave its momentum and angular momentum unchanged. MuJoCo's RK4
     * adds the stages' angular velocities in the tangent space of the step's start, which is second-order accurate
     * on the quaternions of free and ball joints: the drift is small and falls fourfold when the timestep halves.
     */
    @Test
    void freeChainConservesMomentumAndAngularMomentumUnderInternalForces() {
        double[] coarse = momentumDrift(0.001), fine = momentumDrift(0.0005);
        for (int i = 0; i < 2; i++) {
            String what = i == 0 ? "momentum" : "angular momentum";
            assertTrue(fine[i] < 1e-6, what + " drifts by " + fine[i]);
            double order = Math.log(coarse[i] / fine[i]) / Math.log(2);
            assertEquals(2, order, 0.2, what + ": convergence order");
        }
    }

    @Test
    void conservativeFreeChainKeepsItsEnergyUnderRk4() {
        String xml = FREE_CHAIN.replace(" damping='0.1'", "").replace(" damping='0.2'", "").replace("gravity='0 0 0'", "gravity='0 0 -9.81'");
        SpatialSim sim = new SpatialSim(model(xml));
        Rng rng = new Rng(6);
        for (int i = 0; i < sim.model.nv; i++) sim.qvel[i] = rng.uniform(-3, 3);
        double e0 = sim.kineticEnergy() + springAndGravity(sim);
        double maxKinetic = 0, maxDrift = 0;
        for (int k = 0; k < 4000; k++) {
            sim.step();
            double ke = sim.kineticEnergy();
            maxKinetic = Math.max(maxKinetic, ke);
            maxDrift = Math.max(maxDrift, Math.abs(ke + springAndGravity(sim) - e0));
        }
        assertTrue(maxKinetic > 1, "the chain must move");
        assertTrue(maxDrift / maxKinetic < 1e-6, "energy drift " + maxDrift / maxKinetic);
    }

    /** Gravity plus the ball joint's spring, ½k·θ² with θ its rotation angle from rest. */
    static double springAndGravity(SpatialSim sim) {
        int j = sim.model.joint("shoulder"), a = sim.model.jntQposAdr[j];
        double[] v = {sim.qpos[a + 1], sim.qpos[a + 2], sim.qpos[a + 3]};
        SpatialSim.rotationVector(sim.qpos[a], v);
        double theta2 = v[0] * v[0] + v[1] * v[1] + v[2] * v[2];
        return sim.potentialEnergy() + 0.5 * sim.model.jntStiffness[j] * theta2;
    }

    @Test
    void quaternionsStayUnit() {
        SpatialSim sim = new SpatialSim(model(FREE_CHAIN));
        Rng rng = new Rng(7);
        for (int i = 0; i < sim.model.nv; i++) sim.qvel[i] = rng.uniform(-20, 20);
        for (int k = 0; k < 5000; k++) {
            sim.step();
            for (int j = 0; j < 2; j++) {
                int a = sim.model.jntQposAdr[j] + (sim.model.jntType[j] == SpatialModel.FREE ? 3 : 0);
                double n = 0;
                for (int i = 0; i < 4; i++) n += sim.qpos[a + i] * sim.qpos[a + i];
                assertEquals(1, Math.sqrt(n), 1e-12, "joint " + j + " at step " + k);
            }
        }
    }

    /** A free box spun at ω about one body axis, slightly perturbed: its angular velocity along that axis over time. */
    static double[] spin(int axis, double seconds) {
        SpatialSim sim = new SpatialSim(model(FREE_BOX));
        sim.qvel[3 + axis] = 5;
        sim.qvel[3 + (axis + 1) % 3] = 0.01;
        int steps = (int) Math.round(seconds / sim.model.timestep);
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        double e0 = sim.kineticEnergy();
        for (int k = 0; k < steps; k++) {
            sim.step();
            min = Math.min(min, sim.qvel[3 + axis]);
            max = Math.max(max, sim.qvel[3 + axis]);
        }
        return new double[] {min, max, e0, sim.kineticEnergy()};
    }

    /**
     * The tennis-racket theorem (Euler's equations for a free body): spinning about the axis of least or greatest
     * inertia is stable, about the intermediate axis it flips over and back, the angular velocity along that body
     * axis reversing sign; kinetic energy is kept throughout. The box's x axis has the least inertia, y the
     * intermediate, z the greatest.
     */
    @Test
    void spinningAsymmetricBodyFlipsAboutItsIntermediateAxis() {
        double[] least = spin(0, 6), intermediate = spin(1, 6), greatest = spin(2, 6);
        assertTrue(least[0] > 4.9, "spin about the least axis is stable: " + least[0]);
        assertTrue(greatest[0] > 4.9, "spin about the greatest axis is stable: " + greatest[0]);
        assertTrue(intermediate[0] < -4.9 && intermediate[1] > 4.99, "spin about the intermediate axis flips: " + intermediate[0]);
        for (double[] r : new double[][] {least, intermediate, greatest}) assertEquals(r[2], r[3], 1e-7 * r[2], "kinetic energy");
    }

    /**
     * A point-like bob on a ball joint swinging in a vertical plane: period {@code 2π √(I/(m g l))} for small swings,
     * I the moment of inertia about the pivot; swung conically, it goes round at {@code ω² = g/(l cos α)} for a bob
     * with no inertia of its own.
     */
    @Test
    void ballJointPendulumSwingsWithTheAnalyticPeriod() {
        double l = 0.8, g = 9.81, m = 2, i0 = 1e-4;
        String xml = "<mujoco model='p'><option integrator='RK4' timestep='0.0005'/><worldbody><body name='bob' pos='0 0 2'>"
                + "<joint name='ball' type='ball'/><inertial pos='0 0 -" + l + "' mass='" + m + "' diaginertia='" + i0 + " " + i0 + " " + i0 + "'/>"
                + "</body></worldbody></mujoco>";
        SpatialSim sim = new SpatialSim(model(xml));
        double amp = 0.01;
        sim.qpos[0] = Math.cos(amp / 2);
        sim.qpos[2] = Math.sin(amp / 2); // tilted about y
        double prev = tilt(sim), prevT = 0, first = -1;
        int crossings = 0;
        double period = -1;
        while (sim.time < 10 && period < 0) {
            sim.step();
            double q = tilt(sim);
            if (prev > 0 && q <= 0) {
                double t = prevT + (sim.time - prevT) * prev / (prev - q);
                if (++crossings == 1) first = t;
                if (crossings == 3) period = (t - first) / 2;
            }
            prev = q;
            prevT = sim.time;
        }
        double expected = 2 * Math.PI * Math.sqrt((i0 + m * l * l) / (m * g * l));
        assertEquals(expected, period, 1e-4 * expected, "small-swing period");
    }

    /** The bob's tilt about y: the x coordinate of its direction from the pivot. */
    private static double tilt(SpatialSim sim) {
        sim.kinematicsOnly();
        return sim.xipos[3] - sim.xpos[3];
    }

    /**
     * A box resting flat on the plane on its four lowest corners (condim 1 or 3): every active row carries
     * {@code f = aref/R = k·d(x)·|x|/R}; with body_invweight0 A = 1/m (a free body) and R = (1 − d)/d·A (one row per
     * corner), or 2μ²(1 − d)/d·A(1 + μ²) (four pyramid rows per corner), the corners' load equals m g at a depth the
     * impedance fixes.
     */
    @Test
    void boxRestingOnThePlaneSettlesAtItsImpedancesPenetration() {
        for (int condim : new int[] {1, 3}) {
            for (String integrator : new String[] {"RK4", "Euler"}) {
                double mu = 0.7;
                SpatialSim sim = new SpatialSim(model("<mujoco model='box'><option integrator='" + integrator + "' timestep='0.002'/>"
                        + "<default><geom condim='" + condim + "' friction='" + mu + "'/></default><worldbody>"
                        + "<geom name='floor' type='plane' size='10 10 1'/><body name='box' pos='0.1 0.2 0.05'><freejoint/>"
                        + "<geom type='box' size='0.2 0.1 0.05'/></body></worldbody></mujoco>"));
                for (int k = 0; k < 2000; k++) sim.step();
                double mass = sim.model.bodyMass[1], g = 9.81, a = 1 / mass;
                double tc = 0.02, k = 1 / (0.95 * 0.95 * tc * tc);
                double lo = 0, hi = 0.1;
                for (int it = 0; it < 200; it++) {
                    double x = 0.5 * (lo + hi), d = SoftConstraints.impedance(0.9, 0.95, 0.001, 0.5, 2, -x);
                    double support = condim == 1 ? 4 * k * d * x * d / ((1 - d) * a)
                            : 4 * 4 * k * d * x * d / (2 * mu * mu * (1 - d) * a * (1 + mu * mu));
                    if (support > mass * g) hi = x;
                    else lo = x;
                }
                double expected = 0.5 * (lo + hi);
                assertEquals(0.05 - expected, sim.qpos[2], 1e-6 * expected, integrator + " condim " + condim + ": resting depth");
                assertEquals(0.1, sim.qpos[0], 1e-9, "no drift in x");
                assertEquals(0.2, sim.qpos[1], 1e-9, "no drift in y");
                assertEquals(1, Math.abs(sim.qpos[3]), 1e-9, "stays level");
                assertEquals(4, sim.contactCount());
            }
        }
    }

    @Test
    void motorsClipControlToCtrlRangeAndDampingIsImplicitUnderEuler() {
        String xml = "<mujoco model='m'><option integrator='Euler' timestep='0.01' gravity='0 0 0'/><worldbody><body name='b'>"
                + "<joint name='x' type='slide' axis='1 0 0' damping='4'/><geom type='sphere' size='0.1' mass='2'/></body></worldbody>"
                + "<actuator><motor joint='x' gear='3' ctrlrange='-1 1'/></actuator></mujoco>";
        SpatialSim sim = new SpatialSim(model(xml));
        sim.ctrl[0] = 5; // clipped to 1: force 3 N on 2 kg, damping 4 taken implicitly: (m + h b) a = F
        sim.step();
        assertEquals(3 / (2 + 0.01 * 4) * 0.01, sim.qvel[0], 1e-12);
    }

    @Test
    void unsupportedInputIsAClearError() {
        String body = "<body name='b'><freejoint/><geom type='%s' size='0.1 0.1 0.1'/></body>";
        BadInputException mesh = assertThrows(BadInputException.class, () -> model(
                "<mujoco><worldbody>" + body.formatted("mesh") + "</worldbody></mujoco>"));
        assertTrue(mesh.getMessage().contains("mesh"), mesh.getMessage());
        BadInputException boxes = assertThrows(BadInputException.class, () -> model(
                "<mujoco><worldbody>" + body.formatted("box") + body.formatted("sphere").replace("'b'", "'c'") + "</worldbody></mujoco>"));
        assertTrue(boxes.getMessage().contains("boxes have contacts only with planes"), boxes.getMessage());
        BadInputException nested = assertThrows(BadInputException.class, () -> model(
                "<mujoco><worldbody><body name='a'><joint type='hinge'/><geom size='0.1'/>" + body.formatted("sphere") + "</body></worldbody></mujoco>"));
        assertTrue(nested.getMessage().contains("free joint") && nested.getMessage().contains("child of the world"), nested.getMessage());
        BadInputException fluid = assertThrows(BadInputException.class, () -> model(
                "<mujoco><option viscosity='0.1'/><worldbody>" + body.formatted("sphere") + "</worldbody></mujoco>"));
        assertTrue(fluid.getMessage().contains("fluid"), fluid.getMessage());
        BadInputException massless = assertThrows(BadInputException.class, () -> model(
                "<mujoco><worldbody><body name='ghost'><joint type='hinge'/></body></worldbody></mujoco>"));
        assertTrue(massless.getMessage().contains("mass"), massless.getMessage());
        assertThrows(BadInputException.class, () -> model("<mujoco><worldbody>"));
    }
}
