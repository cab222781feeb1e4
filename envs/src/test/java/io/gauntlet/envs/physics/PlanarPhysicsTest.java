package io.gauntlet.envs.physics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gauntlet.core.BadInputException;
import io.gauntlet.core.random.Rng;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The engine against physics: conservation laws, analytic periods, Coulomb's friction law, limits. */
class PlanarPhysicsTest {

    static PlanarModel model(String xml) {
        return MjcfLoader.load(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "test");
    }

    /** A chain of {@code links} unit capsules hanging from a fixed pivot, passive and undamped. */
    static String chain(int links, String integrator, double timestep) {
        StringBuilder sb = new StringBuilder("<mujoco model='chain'><compiler angle='radian'/><option integrator='" + integrator
                + "' timestep='" + timestep + "'/><worldbody>");
        for (int i = 0; i < links; i++) {
            sb.append("<body name='l").append(i).append("' pos='0 0 ").append(i == 0 ? "0" : "-1").append("'>")
              .append("<joint name='j").append(i).append("' type='hinge' axis='0 1 0'/>")
              .append("<geom type='capsule' fromto='0 0 0 0 0 -1' size='0.05'/>");
        }
        for (int i = 0; i < links; i++) sb.append("</body>");
        return sb.append("</worldbody></mujoco>").toString();
    }

    @Test
    void passiveUndampedChainConservesEnergyUnderRk4() {
        PlanarSim sim = new PlanarSim(model(chain(3, "RK4", 0.001)));
        sim.qpos[0] = 1.2;
        sim.qpos[1] = -0.7;
        sim.qpos[2] = 0.4;
        sim.forward();
        double e0 = sim.kineticEnergy() + sim.potentialEnergy();
        double maxKinetic = 0, maxDrift = 0;
        for (int k = 0; k < 10_000; k++) { // 10 simulated seconds
            sim.step();
            double ke = sim.kineticEnergy();
            maxKinetic = Math.max(maxKinetic, ke);
            maxDrift = Math.max(maxDrift, Math.abs(ke + sim.potentialEnergy() - e0));
        }
        // relative to the energy that actually sloshes between kinetic and potential (a harder yardstick than E0)
        assertTrue(maxKinetic > 10, "the chain must actually swing");
        assertTrue(maxDrift / maxKinetic < 1e-3, "energy drift " + maxDrift / maxKinetic);
    }

    /** Period of a sphere of radius r whose centre swings at distance l about a frictionless hinge. */
    static double measurePeriod(double amplitude, double l, double r, double h) {
        PlanarModel m = model("<mujoco model='p'><compiler angle='radian'/><option integrator='RK4' timestep='" + h + "' gravity='0 0 -9.81'/>"
                + "<worldbody><body name='bob'><joint name='hinge' type='hinge' axis='0 1 0'/>"
                + "<geom type='sphere' pos='0 0 -" + l + "' size='" + r + "'/></body></worldbody></mujoco>");
        PlanarSim sim = new PlanarSim(m);
        sim.qpos[0] = amplitude;
        sim.forward();
        // time between the first and third downward zero crossings of the angle, linearly interpolated
        double prevQ = sim.qpos[0], prevT = 0;
        double first = -1;
        int crossings = 0;
        while (sim.time < 20) {
            sim.step();
            double q = sim.qpos[0];
            if (prevQ > 0 && q <= 0) {
                double t = prevT + (sim.time - prevT) * prevQ / (prevQ - q);
                crossings++;
                if (crossings == 1) first = t;
                if (crossings == 3) return (t - first) / 2;
            }
            prevQ = q;
            prevT = sim.time;
        }
        throw new AssertionError("pendulum did not swing");
    }

    static double ellipticK(double k) {
        double a = 1, b = Math.sqrt(1 - k * k);
        for (int i = 0; i < 30; i++) {
            double an = (a + b) / 2;
            b = Math.sqrt(a * b);
            a = an;
        }
        return Math.PI / (2 * a);
    }

