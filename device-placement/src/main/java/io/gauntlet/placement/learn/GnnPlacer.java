package io.gauntlet.placement.learn;

import io.gauntlet.core.BadInputException;
import io.gauntlet.core.Stateful;
import io.gauntlet.core.args.Arg;
import io.gauntlet.core.distributions.Categorical;
import io.gauntlet.core.env.Discrete;
import io.gauntlet.core.env.Env;
import io.gauntlet.core.env.Step;
import io.gauntlet.core.experiment.Algorithm;
import io.gauntlet.core.experiment.AlgorithmSpec;
import io.gauntlet.core.experiment.Run;
import io.gauntlet.core.experiment.TrainedRun;
import io.gauntlet.core.nn.Adam;
import io.gauntlet.core.nn.Gradients;
import io.gauntlet.core.nn.Init;
import io.gauntlet.core.nn.Mlp;
import io.gauntlet.core.random.Rng;
import io.gauntlet.placement.env.PlacementEnv;
import io.gauntlet.placement.env.PlacementGraph;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code rl-gnn}: a graph-network placer trained with PPO, as the field moved to after the seq2seq placer (Placeto,
 * GDP): a group's embedding comes from message passing over the group graph ({@link GraphNetwork}), the same weights
 * for any graph; the policy places one group per step of the placement task from that embedding and the task's
 * observation (the group's features and the placement so far), so a policy trained on some graphs places others.
 *
 * <pre>
 * for each update:
 *     play E episodes of the task (its graphs in turn): device ~ π_θ(· | [embedding_g ; observation])
 *     every step of an episode returns the episode's reward R = −√(run time charged)  (γ = 1, one reward at the end;
 *         {@link FailureCharge}: a placement that overflows is charged its simulated time + λ per GB over)
 *     A = R − V(s), standardised per minibatch
 *     for each of K epochs, for each minibatch:  PPO's clipped surrogate − c_H · entropy + c_V · ½ (V − R)²,
 *         back through the heads into the embeddings and through the message passing; clip the norm; Adam
 *     λ ← max(λ₀, λ · exp(0.1 · (target − share of the E that fitted)))
 * </pre>
 *
 * PPO's settings are CleanRL's where they apply; {@code mask_failures} leaves failed placements out of the policy loss
 * while some placement of the batch fits, as {@link Seq2SeqPlacer} does after its first 1,000 updates. A fresh
 * policy's output bias starts at the devices' shares of the machine's speed ({@link DevicePrior}, the mean over the
 * task's graphs); {@code init_from} starts from another rl-gnn run's policy instead (fine-tuning a pre-trained placer). Each iteration also reports {@code GreedyStepTime}: the step time of the
 * policy's most likely placement of each graph (their mean) at the start of the iteration, on a copy of the task
 * that is not counted. On a task of one graph the best placement is kept ({@link BestPlacement}).
 */
public record GnnPlacer(Args args) implements Algorithm {
    public record Args(
            @Arg(value = "32", doc = "units of the group embeddings", range = "[1, 4096]") int embeddingSize,
            @Arg(value = "3", doc = "rounds of message passing", range = "[0, 64]") int rounds,
            @Arg(value = "64", doc = "hidden layer sizes of the policy and value heads", range = "[1, 65536]") int[] hiddenSizes,
            @Arg(value = "16", doc = "episodes (placements) per update", range = "[1, 100000]") int episodes,
            @Arg(value = "0.001", doc = "Adam learning rate", range = "(0, 10]") double learningRate,
            @Arg(value = "4", doc = "epochs over each batch", range = "[1, 1000]") int epochs,
            @Arg(value = "4", doc = "minibatches per epoch", range = "[1, 100000]") int minibatches,
            @Arg(value = "0.2", doc = "PPO's clipping of the probability ratio", range = "(0, 10]") double clip,
            @Arg(value = "0.01", doc = "weight of the entropy bonus", range = "[0, 100]") double entropyCoefficient,
            @Arg(value = "0.5", doc = "weight of the value loss", range = "[0, 100]") double valueCoefficient,
            @Arg(value = "0.5", doc = "gradient-norm bound", range = "(0, inf)") double maxGradNorm,
            @Arg(value = "false", doc = "leave failed placements out of the policy loss while some placement of the batch fits"
                    + " (as rl-seq2seq does)") boolean maskFailures,
            @Arg(value = "2", doc = FailureCharge.MEMORY_PENALTY_DOC, range = "[0, 100]") double memoryPenalty,
            @Arg(value = "0.5", doc = FailureCharge.FEASIBLE_TARGET_DOC, range = "[0, 1]") double feasibleTarget,
            @Arg(value = "false", doc = "mask the devices a group would overflow, by the task's memory estimate (unless it overflows"
                    + " them all)") boolean maskOverflow,
            @Arg(value = "true", doc = "start each device's probability at its share of the machine's speed on the task's graphs"
                    + " (false: uniform; a policy from init_from keeps its own)") boolean devicePrior,
            @Arg(value = "", doc = "an rl-gnn run directory whose policy to start from (fine-tuning); empty: a fresh one")
            String initFrom) {}

