package io.gauntlet.core.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gauntlet.core.random.Rng;
import io.gauntlet.core.testing.FiniteDifferences;
import org.junit.jupiter.api.Test;

/** The LSTM cell against its equations and its gradients against finite differences through time. */
class LstmCellTest {
    @Test
    void oneStepFollowsTheEquations() {
        double[] p = new double[LstmCell.countParams(1, 1)];
        // W = [wi wf wg wo], U = [ui uf ug uo], b = [bi bf bg bo]
        double[] values = {0.5, -0.3, 0.8, 0.2, 0.1, 0.4, -0.6, 0.7, 0.05, 1.0, -0.1, 0.3};
        System.arraycopy(values, 0, p, 0, values.length);
        LstmCell cell = new LstmCell(1, 1, p, new double[p.length], 0);
        cell.load();
        double x = 0.9, h0 = -0.4, c0 = 0.25;
        LstmCell.State prev = new LstmCell.State(1, 1);
        prev.h[0][0] = h0;
        prev.c[0][0] = c0;
        double[][] pre = new double[1][4];
        cell.project(new double[][] {{x}}, 1, pre);
        LstmCell.State next = new LstmCell.State(1, 1);
        cell.step(pre, prev, next, 1);
        double i = 1 / (1 + Math.exp(-(0.5 * x + 0.1 * h0 + 0.05)));
        double f = 1 / (1 + Math.exp(-(-0.3 * x + 0.4 * h0 + 1.0)));
        double g = Math.tanh(0.8 * x - 0.6 * h0 - 0.1);
        double o = 1 / (1 + Math.exp(-(0.2 * x + 0.7 * h0 + 0.3)));
        double c = f * c0 + i * g;
        assertEquals(c, next.c[0][0], 1e-14);
        assertEquals(o * Math.tanh(c), next.h[0][0], 1e-14);
    }

    /** A loss over every step's h and the last c of a 2-sequence batch, 4 steps; the gradient through time. */
    @Test
    void gradientsThroughTimeMatchFiniteDifferences() {
        int in = 3, hidden = 4, rows = 2, steps = 4;
        double[] params = new double[LstmCell.countParams(in, hidden)];
        double[] grads = new double[params.length];
        LstmCell cell = new LstmCell(in, hidden, params, grads, 0);
        cell.initialise(new Rng(1), 1.0);
        Rng rng = new Rng(2);
        double[][][] x = new double[steps][rows][];
        double[][][] weights = new double[steps][rows][];
        for (int t = 0; t < steps; t++) {
            for (int r = 0; r < rows; r++) {
                x[t][r] = FiniteDifferences.uniform(rng, in, -1, 1);
                weights[t][r] = FiniteDifferences.uniform(rng, hidden, -1, 1);
            }
        }
        double[][] lastC = {FiniteDifferences.uniform(rng, hidden, -1, 1), FiniteDifferences.uniform(rng, hidden, -1, 1)};
        LstmCell.State[] states = new LstmCell.State[steps];
        double[][][] pre = new double[steps][rows][4 * hidden];
        java.util.function.DoubleSupplier loss = () -> {
            cell.load();
            double sum = 0;
            for (int t = 0; t < steps; t++) {
                states[t] = new LstmCell.State(rows, hidden);
                cell.project(x[t], rows, pre[t]);
                cell.step(pre[t], t == 0 ? null : states[t - 1], states[t], rows);
                for (int r = 0; r < rows; r++) for (int j = 0; j < hidden; j++) sum += weights[t][r][j] * states[t].h[r][j];
            }
            for (int r = 0; r < rows; r++) for (int j = 0; j < hidden; j++) sum += lastC[r][j] * states[steps - 1].c[r][j];
            return sum;
        };
        loss.getAsDouble();
        double[][] dh = new double[rows][hidden], dc = new double[rows][hidden], dPre = new double[rows][4 * hidden];
        double[][] dhPrev = new double[rows][hidden], dx = new double[rows][in];
        double[][][] dxs = new double[steps][rows][in];
        for (int r = 0; r < rows; r++) dc[r] = lastC[r].clone();
        for (int t = steps - 1; t >= 0; t--) {
            for (int r = 0; r < rows; r++) for (int j = 0; j < hidden; j++) dh[r][j] += weights[t][r][j];
            cell.stepBackward(t == 0 ? null : states[t - 1], states[t], dh, dc, dPre, dhPrev, rows);
            cell.projectBackward(x[t], dPre, rows, dx);
            for (int r = 0; r < rows; r++) {
                dh[r] = dhPrev[r].clone();
                dxs[t][r] = dx[r].clone();
            }
        }
        cell.storeGradients();
        FiniteDifferences.assertGradient("dLoss/dθ", params, grads, loss, 1e-8, 1e-6);
        for (int t = 0; t < steps; t++) {
            for (int r = 0; r < rows; r++) {
                FiniteDifferences.assertGradient("dLoss/dx " + t + "," + r, x[t][r], dxs[t][r], loss, 1e-8, 1e-6);
            }
        }
    }
}
