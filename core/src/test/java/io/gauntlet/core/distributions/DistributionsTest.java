package io.gauntlet.core.distributions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gauntlet.core.random.Rng;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

class DistributionsTest {
    private static final double H = 1e-6;

    // Logits and Gaussian parameters stored at an offset inside larger arrays, as policies' batch rows are.
    private static final double[] LOGITS_P = {9, 9, 0.3, -1.2, 2.0, 0.1, 9};
    private static final double[] LOGITS_Q = {9, -0.4, 0.8, 1.1, -0.2, 9};
    private static final double[] GAUSS_P = {9, 0.5, -1.0, 0.2, -0.3, 0.4, 0.1};   // off 1: mean(3) | logStd(3)
    private static final double[] GAUSS_Q = {9, 9, 0.1, -0.6, 0.9, 0.2, -0.1, -0.5}; // off 2

    // ---------------------------------------------------------------- closed forms

    @Test
    void categoricalLogProbAndEntropyMatchClosedForms() {
        Categorical c = new Categorical(4);
        double[] l = LOGITS_P;
        double z = 0;
        for (int i = 2; i < 6; i++) z += Math.exp(l[i]);
        double h = 0;
        for (int a = 0; a < 4; a++) {
            double p = Math.exp(l[2 + a]) / z;
            assertEquals(Math.log(p), c.logProb(l, 2, new double[] {a}, 0), 1e-14);
            h -= p * Math.log(p);
        }
        assertEquals(h, c.entropy(l, 2), 1e-14);
        // Uniform logits: entropy log n, and shifting logits changes nothing (even huge ones).
        assertEquals(Math.log(4), c.entropy(new double[] {1000, 1000, 1000, 1000}, 0), 1e-14);
        double[] mode = new double[1];
        c.mode(l, 2, mode, 0);
        assertEquals(2.0, mode[0]);
    }

    @Test
    void categoricalKlMatchesDefinition() {
        Categorical c = new Categorical(4);
        double zp = 0, zq = 0;
        for (int i = 0; i < 4; i++) {
            zp += Math.exp(LOGITS_P[2 + i]);
            zq += Math.exp(LOGITS_Q[1 + i]);
        }
        double kl = 0;
        for (int i = 0; i < 4; i++) {
            double p = Math.exp(LOGITS_P[2 + i]) / zp, q = Math.exp(LOGITS_Q[1 + i]) / zq;
            kl += p * Math.log(p / q);
        }
        assertEquals(kl, c.kl(LOGITS_P, 2, LOGITS_Q, 1), 1e-14);
        assertEquals(0.0, c.kl(LOGITS_P, 2, LOGITS_P, 2), 1e-15);
    }

    @Test
    void gaussianLogProbMatchesCommonsMathAndEntropyClosedForm() {
        DiagGaussian g = new DiagGaussian(3);
        double[] a = {0.7, -2.0, 1.5};
        double expected = 0, entropy = 0;
        for (int i = 0; i < 3; i++) {
            double sd = Math.exp(GAUSS_P[4 + i]);
            expected += new NormalDistribution(GAUSS_P[1 + i], sd).logDensity(a[i]);
            entropy += 0.5 * Math.log(2 * Math.PI * Math.E * sd * sd);
        }
        assertEquals(expected, g.logProb(GAUSS_P, 1, a, 0), 1e-12);
        assertEquals(entropy, g.entropy(GAUSS_P, 1), 1e-13);
    }

    @Test
    void gaussianKlMatchesClosedFormOfUnivariateNormals() {
        DiagGaussian g = new DiagGaussian(3);
        double kl = 0;
        for (int i = 0; i < 3; i++) {
            double mp = GAUSS_P[1 + i], sp = Math.exp(GAUSS_P[4 + i]);
            double mq = GAUSS_Q[2 + i], sq = Math.exp(GAUSS_Q[5 + i]);
            kl += Math.log(sq / sp) + (sp * sp + (mp - mq) * (mp - mq)) / (2 * sq * sq) - 0.5;
        }
        assertEquals(kl, g.kl(GAUSS_P, 1, GAUSS_Q, 2), 1e-13);
        assertEquals(0.0, g.kl(GAUSS_P, 1, GAUSS_P, 1), 1e-15);
    }