    @Test
    void pendulumPeriodMatchesTheAnalyticOne() {
        double l = 1.0, r = 0.05, g = 9.81;
        double inertia = 0.4 * r * r + l * l; // per unit mass, about the pivot
        double t0 = 2 * Math.PI * Math.sqrt(inertia / (g * l));
        double small = measurePeriod(0.01, l, r, 0.001);
        assertEquals(t0, small, t0 * 1e-4, "small-angle period");
        double amplitude = 2.0; // about 115 degrees
        double exact = 4 * Math.sqrt(inertia / (g * l)) * ellipticK(Math.sin(amplitude / 2));
        double large = measurePeriod(amplitude, l, r, 0.001);
        assertEquals(exact, large, exact * 1e-4, "large-angle period (elliptic integral)");
        assertTrue(large > 1.2 * t0, "large swings are slower");
    }

    @Test
    void freeFlightConservesMomentumUnderInternalTorques() {
        PlanarModel m = model("<mujoco model='ff'><compiler angle='radian'/><option integrator='RK4' timestep='0.001' gravity='0 0 0'/>"
                + "<default><geom contype='0' conaffinity='0'/></default><worldbody><body name='a' pos='0 0 1'>"
                + "<joint name='x' type='slide' axis='1 0 0'/><joint name='z' type='slide' axis='0 0 1'/><joint name='r' type='hinge' axis='0 1 0'/>"
                + "<geom type='capsule' fromto='-0.3 0 0 0.3 0 0' size='0.05'/>"
                + "<body name='b' pos='0.3 0 0'><joint name='j1' type='hinge' axis='0 -1 0' damping='0.5'/>"
                + "<geom type='capsule' fromto='0 0 0 0.4 0 0.1' size='0.04'/>"
                + "<body name='c' pos='0.4 0 0.1'><joint name='j2' type='hinge' axis='0 1 0' pos='0 0 0' stiffness='3'/>"
                + "<geom type='box' pos='0.1 0 0' size='0.1 0.05 0.03'/></body></body></body></worldbody>"
                + "<actuator><motor joint='j1' gear='5'/><motor joint='j2' gear='5'/></actuator></mujoco>");
        PlanarSim sim = new PlanarSim(m);
        Rng rng = new Rng(3);
        for (int i = 0; i < m.nv; i++) sim.qvel[i] = rng.uniform(-2, 2);
        sim.forward();
        double[] p0 = sim.linearMomentum();
        double l0 = sim.angularMomentum();
        for (int k = 0; k < 4000; k++) {
            sim.ctrl[0] = Math.sin(0.005 * k);
            sim.ctrl[1] = Math.cos(0.0065 * k);
            sim.step();
        }
        double[] p1 = sim.linearMomentum();
        // exact in the continuous dynamics; RK4 conserves them up to its O(h⁴) truncation error
        double scale = Math.hypot(p0[0], p0[1]);
        assertEquals(p0[0], p1[0], 1e-7 * scale);
        assertEquals(p0[1], p1[1], 1e-7 * scale);
        assertEquals(l0, sim.angularMomentum(), 1e-7 * Math.abs(l0));
        assertTrue(Math.abs(sim.qpos[4]) > 0.1, "the internal joints must have moved");
    }

    static String freeBox(String integrator, double timestep, String gravity, double friction, int condim) {
        return "<mujoco model='box'><compiler angle='radian'/><option integrator='" + integrator + "' timestep='" + timestep
                + "' gravity='" + gravity + "'/><worldbody><geom name='floor' type='plane' size='10 10 1' friction='" + friction + "' condim='" + condim + "'/>"
                + "<body name='box' pos='0 0 0.05'>"
                + "<joint name='x' type='slide' axis='1 0 0'/><joint name='z' type='slide' axis='0 0 1'/><joint name='r' type='hinge' axis='0 1 0'/>"
                + "<geom type='box' size='0.2 0.1 0.05' friction='" + friction + "' condim='" + condim + "'/></body></worldbody></mujoco>";
    }

    /**
     * At rest every active row carries {@code f = aref/R = k·d(x)·|x|/R}: a box resting flat on four corners (2 in the
     * plane × 2 across it) with condim 1 has R = (1 − d)/d · A, A = body_invweight0 = 2/(3m) (of the three
     * translation axes only two move), so 4 k d² |x| / ((1 − d) A) = m g fixes the penetration |x| (solved by
     * bisection, d depending on x through solimp). With condim 3 each corner has four pyramid rows of
     * R = 2μ²(1 − d)/d · A(1 + μ²), friction rows balancing pairwise.
     */
    static double restingPenetration(int condim, double mu, double mass, int corners, double g) {
        double tc = 0.02, dmax = 0.95, k = 1 / (dmax * dmax * tc * tc);
        double a = 2 / (3 * mass);
        double lo = 0, hi = 0.1;
        for (int it = 0; it < 200; it++) {
            double x = 0.5 * (lo + hi);
            double d = SoftConstraints.impedance(0.9, 0.95, 0.001, 0.5, 2, -x);
            double support = condim == 1
                    ? corners * k * d * x * d / ((1 - d) * a)
                    : corners * 4 * k * d * x * d / (2 * mu * mu * (1 - d) * a * (1 + mu * mu));
            if (support > mass * g) hi = x;
            else lo = x;
        }
        return 0.5 * (lo + hi);
    }

