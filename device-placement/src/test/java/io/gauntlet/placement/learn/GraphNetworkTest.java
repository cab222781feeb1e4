package io.gauntlet.placement.learn;

import io.gauntlet.core.distributions.Categorical;
import io.gauntlet.core.nn.Init;
import io.gauntlet.core.nn.Mlp;
import io.gauntlet.core.random.Rng;
import io.gauntlet.core.testing.FiniteDifferences;
import io.gauntlet.placement.env.Fixtures;
import io.gauntlet.placement.env.PlacementGraph;
import io.gauntlet.placement.graph.GraphBuilder;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** Message passing against its equations and finite differences, alone and under a policy head. */
class GraphNetworkTest {
    /** a → b, a → c, b → d, c → d, plus an isolated e: parents and children of every kind. */
    static PlacementGraph diamond() {
        GraphBuilder b = new GraphBuilder("diamond");
        b.add(Fixtures.op("a", 1, 1_000_000, 1000));
        b.add(Fixtures.op("b", 2, 2_000_000, 0), "a");
        b.add(Fixtures.op("c", 3, 500_000, 2000), "a");
        b.add(Fixtures.op("d", 1, 8, 0), "b", "c");
        b.add(Fixtures.op("e", 4, 8, 0));
        return Fixtures.ungrouped(b.build(), 3, 1L << 30);
    }

    @Test
    void oneRoundFollowsTheEquations() {
        PlacementGraph pg = diamond();
        double[][] x = GraphNetwork.inputs(pg);
        int f = x[0].length, h = 2;
        double[] p = new double[GraphNetwork.countParams(f, h, 1)];
        GraphNetwork net = new GraphNetwork(f, h, 1, p, new double[p.length], 0);
        net.initialise(new Rng(1));
        // by hand: h0 = relu(xW + b), then d's round: relu(h0_d S + mean(h0_b, h0_c) P + 0 C + b1)
        double[][] h0 = new double[5][h];
        for (int g = 0; g < 5; g++) {
            for (int j = 0; j < h; j++) {
                double s = p[f * h + j];
                for (int k = 0; k < f; k++) s += x[g][k] * p[k * h + j];
                h0[g][j] = Math.max(0, s);
            }
        }
        int round = f * h + h;
        double[][] out = net.forward(pg, x);
        for (int j = 0; j < h; j++) {
            double s = p[round + 3 * h * h + j];
            for (int k = 0; k < h; k++) {
                s += h0[3][k] * p[round + k * h + j];
                s += 0.5 * (h0[1][k] + h0[2][k]) * p[round + h * h + k * h + j];
            }
            assertEquals(Math.max(0, s), out[3][j], 1e-14);
        }
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        PlacementGraph pg = diamond();
        double[][] x = GraphNetwork.inputs(pg);
        int f = x[0].length, h = 4, rounds = 2;
        double[] p = new double[GraphNetwork.countParams(f, h, rounds)];
        double[] grads = new double[p.length];
        GraphNetwork net = new GraphNetwork(f, h, rounds, p, grads, 0);
        net.initialise(new Rng(2));
        for (int i = 0; i < p.length; i++) p[i] += 0.05; // biases off zero, so every ReLU is decided away from its kink
        Rng rng = new Rng(3);
        double[][] w = new double[5][];
        for (int g = 0; g < 5; g++) w[g] = FiniteDifferences.uniform(rng, h, -1, 1);
        java.util.function.DoubleSupplier loss = () -> {
            double[][] e = net.forward(pg, x);
            double s = 0;
            for (int g = 0; g < 5; g++) for (int j = 0; j < h; j++) s += w[g][j] * e[g][j];
            return s;
        };
        loss.getAsDouble();
        net.backward(w);
        FiniteDifferences.assertGradient("dLoss/dθ", p, grads.clone(), loss, 1e-7, 1e-6);
    }

    /** log π(a | [embedding ; observation]) through a policy head and the message passing, as rl-gnn's update wires them. */
    @Test
    void gradientsThroughAPolicyHeadMatchFiniteDifferences() {
        PlacementGraph pg = diamond();
        double[][] x = GraphNetwork.inputs(pg);
        int f = x[0].length, h = 3, obs = 2, devices = 3;
        int gnnParams = GraphNetwork.countParams(f, h, 2);
        int[] sizes = {h + obs, 5, devices};
        double[] p = new double[gnnParams + Mlp.countParams(sizes)];
        double[] grads = new double[p.length];
        GraphNetwork net = new GraphNetwork(f, h, 2, p, grads, 0);
        net.initialise(new Rng(4));
        for (int i = 0; i < gnnParams; i++) p[i] += 0.05;
        Mlp head = new Mlp(sizes, Mlp.Activation.TANH, p, grads, gnnParams);
        Init.orthogonal(head, new Rng(5), Math.sqrt(2), 1);
        Categorical cat = new Categorical(devices);
        int[] groups = {0, 3, 3, 4};
        double[] actions = {2, 0, 1, 1};
        double[] weights = {0.5, -1, 0.25, 2};
        Rng rng = new Rng(6);
        double[] observations = FiniteDifferences.uniform(rng, groups.length * obs, -1, 1);
        int width = h + obs;
        double[] rows = new double[groups.length * width];
        java.util.function.DoubleSupplier loss = () -> {
            double[][] e = net.forward(pg, x);
            for (int r = 0; r < groups.length; r++) {
                System.arraycopy(e[groups[r]], 0, rows, r * width, h);
                System.arraycopy(observations, r * obs, rows, r * width + h, obs);
            }
            double[] logits = head.forwardBatch(rows, groups.length);
            double s = 0;
            for (int r = 0; r < groups.length; r++) s += weights[r] * cat.logProb(logits, r * devices, actions, r);
            return s;
        };
        loss.getAsDouble();
        double[] logits = head.forwardBatch(rows, groups.length).clone();
        double[] dOut = new double[groups.length * devices];
        for (int r = 0; r < groups.length; r++) cat.gradLogProb(logits, r * devices, actions, r, weights[r], dOut, r * devices);
        double[] dIn = new double[groups.length * width];
        head.backwardBatch(dOut, groups.length, dIn);
        double[][] dEmb = new double[5][h];
        for (int r = 0; r < groups.length; r++) for (int j = 0; j < h; j++) dEmb[groups[r]][j] += dIn[r * width + j];
        net.forward(pg, x);
        net.backward(dEmb);
        FiniteDifferences.assertGradient("dLoss/dθ", p, grads.clone(), loss, 1e-7, 1e-6);
    }
}