    @Test
    void klMatchesMonteCarloWithinItsError() {
        checkKlByMonteCarlo(new Categorical(4), LOGITS_P, 2, LOGITS_Q, 1, 4);
        checkKlByMonteCarlo(new DiagGaussian(3), GAUSS_P, 1, GAUSS_Q, 2, 3);
    }

    private static void checkKlByMonteCarlo(Distribution d, double[] p, int pOff, double[] q, int qOff, int actDim) {
        Rng rng = new Rng(123);
        int n = 200_000;
        double[] a = new double[d.actionDim()];
        double sum = 0, sumSq = 0;
        for (int i = 0; i < n; i++) {
            d.sample(p, pOff, rng, a, 0);
            double r = d.logProb(p, pOff, a, 0) - d.logProb(q, qOff, a, 0);
            sum += r;
            sumSq += r * r;
        }
        double mean = sum / n;
        double se = Math.sqrt((sumSq / n - mean * mean) / n);
        assertEquals(d.kl(p, pOff, q, qOff), mean, 5 * se, d.getClass().getSimpleName());
    }

    // ---------------------------------------------------------------- sampling

    @Test
    void categoricalSamplingFrequenciesPassChiSquare() {
        Categorical c = new Categorical(4);
        double[] probs = new double[4];
        c.probabilities(LOGITS_P, 2, probs);
        Rng rng = new Rng(9);
        int n = 100_000;
        long[] counts = new long[4];
        for (int i = 0; i < n; i++) counts[c.sample(LOGITS_P, 2, rng)]++;
        double chi2 = 0;
        for (int i = 0; i < 4; i++) {
            double e = n * probs[i];
            chi2 += (counts[i] - e) * (counts[i] - e) / e;
        }
        // 3 degrees of freedom; fails by chance with probability 1e-4 (and the seed is fixed).
        double bound = new ChiSquaredDistribution(3).inverseCumulativeProbability(1 - 1e-4);
        assertTrue(chi2 < bound, "chi2 " + chi2 + " >= " + bound);
    }

    @Test
    void gaussianSamplesHaveTheRightMeanAndStd() {
        DiagGaussian g = new DiagGaussian(3);
        Rng rng = new Rng(4);
        int n = 100_000;
        double[] a = new double[3];
        double[] s = new double[3], s2 = new double[3];
        for (int i = 0; i < n; i++) {
            g.sample(GAUSS_P, 1, rng, a, 0);
            for (int j = 0; j < 3; j++) {
                s[j] += a[j];
                s2[j] += a[j] * a[j];
            }
        }
        for (int j = 0; j < 3; j++) {
            double sd = Math.exp(GAUSS_P[4 + j]);
            double mean = s[j] / n;
            double var = s2[j] / n - mean * mean;
            assertEquals(GAUSS_P[1 + j], mean, 5 * sd / Math.sqrt(n));
            // Var of the sample variance ≈ 2σ⁴/n for a normal.
            assertEquals(sd * sd, var, 5 * sd * sd * Math.sqrt(2.0 / n));
        }
    }

    // ---------------------------------------------------------------- gradients vs finite differences

    interface Scalar {
        double value(double[] p);
    }

    interface Grad {
        void add(double[] p, double scale, double[] g, int gOff);
    }

    /** Checks that grad adds scale·∇f at offset gOff = off + 1 (a shifted output) over the paramDim entries. */
    private static void checkGradient(String what, double[] params, int off, int dim, Scalar f, Grad grad) {
        double scale = 0.7;
        double[] g = new double[params.length + 1];
        g[off + 1] = 0; // positions before are untouched by contract
        grad.add(params, scale, g, off + 1);
        for (int i = 0; i < dim; i++) {
            double[] up = params.clone();
            double[] down = params.clone();
            up[off + i] += H;
            down[off + i] -= H;
            double fd = (f.value(up) - f.value(down)) / (2 * H);
            assertEquals(scale * fd, g[off + 1 + i], 1e-7, what + " [" + i + "]");
        }
    }

    @Test
    void everyGradientMatchesFiniteDifferences() {
        Categorical c = new Categorical(4);
        for (int a = 0; a < 4; a++) checkGradients("cat", c, LOGITS_P, 2, LOGITS_Q, 1, new double[] {a});
        checkGradients("gauss", new DiagGaussian(3), GAUSS_P, 1, GAUSS_Q, 2, new double[] {0.7, -2.0, 1.5});
    }