    /** The budget when none is named: about 20,000 placements of 100 groups. */
    public static final long DEFAULT_STEPS = 2_000_000;

    public static final AlgorithmSpec<Args> SPEC = new AlgorithmSpec<>("rl-gnn",
            "a graph-network placer (message passing over the groups, Placeto/GDP style) trained with PPO; transfers"
                    + " across graphs (placement tasks)",
            Args.class, DEFAULT_STEPS, space -> space instanceof Discrete, GnnPlacer::new,
            task -> task instanceof PlacementEnv);

    /** The policy's parameters: the graph network, then the policy head, then the value head. */
    static final class Network {
        final double[] params;
        final double[] grads;
        final GraphNetwork gnn;
        final Mlp actor;
        final Mlp critic;

        Network(Args a, int devices) {
            int features = GraphNetwork.featureCount(devices);
            int input = a.embeddingSize() + PlacementEnv.observationSize(devices);
            int[] actorSizes = Mlp.sizes(input, a.hiddenSizes(), devices);
            int[] criticSizes = Mlp.sizes(input, a.hiddenSizes(), 1);
            int n = GraphNetwork.countParams(features, a.embeddingSize(), a.rounds()) + Mlp.countParams(actorSizes) + Mlp.countParams(criticSizes);
            params = new double[n];
            grads = new double[n];
            gnn = new GraphNetwork(features, a.embeddingSize(), a.rounds(), params, grads, 0);
            actor = new Mlp(actorSizes, Mlp.Activation.TANH, params, grads, gnn.numParams());
            critic = new Mlp(criticSizes, Mlp.Activation.TANH, params, grads, gnn.numParams() + actor.numParams());
        }

        /** The parameters as a part of the training state. */
        Stateful state() {
            return Stateful.of(params);
        }

        /** He-uniform message passing; CleanRL's orthogonal heads (gain √2, policy output 0.01, value output 1). */
        Network initialise(Rng rng) {
            gnn.initialise(rng);
            Init.orthogonal(actor, rng, Math.sqrt(2), 0.01);
            Init.orthogonal(critic, rng, Math.sqrt(2), 1);
            return this;
        }

    }