    @Test
    void boxRestingOnTheGroundSettlesAtItsImpedancesPenetration() {
        for (int condim : new int[] {1, 3}) {
            for (String integrator : new String[] {"RK4", "Euler"}) {
                PlanarSim sim = new PlanarSim(model(freeBox(integrator, 0.002, "0 0 -9.81", 0.7, condim)));
                for (int k = 0; k < 2000; k++) sim.step(); // settle for 4 s
                double mass = sim.model.bodyMass[0];
                // the box's bottom face sits at z = qpos (its centre 0.05 above the body's reference height)
                double expected = restingPenetration(condim, 0.7, mass, 4, 9.81);
                assertEquals(-expected, sim.qpos[1], 1e-6 * expected, integrator + " condim " + condim + ": resting penetration");
                assertEquals(0, sim.qpos[0], 1e-9, integrator + ": no horizontal drift");
                assertEquals(0, sim.qvel[1], 1e-9, integrator + ": at rest");
            }
        }
    }

    /**
     * A limited hinge pushed by a constant torque τ rests inside its limit where the row's force k·d·|x|/R, with
     * R = (1 − d)/d · dof_invweight0, balances τ.
     */
    @Test
    void jointLimitYieldsAsItsImpedanceSays() {
        PlanarSim sim = new PlanarSim(model("<mujoco model='lim'><compiler angle='degree'/><option integrator='RK4' timestep='0.002' gravity='0 0 0'/>"
                + "<worldbody><body name='arm'><joint name='j' type='hinge' axis='0 1 0' range='-30 30' limited='true'/>"
                + "<geom type='capsule' fromto='0 0 0 0.5 0 0' size='0.05'/></body></worldbody>"
                + "<actuator><motor joint='j' gear='20' ctrlrange='-1 1'/></actuator></mujoco>"));
        double lim = Math.toRadians(30), tau = 20, invWeight = sim.model.dofInvWeight[0];
        double k = 1 / (0.95 * 0.95 * 0.02 * 0.02);
        double lo = 0, hi = 0.5;
        for (int it = 0; it < 200; it++) {
            double x = 0.5 * (lo + hi), d = SoftConstraints.impedance(0.9, 0.95, 0.001, 0.5, 2, -x);
            if (k * d * x * d / ((1 - d) * invWeight) > tau) hi = x;
            else lo = x;
        }
        double expected = 0.5 * (lo + hi);
        for (int side = 1; side >= -1; side -= 2) {
            sim.ctrl[0] = side;
            for (int k2 = 0; k2 < 2000; k2++) sim.step();
            assertEquals(side * (lim + expected), sim.qpos[0], 1e-6 * expected, "rests beyond the limit by the impedance's amount");
        }
    }

