package io.gauntlet.algorithms;

import io.gauntlet.core.experiment.Run;
import io.gauntlet.core.nn.Adam;
import io.gauntlet.core.nn.Init;
import io.gauntlet.core.nn.Mlp;
import io.gauntlet.core.random.Rng;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The twin critics of TD3 and SAC (clipped double-Q learning, Fujimoto et al. 2018), as CleanRL's scripts keep them:
 * two {@link QNetwork}s on [s, a] (ReLU, PyTorch's default initialisation), a target copy of each, and an Adam each
 * (CleanRL's one Adam over both critics is, coordinate by coordinate, one Adam per critic).
 */
final class TwinCritics {
    final QNetwork qf1, qf2, qf1Target, qf2Target;
    final Adam qf1Adam, qf2Adam;
    private final double[] dQ;
    /** Since the last progress row: the critic steps, their losses and their minibatches' mean Q1, summed. */
    private int steps;
    private double lossSum;
    private final double[] q1Sum = new double[1];

    /** Critics initialised from {@code init} (qf1, then qf2), targets copied from them; minibatches of {@code batch}. */
    TwinCritics(int obsDim, int actDim, int[] hidden, double learningRate, int batch, Rng init) {
        qf1 = new QNetwork(obsDim, actDim, hidden, Mlp.Activation.RELU);
        qf2 = new QNetwork(obsDim, actDim, hidden, Mlp.Activation.RELU);
        Init.pytorchDefault(qf1.mlp, init);
        Init.pytorchDefault(qf2.mlp, init);
        qf1Target = qf1.copy();
        qf2Target = qf2.copy();
        qf1Adam = new Adam(qf1.params().length, learningRate);
        qf2Adam = new Adam(qf2.params().length, learningRate);
        dQ = new double[batch];
    }

    /** Registers every part with the run (restored there on a resume). */
    void track(Run run) {
        run.track("qf1", qf1);
        run.track("qf2", qf2);
        run.track("qf1Target", qf1Target);
        run.track("qf2Target", qf2Target);
        run.track("qf1Adam", qf1Adam);
        run.track("qf2Adam", qf2Adam);
    }

    /** The four networks (for sharing their products with a second thread). */
    List<Mlp> networks() {
        return List.of(qf1.mlp, qf2.mlp, qf1Target.mlp, qf2Target.mlp);
    }

    /** Critics: minimise mean (Q1(s, a) − y)² + mean (Q2(s, a) − y)², one Adam step each, counted for the progress row. */
    void step(Minibatch mb, double[] y) {
        lossSum += step(qf1, qf1Adam, mb, y, q1Sum) + step(qf2, qf2Adam, mb, y, null);
        steps++;
    }

    /**
     * A progress row's losses since the last one, NaN where nothing ran: QLoss (the critics'), ActorLoss (the mean of
     * {@code actorLossSum} over {@code actorSteps}) and AverageQ1 (Q1 on the minibatches); the critics' sums restart.
     */
    Map<String, Double> lossRow(double actorLossSum, int actorSteps) {
        Map<String, Double> diag = new LinkedHashMap<>();
        diag.put("QLoss", steps == 0 ? Double.NaN : lossSum / steps);
        diag.put("ActorLoss", actorSteps == 0 ? Double.NaN : actorLossSum / actorSteps);
        diag.put("AverageQ1", steps == 0 ? Double.NaN : q1Sum[0] / steps);
        lossSum = q1Sum[0] = 0;
        steps = 0;
        return diag;
    }

    /** θ'_i ← τ θ_i + (1 − τ) θ'_i for both critics. */
    void softUpdateTargets(double tau) {
        QNetwork.softUpdate(qf1Target.params(), qf1.params(), tau);
        QNetwork.softUpdate(qf2Target.params(), qf2.params(), tau);
    }

    /** One Adam step of a critic on mean (Q(s, a) − y)²; returns the loss and adds mean Q(s, a) into {@code meanQ[0]} if given. */
    private double step(QNetwork qf, Adam adam, Minibatch mb, double[] y, double[] meanQ) {
        int n = mb.size;
        qf.zeroGradients();
        double[] q = qf.values(mb.obs, mb.actions, n);
        double loss = 0, sum = 0;
        for (int b = 0; b < n; b++) {
            double err = q[b] - y[b];
            loss += err * err / n;
            dQ[b] = 2 * err / n;
            sum += q[b];
        }
        if (meanQ != null) meanQ[0] += sum / n;
        qf.backward(dQ, n);
        adam.step(qf.params(), qf.gradients());
        return loss;
    }
}