    @Override
    public void train(Run run) throws IOException {
        Env env = run.track(TrainedRun.ENV, run.makeEnv());
        PlacementEnv task = (PlacementEnv) env.unwrapped();
        int graphs = task.graphCount();
        int devices = ((Discrete) env.actionSpace()).n();
        Network net = new Network(args, devices).initialise(run.rng("init"));
        if (args.devicePrior()) {
            PlacementGraph[] all = new PlacementGraph[graphs];
            for (int k = 0; k < graphs; k++) all[k] = task.graph(k);
            System.arraycopy(DevicePrior.logits(all), 0, net.params, net.actor.biasOffset(net.actor.numLayers() - 1), devices);
        }
        if (!args.initFrom().isEmpty() && !run.resumed()) startFrom(net, Path.of(args.initFrom()));
        run.track("policy", net.state());
        Adam adam = run.track("adam", new Adam(net.params.length, args.learningRate()));
        BestPlacement best = graphs == 1 ? run.track(BestPlacement.NAME, new BestPlacement(task.graph(0).groups())) : null;
        Rng rng = run.rng("policy");
        Rng shuffle = run.rng("minibatches");
        FailureCharge charge = run.track("failure-charge", new FailureCharge(args.memoryPenalty(), args.feasibleTarget()));
        PlacementEnv probe = (PlacementEnv) run.env().make().unwrapped();
        run.log("rl-gnn: " + graphs + " graph(s) on " + devices + " devices, " + net.params.length + " parameters"
                + (args.initFrom().isEmpty() ? "" : ", starting from " + args.initFrom()));

        double[][][] inputs = new double[graphs][][];
        for (int k = 0; k < graphs; k++) inputs[k] = GraphNetwork.inputs(task.graph(k));
        Rollout batch = new Rollout(args.embeddingSize() + PlacementEnv.observationSize(devices));
        Categorical categorical = new Categorical(devices);
        Step step = Step.of(env);
        double[] logits = new double[devices];
        double[] action = new double[1];
        while (!run.budgetExhausted()) {
            double greedy = greedyStepTime(net, probe, inputs, categorical, args.maskOverflow());
            double[][][] embeddings = new double[graphs][][];
            for (int k = 0; k < graphs; k++) embeddings[k] = copy(net.gnn.forward(task.graph(k), inputs[k]));

            // 1. Episodes with the current policy.
            batch.clear();
            int fitted = 0;
            for (int e = 0; e < args.episodes(); e++) {
                env.reset(step);
                int k = task.currentIndex();
                int start = batch.size;
                for (int t = 0; !step.done(); t++) {
                    double[] row = batch.add(k, t, embeddings[k][t], step.observation);
                    double[] out = net.actor.forward(row);
                    System.arraycopy(out, 0, logits, 0, devices);
                    if (args.maskOverflow()) maskOverflow(logits, 0, row, args.embeddingSize(), devices);
                    int a = categorical.sample(logits, 0, rng);
                    action[0] = a;
                    batch.setAction(a, categorical.logProb(logits, 0, action, 0), net.critic.forward(row)[0]);
                    env.step(action, step);
                }
                batch.endEpisode(start, charge.reward(step), step.diagnostics[1] != 0);
                if (step.diagnostics[1] != 0) fitted++;
                if (best != null) best.offer(step.diagnostics[0], step.diagnostics[1] != 0, task.placement());
            }
            run.addEnvSteps(batch.size);

            // 2. PPO epochs over minibatches.
            Map<String, Double> d = update(net, adam, task, inputs, batch, categorical, shuffle);
            Map<String, Double> diagnostics = new LinkedHashMap<>();
            diagnostics.put("GreedyStepTime", greedy);
            diagnostics.put("MemoryPenalty", charge.penalty());
            charge.adapt((double) fitted / args.episodes());
            diagnostics.putAll(d);
            run.endIteration(diagnostics);
        }
    }

    /**
     * {@link OverflowMask} on the logits at {@code logits[off ..]}, from the placement task's observation at
     * {@code row[obsAt ..]} (its per-device memory if the group joined, over the device's usable memory).
     */
    static void maskOverflow(double[] logits, int off, double[] row, int obsAt, int devices) {
        OverflowMask.apply(logits, off, devices, row, obsAt + PlacementEnv.deviceOffset(0) + PlacementEnv.MEMORY, PlacementEnv.PER_DEVICE);
    }

    private static void startFrom(Network net, Path dir) {
        TrainedRun pretrained = TrainedRun.load(dir);
        if (!pretrained.algorithm().id().equals(SPEC.id())) {
            throw new BadInputException("init_from: " + dir + " is a run of " + pretrained.algorithm().id() + ", not rl-gnn");
        }
        try {
            net.state().restore(pretrained.state().get("policy"));
        } catch (IllegalArgumentException e) {
            throw new BadInputException("init_from: the policy in " + dir + " has other sizes (" + e.getMessage() + ")");
        }
    }

    /** The mean over the task's graphs of the charged step time of the policy's most likely placement. */
    static double greedyStepTime(Network net, PlacementEnv probe, double[][][] inputs, Categorical categorical, boolean mask) {
        Step s = Step.of(probe);
        double sum = 0;
        double[] action = new double[1];
        int devices = categorical.n();
        for (int k = 0; k < inputs.length; k++) {
            probe.reset(s);
            double[][] emb = net.gnn.forward(probe.current(), inputs[probe.currentIndex()]);
            double[] row = new double[net.actor.inputDim()];
            for (int t = 0; !s.done(); t++) {
                System.arraycopy(emb[t], 0, row, 0, emb[t].length);
                System.arraycopy(s.observation, 0, row, emb[t].length, s.observation.length);
                double[] logits = net.actor.forward(row);
                if (mask) maskOverflow(logits, 0, row, emb[t].length, devices);
                categorical.mode(logits, 0, action, 0);
                if (action[0] < 0 || action[0] >= devices) throw new IllegalStateException();
                probe.step(action, s);
            }
            sum += s.diagnostics[0];
        }
        return sum / inputs.length;
    }