    /**
     * Without gravity, a ball (condim 1, flat impedance d) meeting the ground at speed v₀ follows
     * {@code ÿ = d'(−b ẏ − k d y)}, d' = D/(m + D) the share of the reference acceleration in the solution, until
     * the force vanishes (ω²y + 2ζω ẏ = 0): a Kelvin-Voigt contact, whose restitution is
     * {@code e = e^(−ζω t_s) (−cos ω_d t_s + ζω/ω_d sin ω_d t_s)} with {@code ω_d t_s = π − atan(2ζ√(1−ζ²)/(1−2ζ²))}.
     */
    @Test
    void droppedBallReboundsAsTheImpedanceSays() {
        double tc = 0.02, dampratio = 0.3, d = 0.95, v0 = 2;
        PlanarSim sim = new PlanarSim(model("<mujoco model='ball'><option integrator='RK4' timestep='0.0001' gravity='0 0 0'/>"
                + "<default><geom condim='1' solref='" + tc + " " + dampratio + "' solimp='" + d + " " + d + " 0.001'/></default><worldbody>"
                + "<geom name='floor' type='plane' size='10 10 1'/><body name='ball' pos='0 0 0.11'>"
                + "<joint name='x' type='slide' axis='1 0 0'/><joint name='z' type='slide' axis='0 0 1'/><joint name='r' type='hinge' axis='0 1 0'/>"
                + "<geom type='sphere' size='0.1'/></body></worldbody></mujoco>"));
        sim.qvel[1] = -v0;
        while (sim.time < 0.2) sim.step();
        double mass = sim.model.bodyMass[0];
        double dShare = 1 / (1 + mass * (1 - d) * (2 / (3 * mass)) / d); // D/(m + D), D = d/((1−d)·2/(3m))
        double omega2 = dShare * d / (d * d * tc * tc * dampratio * dampratio);
        double damping = dShare * 2 / (d * tc);
        double omega = Math.sqrt(omega2), zeta = damping / (2 * omega), omegaD = omega * Math.sqrt(1 - zeta * zeta);
        double ts = (Math.PI - Math.atan(2 * zeta * Math.sqrt(1 - zeta * zeta) / (1 - 2 * zeta * zeta))) / omegaD;
        double e = Math.exp(-zeta * omega * ts) * (-Math.cos(omegaD * ts) + zeta * omega / omegaD * Math.sin(omegaD * ts));
        assertEquals(e * v0, sim.qvel[1], 2e-3 * v0, "rebound speed");
    }

    /** A box on an incline (gravity tilted by {@code slope}) after {@code seconds}: {x, x velocity}. */
    static double[] slide(double slope, double mu, double seconds) {
        double g = 9.81;
        String gravity = (g * Math.sin(slope)) + " 0 " + (-g * Math.cos(slope));
        PlanarSim sim = new PlanarSim(model(freeBox("Euler", 0.002, gravity, mu, 3)));
        while (sim.time < seconds - 1e-9) sim.step();
        return new double[] {sim.qpos[0], sim.qvel[0]};
    }

    /**
     * MuJoCo's soft pyramid on a slope, per corner (four corners share the load): the edges J_n ± μJ_t of the first
     * tangent carry D(k d|x| ∓ bμv) while active, the second tangent's two edges (no effect in the plane) D·k d|x|
     * each, D = 1/R = d / (2μ²(1 − d)·A(1 + μ²)). Below tan θ = μ/2 all four are active and friction is viscous:
     * {@code 2Dμ²b v = m g sin θ / 4}; between μ/2 and μ the lower edge lets go and
     * {@code bμv = k d|x| (2 tan θ/(μ − tan θ) − 1)}, which grows without bound as tan θ reaches μ, where the box
     * slides (approaching Coulomb's a = g(sin θ − μ cos θ) as MuJoCo's soft pyramid does at speed).
     */
    @Test
    void boxOnASlopeCreepsBelowTheFrictionAngleAndSlidesPastIt() {
        double mu = 0.5, g = 9.81, b = 2 / (0.95 * 0.02), k = 1 / (0.95 * 0.95 * 0.02 * 0.02);
        double mass = model(freeBox("Euler", 0.002, "0 0 -9.81", mu, 3)).bodyMass[0];
        double a = 2 / (3 * mass);
        for (double theta : new double[] {0.2, Math.atan(mu) - 0.2}) {
            double tan = Math.tan(theta);
            boolean viscous = tan < mu / 2;
            // normal load per corner: all four edges (viscous) or the loaded edge plus the second tangent's two
            double lo = 0, hi = 0.1;
            for (int it = 0; it < 200; it++) {
                double x = 0.5 * (lo + hi), d = SoftConstraints.impedance(0.9, 0.95, 0.001, 0.5, 2, -x);
                double dd = d / (2 * mu * mu * (1 - d) * a * (1 + mu * mu));
                double normal = viscous ? 4 * dd * k * d * x : 2 * dd * k * d * x * mu / (mu - tan);
                if (normal > mass * g * Math.cos(theta) / 4) hi = x;
                else lo = x;
            }
            double x = 0.5 * (lo + hi), d = SoftConstraints.impedance(0.9, 0.95, 0.001, 0.5, 2, -x);
            double dd = d / (2 * mu * mu * (1 - d) * a * (1 + mu * mu));
            double creep = viscous ? mass * g * Math.sin(theta) / 4 / (2 * dd * mu * mu * b)
                    : k * d * x * (2 * tan / (mu - tan) - 1) / (b * mu);
            assertEquals(creep, slide(theta, mu, 2)[1], 1e-3 * creep, "creep speed at θ = " + theta);
        }
        double slope = Math.atan(mu) + 0.1, t = 1;
        double coulomb = 0.5 * g * (Math.sin(slope) - mu * Math.cos(slope)) * t * t;
        assertEquals(coulomb, slide(slope, mu, t)[0], 0.05 * coulomb, "slides with a = g(sin − μ cos)");
    }