    /** The gradients of log π(act), the entropy and the KL in each argument, at p (offset pOff) and q (offset qOff). */
    private static void checkGradients(String name, Distribution dist, double[] p, int pOff, double[] q, int qOff, double[] act) {
        int dim = dist.paramDim();
        String what = name + " " + java.util.Arrays.toString(act);
        checkGradient(what + " dlogp", p, pOff, dim, x -> dist.logProb(x, pOff, act, 0),
                (x, s, g, o) -> dist.gradLogProb(x, pOff, act, 0, s, g, o));
        checkGradient(what + " dH", p, pOff, dim, x -> dist.entropy(x, pOff), (x, s, g, o) -> dist.gradEntropy(x, pOff, s, g, o));
        checkGradient(what + " dKL/dp", p, pOff, dim, x -> dist.kl(x, pOff, q, qOff),
                (x, s, g, o) -> dist.gradKlFirst(x, pOff, q, qOff, s, g, o));
        checkGradient(what + " dKL/dq", q, qOff, dim, x -> dist.kl(p, pOff, x, qOff),
                (x, s, g, o) -> dist.gradKlSecond(p, pOff, x, qOff, s, g, o));
    }

    // ---------------------------------------------------------------- Fisher-vector products

    @Test
    void categoricalFisherVectorProductEqualsExpectedOuterProductOfScores() {
        Categorical c = new Categorical(4);
        double[] probs = new double[4];
        c.probabilities(LOGITS_P, 2, probs);
        // F = Σ_a p_a ∇log p_a ∇log p_aᵀ, the scores taken from gradLogProb, enumerating all actions.
        double[][] f = new double[4][4];
        for (int a = 0; a < 4; a++) {
            double[] score = new double[4];
            c.gradLogProb(LOGITS_P, 2, new double[] {a}, 0, 1.0, score, 0);
            for (int i = 0; i < 4; i++) for (int j = 0; j < 4; j++) f[i][j] += probs[a] * score[i] * score[j];
        }
        double[] v = {9, 0.3, -1.0, 2.0, 0.5};
        double[] out = new double[5];
        out[0] = 1; // accumulates: the initial value must survive
        c.fisherVectorProduct(LOGITS_P, 2, v, 1, 2.0, out, 1);
        assertEquals(1.0, out[0]);
        for (int i = 0; i < 4; i++) {
            double expected = 0;
            for (int j = 0; j < 4; j++) expected += f[i][j] * v[1 + j];
            assertEquals(2.0 * expected, out[1 + i], 1e-13);
        }
    }

    @Test
    void gaussianFisherVectorProductMatchesClosedFormAndKlHessian() {
        DiagGaussian g = new DiagGaussian(3);
        double[] v = {0.3, -1.0, 2.0, 0.5, -0.7, 1.1};
        double[] out = new double[6];
        g.fisherVectorProduct(GAUSS_P, 1, v, 0, 1.0, out, 0);
        for (int i = 0; i < 3; i++) {
            double sd = Math.exp(GAUSS_P[4 + i]);
            assertEquals(v[i] / (sd * sd), out[i], 1e-13);
            assertEquals(2 * v[3 + i], out[3 + i], 1e-13);
        }
        // Independently: F v = d/dε ∇_q KL(p ‖ q) at q = p + εv (the KL's Hessian), by finite differences.
        double eps = 1e-6;
        double[] qUp = new double[7], qDown = new double[7];
        System.arraycopy(GAUSS_P, 0, qUp, 0, 7);
        System.arraycopy(GAUSS_P, 0, qDown, 0, 7);
        for (int i = 0; i < 6; i++) {
            qUp[1 + i] += eps * v[i];
            qDown[1 + i] -= eps * v[i];
        }
        double[] gUp = new double[6], gDown = new double[6];
        g.gradKlSecond(GAUSS_P, 1, qUp, 1, 1.0, gUp, 0);
        g.gradKlSecond(GAUSS_P, 1, qDown, 1, 1.0, gDown, 0);
        for (int i = 0; i < 6; i++) assertEquals((gUp[i] - gDown[i]) / (2 * eps), out[i], 1e-6);
    }
}