    private Map<String, Double> update(Network net, Adam adam, PlacementEnv task, double[][][] inputs, Rollout batch,
            Categorical categorical, Rng shuffle) {
        int n = batch.size;
        int width = batch.width;
        int emb = args.embeddingSize();
        int devices = categorical.n();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        int mb = Math.max(1, n / args.minibatches());
        boolean mask = args.maskFailures() && batch.anyFits;
        double policyLoss = 0, valueLoss = 0, entropy = 0, kl = 0, clipped = 0, norm = 0;
        int counted = 0, steps = 0;
        double[] rows = new double[0], dOut = new double[0], dValue = new double[0], dIn = new double[0];
        for (int epoch = 0; epoch < args.epochs(); epoch++) {
            for (int i = n - 1; i > 0; i--) { // Fisher-Yates
                int j = shuffle.nextInt(i + 1);
                int tmp = order[i]; order[i] = order[j]; order[j] = tmp;
            }
            for (int from = 0; from < n; from += mb) {
                int to = Math.min(n, from + mb);
                int m = to - from;
                double mean = 0, sq = 0;
                int used = 0;
                for (int q = from; q < to; q++) {
                    if (mask && !batch.fits[order[q]]) continue;
                    mean += batch.advantage(order[q]);
                    used++;
                }
                mean /= Math.max(1, used);
                for (int q = from; q < to; q++) {
                    if (mask && !batch.fits[order[q]]) continue;
                    sq += (batch.advantage(order[q]) - mean) * (batch.advantage(order[q]) - mean);
                }
                double std = Math.sqrt(sq / Math.max(1, used - 1)) + 1e-8;
                Arrays.fill(net.grads, 0);
                // one graph at a time: its embeddings from the current weights, its rows through the heads
                for (int k = 0; k < inputs.length; k++) {
                    int c = 0;
                    for (int q = from; q < to; q++) if (batch.graph[order[q]] == k) c++;
                    if (c == 0) continue;
                    PlacementGraph pg = task.graph(k);
                    double[][] e = net.gnn.forward(pg, inputs[k]);
                    if (rows.length < c * width) {
                        rows = new double[c * width];
                        dOut = new double[c * devices];
                        dValue = new double[c];
                        dIn = new double[c * width];
                    }
                    int[] idx = new int[c];
                    for (int q = from, r = 0; q < to; q++) {
                        int i = order[q];
                        if (batch.graph[i] != k) continue;
                        idx[r] = i;
                        System.arraycopy(batch.rows, i * width, rows, r * width, width);
                        System.arraycopy(e[batch.group[i]], 0, rows, r * width, emb);
                        r++;
                    }
                    double[] lo = net.actor.forwardBatch(rows, c);
                    if (args.maskOverflow()) for (int r = 0; r < c; r++) maskOverflow(lo, r * devices, rows, r * width + emb, devices);
                    Arrays.fill(dOut, 0, c * devices, 0);
                    for (int r = 0; r < c; r++) {
                        int i = idx[r];
                        double adv = (batch.advantage(i) - mean) / std;
                        double logp = categorical.logProb(lo, r * devices, batch.actions, i);
                        double ratio = Math.exp(logp - batch.logProb[i]);
                        double lower = 1 - args.clip(), upper = 1 + args.clip();
                        double unclipped = -adv * ratio, clippedLoss = -adv * Math.min(upper, Math.max(lower, ratio));
                        policyLoss += Math.max(unclipped, clippedLoss);
                        boolean active = (unclipped >= clippedLoss || (ratio > lower && ratio < upper)) && (!mask || batch.fits[i]);
                        if (active) categorical.gradLogProb(lo, r * devices, batch.actions, i, -adv * ratio / m, dOut, r * devices);
                        categorical.gradEntropy(lo, r * devices, -args.entropyCoefficient() / m, dOut, r * devices);
                        entropy += categorical.entropy(lo, r * devices);
                        kl += (ratio - 1) - (logp - batch.logProb[i]);
                        clipped += Math.abs(ratio - 1) > args.clip() ? 1 : 0;
                        counted++;
                    }
                    net.actor.backwardBatch(dOut, c, dIn);
                    double[][] dEmb = new double[pg.groups()][emb];
                    addEmbeddingGradients(dEmb, batch, idx, c, dIn, width);
                    double[] v = net.critic.forwardBatch(rows, c);
                    for (int r = 0; r < c; r++) {
                        double diff = v[r] - batch.returns[idx[r]];
                        valueLoss += 0.5 * diff * diff;
                        dValue[r] = args.valueCoefficient() * diff / m;
                    }
                    net.critic.backwardBatch(dValue, c, dIn);
                    addEmbeddingGradients(dEmb, batch, idx, c, dIn, width);
                    net.gnn.backward(dEmb);
                }
                norm += Gradients.clipGlobalNorm(args.maxGradNorm(), net.grads);
                adam.step(net.params, net.grads);
                steps++;
            }
        }
        Map<String, Double> d = new LinkedHashMap<>();
        d.put("PolicyLoss", policyLoss / counted);
        d.put("ValueLoss", valueLoss / counted);
        d.put("Entropy", entropy / counted);
        d.put("ApproxKL", kl / counted);
        d.put("ClipFrac", clipped / counted);
        d.put("GradientNorm", norm / steps);
        return d;
    }