    @Test
    void motorsClipControlToCtrlRange() {
        String xml = "<mujoco model='m'><option integrator='Euler' timestep='0.01' gravity='0 0 0'/><worldbody><body name='b'>"
                + "<joint name='x' type='slide' axis='1 0 0'/><geom type='sphere' size='0.1' mass='2'/></body></worldbody>"
                + "<actuator><motor joint='x' gear='3' ctrlrange='-1 1'/></actuator></mujoco>";
        PlanarSim sim = new PlanarSim(model(xml));
        sim.ctrl[0] = 5; // clipped to 1 → force 3 N on 2 kg
        sim.step();
        assertEquals(1.5 * 0.01, sim.qvel[0], 1e-12);
    }

    @Test
    void undulatingSwimmerSwimsOnlyThroughTheFluid() {
        PlanarModel swimmer = MjcfLoader.loadResource("/io/gauntlet/envs/locomotion/swimmer.xml");
        double withFluid = swimTravelingWave(swimmer);
        assertTrue(Math.abs(withFluid) > 0.2, "a travelling wave must propel the swimmer, moved " + withFluid);
    }

    static double swimTravelingWave(PlanarModel m) {
        PlanarSim sim = new PlanarSim(m);
        for (int k = 0; k < 2000; k++) {
            double t = sim.time;
            sim.ctrl[0] = Math.sin(2 * Math.PI * 0.5 * t);
            sim.ctrl[1] = Math.sin(2 * Math.PI * 0.5 * t - Math.PI / 2);
            sim.step();
        }
        return sim.centerOfMass()[0] - 0.0 * sim.qpos[0];
    }

    @Test
    void withoutAFluidTheSwimmersCentreOfMassStaysPut() {
        String xml = "<mujoco model='dry'><option integrator='RK4' timestep='0.01'/><default><geom contype='0' conaffinity='0'/></default>"
                + "<worldbody><body name='t'>"
                + "<geom type='capsule' fromto='1.5 0 0 0.5 0 0' size='0.1'/>"
                + "<joint name='s1' type='slide' axis='1 0 0'/><joint name='s2' type='slide' axis='0 1 0'/><joint name='r' type='hinge' axis='0 0 1'/>"
                + "<body name='m' pos='0.5 0 0'><geom type='capsule' fromto='0 0 0 -1 0 0' size='0.1'/><joint name='a' type='hinge' axis='0 0 1'/>"
                + "<body name='b' pos='-1 0 0'><geom type='capsule' fromto='0 0 0 -1 0 0' size='0.1'/><joint name='c' type='hinge' axis='0 0 1'/>"
                + "</body></body></body></worldbody><actuator><motor joint='a' gear='10'/><motor joint='c' gear='10'/></actuator></mujoco>";
        PlanarSim sim = new PlanarSim(model(xml));
        double[] c0 = sim.centerOfMass();
        for (int k = 0; k < 2000; k++) {
            sim.ctrl[0] = Math.sin(Math.PI * sim.time);
            sim.ctrl[1] = Math.sin(Math.PI * sim.time - Math.PI / 2);
            sim.step();
        }
        double[] c1 = sim.centerOfMass();
        assertEquals(c0[0], c1[0], 1e-6);
        assertEquals(c0[1], c1[1], 1e-6);
        assertTrue(Math.abs(sim.qpos[3]) > 0.3, "the body must have undulated");
    }

    @Test
    void capsuleInertiaMatchesTheCompositeFormula() {
        // a vertical capsule of radius 0.05 and half-length 0.2 (the hopper's torso): mass 3.66519 as MuJoCo compiles it
        PlanarModel m = MjcfLoader.loadResource("/io/gauntlet/envs/locomotion/hopper.xml");
        assertEquals(3.66519, m.bodyMass[0], 1e-5);
        double r = 0.05, h = 0.4, mc = Math.PI * r * r * h * 1000, ms = 4.0 / 3 * Math.PI * r * r * r * 1000;
        double expected = mc * (3 * r * r + h * h) / 12 + ms * (0.4 * r * r + h * h / 4 + 3 * h * r / 8);
        assertEquals(expected, m.bodyInertia[0], 1e-12);
        assertEquals(14.0, MjcfLoader.loadResource("/io/gauntlet/envs/locomotion/half_cheetah.xml").totalMass(), 1e-9);
    }

