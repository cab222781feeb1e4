package io.gauntlet.placement.learn;

import io.gauntlet.core.BadInputException;
import io.gauntlet.core.args.Arg;
import io.gauntlet.core.env.Discrete;
import io.gauntlet.core.env.Env;
import io.gauntlet.core.env.Step;
import io.gauntlet.core.experiment.Algorithm;
import io.gauntlet.core.experiment.AlgorithmSpec;
import io.gauntlet.core.experiment.Run;
import io.gauntlet.core.experiment.TrainedRun;
import io.gauntlet.core.nn.Adam;
import io.gauntlet.core.nn.Gradients;
import io.gauntlet.core.random.Rng;
import io.gauntlet.placement.env.PlacementEnv;
import io.gauntlet.placement.env.PlacementGraph;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code rl-seq2seq}: the learned placer of Mirhoseini et al. 2017 with grappler's hierarchical-controller settings.
 *
 * <pre>
 * for each update:
 *     sample K placements of the graph from the seq2seq policy π_θ ({@link Seq2SeqPolicy}), logit noise early on,
 *         each group's device from (1 − ε) π_θ + ε uniform
 *     play each through the placement task: reward R_k = −√(run time charged) ({@link FailureCharge}: the simulated
 *         time, for a placement that overflows + λ per GB over, for one that cannot run 100 s)
 *     A_k = R_k − b;  b ← 0.9 b + 0.1 mean(R)               (moving-average baseline)
 *     θ ← Adam(θ, clip_1.0(∇ −(1/K) Σ_k A_k log π_θ(placement_k)))
 *     λ ← max(λ₀, λ · exp(0.1 · (target − share of the K that fitted)))
 * </pre>
 *
 * The learning rate decays by 0.95 every 50 updates after the 400th (grappler's lr_dec, decay_steps,
 * start_decay_step); the logit noise stops after 750 updates (stop_noise_step); after 1,000 updates failed placements
 * are left out of the loss and the baseline (stop_updating_after_steps) while some placement of the batch fits (a
 * batch of failures still pushes back towards fitting). The device logits start at each device's share of the
 * machine's speed ({@link DevicePrior}). The graded charge, the prior and ε are departures from the paper against its
 * "CPU trap" (the module README says why). It runs on a placement task of one graph ({@code Placement-...}), which
 * counts and scores every placement, so progress.csv holds the mean and best step times; the best placement is kept
 * in the training state ({@link BestPlacement}).
 */
public record Seq2SeqPlacer(Args args) implements Algorithm {
    public record Args(
            @Arg(value = "64", doc = "LSTM units of the decoder (the encoder: half each way); grappler's default is 512", range = "[2, 4096]")
            int hiddenSize,
            @Arg(value = "32", doc = "placements sampled per update", range = "[1, 100000]") int samples,
            @Arg(value = "0.003", doc = "Adam learning rate (grappler: 0.1)", range = "(0, 10]") double learningRate,
            @Arg(value = "0.95", doc = "learning-rate decay factor every decay_updates updates", range = "(0, 1]") double learningRateDecay,
            @Arg(value = "50", doc = "updates between learning-rate decays", range = "[1, 1e9]") int decayUpdates,
            @Arg(value = "400", doc = "updates before the learning rate starts to decay", range = "[0, 1e9]") int decayStart,
            @Arg(value = "1.0", doc = "gradient-norm bound (grappler's grad_bound)", range = "(0, inf)") double gradientBound,
            @Arg(value = "0.9", doc = "decay of the moving-average baseline (grappler's bl_dec)", range = "[0, 1)") double baselineDecay,
            @Arg(value = "0.5", doc = "logit noise, times the logits' RMS (grappler's logits_std_noise)", range = "[0, 100]") double logitNoise,
            @Arg(value = "750", doc = "updates with logit noise (grappler's stop_noise_step)", range = "[0, 1e9]") int noiseUpdates,
            @Arg(value = "1.0", doc = "softmax temperature of the device logits", range = "(0, 1000]") double temperature,
            @Arg(value = "0", doc = "squash the logits to c·tanh(logits) (grappler: 1.0); 0 leaves them", range = "[0, 100]") double tanhConstant,
            @Arg(value = "1000", doc = "updates after which failed placements are left out of the loss and the baseline while"
                    + " some placement of the batch fits (grappler's stop_updating_after_steps)", range = "[0, 1e9]")
            int maskFailuresAfter,
            @Arg(value = "0", doc = "entropy bonus: weight of each group's entropy beside its advantage-weighted log-probability (not in the paper)", range = "[0, 100]")
            double entropyBonus,
            @Arg(value = "2", doc = FailureCharge.MEMORY_PENALTY_DOC, range = "[0, 100]") double memoryPenalty,
            @Arg(value = "0.5", doc = FailureCharge.FEASIBLE_TARGET_DOC, range = "[0, 1]") double feasibleTarget,
            @Arg(value = "1", doc = "exploration: groups per placement, in expectation, whose device is drawn uniformly instead of"
                    + " from the policy (its share ε of each group's distribution: ε = this / groups, at most 0.1)", range = "[0, 1e6]")
            double exploration,
            @Arg(value = "false", doc = "mask the devices a group would overflow, by the task's memory estimate (unless it overflows"
                    + " them all)") boolean maskOverflow,
            @Arg(value = "true", doc = "start each device's probability at its share of the machine's speed on the graph"
                    + " (false: uniform)") boolean devicePrior) {}