    /** dLoss/d(embedding of each row's group) += the embedding part of dLoss/d(input row). */
    private static void addEmbeddingGradients(double[][] dEmb, Rollout batch, int[] idx, int c, double[] dIn, int width) {
        for (int r = 0; r < c; r++) {
            double[] d = dEmb[batch.group[idx[r]]];
            for (int j = 0; j < d.length; j++) d[j] += dIn[r * width + j];
        }
    }

    private static double[][] copy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) c[i] = a[i].clone();
        return c;
    }

    /** The steps of an update's episodes: policy input rows, graph and group, action, log-probability, value, return. */
    static final class Rollout {
        final int width;
        int size;
        double[] rows = new double[0];
        int[] graph = new int[0];
        int[] group = new int[0];
        double[] actions = new double[0];
        double[] logProb = new double[0];
        double[] value = new double[0];
        double[] returns = new double[0];
        boolean[] fits = new boolean[0];
        boolean anyFits;

        Rollout(int width) {
            this.width = width;
        }

        void clear() {
            size = 0;
            anyFits = false;
        }

        /** Appends a step's input row, [embedding ; observation]; returns a view of it (a reused buffer). */
        double[] add(int k, int t, double[] embedding, double[] observation) {
            if (size == graph.length) {
                int cap = Math.max(1024, 2 * size);
                rows = Arrays.copyOf(rows, cap * width);
                graph = Arrays.copyOf(graph, cap);
                group = Arrays.copyOf(group, cap);
                actions = Arrays.copyOf(actions, cap);
                logProb = Arrays.copyOf(logProb, cap);
                value = Arrays.copyOf(value, cap);
                returns = Arrays.copyOf(returns, cap);
                fits = Arrays.copyOf(fits, cap);
            }
            graph[size] = k;
            group[size] = t;
            System.arraycopy(embedding, 0, rows, size * width, embedding.length);
            System.arraycopy(observation, 0, rows, size * width + embedding.length, observation.length);
            if (row.length != width) row = new double[width];
            System.arraycopy(rows, size * width, row, 0, width);
            return row;
        }

        private double[] row = new double[0];

        void setAction(int a, double logp, double v) {
            actions[size] = a;
            logProb[size] = logp;
            value[size] = v;
            size++;
        }

        /** Every step of the episode that started at {@code start} returns its final reward (γ = 1). */
        void endEpisode(int start, double reward, boolean fitted) {
            for (int i = start; i < size; i++) {
                returns[i] = reward;
                fits[i] = fitted;
            }
            anyFits |= fitted;
        }

        double advantage(int i) {
            return returns[i] - value[i];
        }
    }
}