    @Test
    void unsupportedInputIsAClearError() {
        BadInputException ball = assertThrows(BadInputException.class, () -> model(
                "<mujoco><worldbody><body name='b'><joint name='bj' type='ball'/><geom size='0.1'/></body></worldbody></mujoco>"));
        assertTrue(ball.getMessage().contains("bj") && ball.getMessage().contains("ball"), ball.getMessage());
        BadInputException tilted = assertThrows(BadInputException.class, () -> model(
                "<mujoco><worldbody><body name='b'><joint name='h1' axis='0 1 0'/><geom size='0.1'/>"
                        + "<body name='c'><joint name='h2' axis='1 0 0'/><geom size='0.1'/></body></body></worldbody></mujoco>"));
        assertTrue(tilted.getMessage().contains("not planar"), tilted.getMessage());
        BadInputException tendon = assertThrows(BadInputException.class, () -> model(
                "<mujoco><worldbody><body name='b'><geom size='0.1'/></body></worldbody><tendon><fixed stiffness='1'/></tendon></mujoco>"));
        assertTrue(tendon.getMessage().contains("stiffness of tendon <fixed>"), tendon.getMessage());
        BadInputException attr = assertThrows(BadInputException.class, () -> model(
                "<mujoco><worldbody><body name='b'><geom size='0.1' fluidshape='ellipsoid'/></body></worldbody></mujoco>"));
        assertTrue(attr.getMessage().contains("fluidshape"), attr.getMessage());
        assertThrows(BadInputException.class, () -> model("<mujoco><worldbody>"));
        String body = "<worldbody><body name='b'><joint name='z' type='slide' axis='0 0 1'/><geom name='g' size='0.1'%s/></body></worldbody></mujoco>";
        BadInputException solver = assertThrows(BadInputException.class, () -> model("<mujoco><option solver='CG'/>" + body.formatted("")));
        assertTrue(solver.getMessage().contains("<option solver=\"CG\">"), solver.getMessage());
        BadInputException cone = assertThrows(BadInputException.class, () -> model("<mujoco><option cone='elliptic'/>" + body.formatted("")));
        assertTrue(cone.getMessage().contains("cone"), cone.getMessage());
        BadInputException solref = assertThrows(BadInputException.class, () -> model("<mujoco>" + body.formatted(" solref='-100 -10'")));
        assertTrue(solref.getMessage().contains("geom 'g' solref"), solref.getMessage());
        BadInputException solimp = assertThrows(BadInputException.class, () -> model("<mujoco>" + body.formatted(" solimp='0.9 1.5 0.001'")));
        assertTrue(solimp.getMessage().contains("geom 'g' solimp"), solimp.getMessage());
        BadInputException condim = assertThrows(BadInputException.class, () -> model("<mujoco>" + body.formatted(" condim='6'")));
        assertTrue(condim.getMessage().contains("geom 'g'") && condim.getMessage().contains("condim"), condim.getMessage());
        BadInputException limit = assertThrows(BadInputException.class, () -> model(
                "<mujoco><worldbody><body name='b'><joint name='h' axis='0 1 0' range='-1 1' solreflimit='0.02 -1'/><geom size='0.1'/></body></worldbody></mujoco>"));
        assertTrue(limit.getMessage().contains("joint 'h' solreflimit"), limit.getMessage());
        BadInputException boxes = assertThrows(BadInputException.class, () -> model("<mujoco><worldbody>"
                + "<body name='a'><joint name='x' type='slide' axis='1 0 0'/><geom name='box1' type='box' size='0.1 0.1 0.1'/></body>"
                + "<body name='c'><joint name='y' type='slide' axis='1 0 0'/><geom name='ball' size='0.1'/></body></worldbody></mujoco>"));
        assertTrue(boxes.getMessage().contains("'ball' and 'box1'"), boxes.getMessage());
        assertTrue(solver.getMessage().lines().count() == 1, "one line");
    }