    /** The most of each group's distribution that exploration takes (on graphs of a few groups). */
    public static final double MAX_EXPLORATION = 0.1;

    /** The budget when none is named: about 40,000 placements of 100 groups. */
    public static final long DEFAULT_STEPS = 4_000_000;

    public static final AlgorithmSpec<Args> SPEC = new AlgorithmSpec<>("rl-seq2seq",
            "the paper's learned placer: seq2seq LSTM policy with attention, REINFORCE with a moving-average baseline"
                    + " (placement tasks of one graph)",
            Args.class, DEFAULT_STEPS, space -> space instanceof Discrete, Seq2SeqPlacer::new,
            task -> task instanceof PlacementEnv p && p.graphCount() == 1);

    @Override
    public void train(Run run) throws IOException {
        Env env = run.track(TrainedRun.ENV, run.makeEnv());
        PlacementEnv task = (PlacementEnv) env.unwrapped();
        if (task.graphCount() != 1) throw new BadInputException("rl-seq2seq learns the placement of one graph, not " + task.graphCount());
        Step step = Step.of(env);
        env.reset(step);
        PlacementGraph pg = task.current();
        int groups = pg.groups();
        double[][] input = Seq2SeqPolicy.inputs(pg);
        Seq2SeqPolicy policy = new Seq2SeqPolicy(input[0].length, args.hiddenSize(), pg.devices()).initialise(run.rng("init"));
        if (args.devicePrior()) policy.setDeviceLogits(DevicePrior.logits(pg), shape(0, groups));
        run.track("policy", policy.params()); // a resumed run's parameters replace the fresh ones here
        if (args.maskOverflow()) policy.maskOverflow(pg);
        Adam adam = run.track("adam", new Adam(policy.numParams(), args.learningRate()));
        MovingAverageBaseline baseline = run.track("baseline", new MovingAverageBaseline(args.baselineDecay()));
        BestPlacement best = run.track(BestPlacement.NAME, new BestPlacement(groups));
        FailureCharge charge = run.track("failure-charge", new FailureCharge(args.memoryPenalty(), args.feasibleTarget()));
        Rng rng = run.rng("policy");
        run.log("rl-seq2seq: " + groups + " groups on " + pg.devices() + " devices, " + input[0].length + " features per group, "
                + policy.numParams() + " parameters");

        int k = args.samples();
        int[][] placements = new int[k][groups];
        double[] rewards = new double[k], advantages = new double[k], weights = new double[k];
        boolean[] fits = new boolean[k];
        double[] action = new double[1];
        while (!run.budgetExhausted()) {
            int update = run.iteration();
            double noise = update < args.noiseUpdates() ? args.logitNoise() : 0;
            policy.forward(input, k, shape(noise, groups),
                    Seq2SeqPolicy.Choice.SAMPLE, rng, placements);
            int feasible = 0;
            for (int s = 0; s < k; s++) {
                env.reset(step);
                for (int g = 0; g < groups; g++) {
                    action[0] = placements[s][g];
                    env.step(action, step);
                }
                rewards[s] = charge.reward(step);
                fits[s] = step.diagnostics[1] != 0;
                best.offer(step.diagnostics[0], fits[s], placements[s]);
                if (fits[s]) feasible++;
            }
            run.addEnvSteps((long) k * groups);

            double baselineBefore = baseline.value();
            // once failures are masked, a batch of failures still counts whole: it pushes back towards fitting
            baseline.advantages(rewards, k, update < args.maskFailuresAfter() || feasible == 0 ? null : fits, advantages);
            for (int s = 0; s < k; s++) weights[s] = -advantages[s] / k;
            policy.zeroGradients();
            policy.backward(weights, -args.entropyBonus() / k);
            double norm = Gradients.clipGlobalNorm(args.gradientBound(), policy.gradients());
            double lr = learningRate(update);
            adam.setLearningRate(lr);
            adam.step(policy.params(), policy.gradients());

            Map<String, Double> d = new LinkedHashMap<>();
            d.put("Baseline", Double.isNaN(baselineBefore) ? baseline.value() : baselineBefore);
            d.put("FeasibleShare", (double) feasible / k);
            d.put("MemoryPenalty", charge.penalty());
            charge.adapt((double) feasible / k);
            d.put("Entropy", policy.entropy());
            d.put("GradientNorm", norm);
            d.put("LearningRate", lr);
            d.put("LogitNoise", noise);
            run.endIteration(d);
        }
    }

    private Seq2SeqPolicy.Logits shape(double noise, int groups) {
        return new Seq2SeqPolicy.Logits(args.temperature(), args.tanhConstant(), noise, Math.min(MAX_EXPLORATION, args.exploration() / groups));
    }

    /** Grappler's schedule: the initial rate until decay_start, then × decay every decay_updates updates. */
    double learningRate(int update) {
        if (update < args.decayStart()) return args.learningRate();
        return args.learningRate() * Math.pow(args.learningRateDecay(), (update - args.decayStart()) / args.decayUpdates());
    }
}
