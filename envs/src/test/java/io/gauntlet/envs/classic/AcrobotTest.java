package io.gauntlet.envs.classic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gauntlet.core.env.Env;
import io.gauntlet.core.env.EnvRegistry;
import io.gauntlet.core.env.Step;
import io.gauntlet.envs.TestSteps;
import org.junit.jupiter.api.Test;

class AcrobotTest {
    private final Acrobot env = new Acrobot();
    private final Step step = Step.of(env);

    /**
     * Total energy of the book acrobot (theta1 from hanging down): kinetic ½ d11 w1² + d12 w1 w2 + ½ d22 w2² with
     * d11 = m1 lc1² + m2 (l1² + lc2² + 2 l1 lc2 cos θ2) + I1 + I2, d12 = m2 (lc2² + l1 lc2 cos θ2) + I2,
     * d22 = m2 lc2² + I2; potential −(m1 lc1 + m2 l1) g cos θ1 − m2 lc2 g cos(θ1 + θ2).
     */
    private static double energy(double[] s) {
        double c2 = Math.cos(s[1]);
        double d11 = 0.25 + (1 + 0.25 + c2) + 2;
        double d12 = (0.25 + 0.5 * c2) + 1;
        double d22 = 1.25;
        double kinetic = 0.5 * d11 * s[2] * s[2] + d12 * s[2] * s[3] + 0.5 * d22 * s[3] * s[3];
        double potential = -(0.5 + 1) * 9.8 * Math.cos(s[0]) - 0.5 * 9.8 * Math.cos(s[0] + s[1]);
        return kinetic + potential;
    }

    @Test
    void unforcedSwingConservesEnergy() {
        // No torque (action 1), no friction: RK4 at dt 0.2 keeps the energy to a small fraction of the swing's.
        double[] start = {0.6, -0.3, 0, 0};
        env.setState(start, step);
        double e0 = energy(start);
        double swing = e0 - energy(new double[] {0, 0, 0, 0});
        for (int t = 0; t < 20; t++) {
            env.step(new double[] {1}, step);
            assertEquals(e0, energy(env.state()), 0.02 * swing, "energy drifted at step " + t);
        }
    }

    /**
     * The acrobot's equations of motion derived independently from its Lagrangian (θ from hanging down):
     * M(q) q'' + h(q, q') + G(q) = (0, τ) with M11 = d11, M12 = d12, M22 = d22 as in {@link #energy},
     * h1 = −m2 l1 lc2 sin θ2 (2 θ1' θ2' + θ2'²), h2 = m2 l1 lc2 sin θ2 θ1'², G1 = (m1 lc1 + m2 l1) g sin θ1 +
     * m2 lc2 g sin(θ1 + θ2), G2 = m2 lc2 g sin(θ1 + θ2). Written into dy.
     */
    private static void lagrangian(double[] y, double tau, double[] dy) {
        double c2 = Math.cos(y[1]), s2 = Math.sin(y[1]);
        double m11 = 0.25 + (1 + 0.25 + c2) + 2, m12 = 1.25 + 0.5 * c2, m22 = 1.25;
        double h1 = -0.5 * s2 * (2 * y[2] * y[3] + y[3] * y[3]);
        double h2 = 0.5 * s2 * y[2] * y[2];
        double g1 = 1.5 * 9.8 * Math.sin(y[0]) + 0.5 * 9.8 * Math.sin(y[0] + y[1]);
        double g2 = 0.5 * 9.8 * Math.sin(y[0] + y[1]);
        double r1 = -h1 - g1, r2 = tau - h2 - g2;
        double det = m11 * m22 - m12 * m12;
        dy[0] = y[2];
        dy[1] = y[3];
        dy[2] = (m22 * r1 - m12 * r2) / det;
        dy[3] = (m11 * r2 - m12 * r1) / det;
    }

    /** The true flow over 0.2 s: 2000 small Euler-midpoint steps of the Lagrangian equations. */
    private static double[] trueFlow(double[] start, double tau) {
        double[] y = start.clone(), k = new double[4], mid = new double[4];
        double h = 0.2 / 2000;
        for (int n = 0; n < 2000; n++) {
            lagrangian(y, tau, k);
            for (int i = 0; i < 4; i++) mid[i] = y[i] + 0.5 * h * k[i];
            lagrangian(mid, tau, k);
            for (int i = 0; i < 4; i++) y[i] += h * k[i];
        }
        return y;
    }

    @Test
    void oneStepFollowsTheLagrangianDynamics() {
        // Gymnasium's single RK4 step of 0.2 s is close to (not equal to) the exact flow: its local error is O(dt⁵).
        double[][] starts = {{0, 0, 0, 0}, {0.3, -0.5, 1.0, -2.0}, {2.0, 1.0, -1.5, 3.0}};
        double[] torque = {-1, 0, 1};
        for (double[] start : starts) {
            for (int a = 0; a < 3; a++) {
                env.setState(start, step);
                env.step(new double[] {a}, step);
                double[] expected = trueFlow(start, torque[a]);
                double[] got = env.state();
                for (int i = 0; i < 4; i++) assertEquals(expected[i], got[i], 2e-3, "component " + i + " from " + java.util.Arrays.toString(start));
            }
        }
    }

    @Test
    void anglesWrapAndVelocitiesAreBounded() {
        env.setState(new double[] {Math.PI - 0.01, 0, 1.0, 0}, step);
        env.step(new double[] {1}, step);
        double[] s = env.state();
        assertTrue(s[0] < 0 && s[0] >= -Math.PI, "theta1 wrapped past pi: " + s[0]);
        env.setState(new double[] {0, 0, 4 * Math.PI, 9 * Math.PI}, step);
        env.step(new double[] {2}, step);
        s = env.state();
        assertTrue(Math.abs(s[2]) <= 4 * Math.PI && Math.abs(s[3]) <= 9 * Math.PI);
    }

    @Test
    void terminalWhenTheTipIsAboveTheBar() {
        // Balanced straight up (θ1 = π): height -cos θ1 - cos(θ1 + θ2) = 2 > 1; terminal step rewards 0.
        env.setState(new double[] {Math.PI, 0, 0, 0}, step);
        env.step(new double[] {1}, step);
        assertTrue(step.terminated);
        assertEquals(0.0, step.reward);
        // Horizontal arm (θ1 = π/2): height 0 and falling, not terminal.
        env.setState(new double[] {Math.PI / 2, 0, 0, 0}, step);
        env.step(new double[] {1}, step);
        assertFalse(step.terminated);
    }

    @Test
    void restingHangingDownStaysPut() {
        env.setState(new double[] {0, 0, 0, 0}, step);
        for (int t = 0; t < 10; t++) env.step(new double[] {1}, step);
        for (double v : env.state()) assertEquals(0.0, v, 1e-12);
    }

    @Test
    void resetIsFloat32AndLimitIs500() {
        Env e = EnvRegistry.make("Acrobot-v1");
        Step s = Step.of(e);
        e.reset(11, s);
        for (double v : e.state()) {
            assertTrue(Math.abs(v) <= 0.1);
            assertEquals((double) (float) v, v, 0.0);
        }
        assertEquals(500, TestSteps.stepsUntilDone(e, new double[] {1}, s));
        assertTrue(s.truncated);
    }
}