    /** Contacts between links follow MuJoCo's filter: contype/conaffinity, no welded bodies, no parent and child. */
    @Test
    void selfCollisionPairsAreFilteredAsMuJoCoFiltersThem() {
        PlanarModel m = MjcfLoader.loadResource("/io/gauntlet/envs/physics/self_collision.xml");
        // links a, b, c (c carries a capsule and a sphere): only a–c are neither parent nor child
        assertEquals(2, m.pairs.count);
        for (int p = 0; p < m.pairs.count; p++) {
            assertEquals("a", m.geomName[m.pairs.geom1[p]].equals("a") ? "a" : m.geomName[m.pairs.geom2[p]]);
        }
        PlanarModel walker = MjcfLoader.loadResource("/io/gauntlet/envs/locomotion/walker2d.xml");
        for (int p = 0; p < walker.pairs.count; p++) assertEquals(PlanarModel.GEOM_PLANE, walker.geomType[walker.pairs.geom1[p]], "conaffinity 0: ground only");
        PlanarModel hopper = MjcfLoader.loadResource("/io/gauntlet/envs/locomotion/hopper.xml");
        assertEquals(4 + 3, hopper.pairs.count, "the ground with four links, and torso–leg, torso–foot, thigh–foot");
    }

    @Test
    void explicitInertialGivesTheCompoundPendulumPeriod() {
        // mass 2 kg at 1 m below the pivot, 0.3 kg m² about its centre around y: I_pivot = 0.3 + 2·1²
        PlanarSim sim = new PlanarSim(model("<mujoco model='ci'><compiler angle='radian'/><option integrator='RK4' timestep='0.001'/>"
                + "<worldbody><body name='b'><joint name='h' type='hinge' axis='0 1 0'/>"
                + "<inertial pos='0 0 -1' mass='2' diaginertia='0.1 0.3 0.1'/><geom type='sphere' pos='0 0 -1' size='0.05'/>"
                + "</body></worldbody></mujoco>"));
        assertEquals(2.0, sim.model.bodyMass[0], 0);
        assertEquals(0.3, sim.model.bodyInertia[0], 0);
        sim.qpos[0] = 0.01;
        sim.forward();
        double expected = 2 * Math.PI * Math.sqrt(2.3 / (2 * 9.81 * 1));
        double prev = sim.qpos[0], prevT = 0, first = -1;
        int crossings = 0;
        while (crossings < 3) {
            sim.step();
            if (prev > 0 && sim.qpos[0] <= 0) {
                double t = prevT + (sim.time - prevT) * prev / (prev - sim.qpos[0]);
                if (++crossings == 1) first = t;
                if (crossings == 3) assertEquals(expected, (t - first) / 2, expected * 1e-4);
            }
            prev = sim.qpos[0];
            prevT = sim.time;
        }
    }

    @Test
    void aSlidingBallEndsUpRollingAtFiveSeventhsOfItsSpeed() {
        // a solid ball launched without spin: friction slows it and spins it up until v = ωr, at v = 5/7 v0
        for (String integrator : new String[] {"Euler", "RK4"}) {
            PlanarSim sim = new PlanarSim(model("<mujoco model='ball'><option integrator='" + integrator + "' timestep='0.002'/><worldbody>"
                    + "<geom name='floor' type='plane' size='10 10 1' friction='0.3'/><body name='ball' pos='0 0 0.1'>"
                    + "<joint name='x' type='slide' axis='1 0 0'/><joint name='z' type='slide' axis='0 0 1'/><joint name='r' type='hinge' axis='0 1 0'/>"
                    + "<geom type='sphere' size='0.1' friction='0.3'/></body></worldbody></mujoco>"));
            double v0 = 2;
            sim.qvel[0] = v0;
            while (sim.time < 2) sim.step();
            assertEquals(5.0 / 7 * v0, sim.qvel[0], 0.01 * v0, integrator + ": rolling speed");
            assertEquals(sim.qvel[0], sim.qvel[2] * 0.1, 1e-3, integrator + ": rolls without slipping (v = ωr)");
            // slipping lasts t = 2 v0 / (7 μ g); the ball then keeps rolling at constant speed
            double x1 = sim.qpos[0];
            while (sim.time < 3) sim.step();
            assertEquals(5.0 / 7 * v0, (sim.qpos[0] - x1) / (sim.time - 2), 0.01 * v0, integrator + ": keeps rolling");
        }
    }
}
