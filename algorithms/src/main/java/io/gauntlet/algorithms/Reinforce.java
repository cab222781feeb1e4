package io.gauntlet.algorithms;

import io.gauntlet.core.args.Arg;
import io.gauntlet.core.distributions.Distribution;
import io.gauntlet.core.env.Box;
import io.gauntlet.core.env.Discrete;
import io.gauntlet.core.env.Env;
import io.gauntlet.core.experiment.AlgorithmSpec;
import io.gauntlet.core.experiment.Run;
import io.gauntlet.core.nn.Adam;
import io.gauntlet.core.nn.Mlp;
import io.gauntlet.core.policy.StochasticPolicy;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * REINFORCE (Williams 1992) as rllab's VPG: the "vanilla policy gradient" baseline of Duan et al. (2016).
 *
 * <pre>
 * for each iteration:
 *     collect whole episodes with the current policy until the batch holds ≥ batch_size steps
 *     R_t  = Σ_k γ^k r_{t+k}                          (discounted return to go, within the episode)
 *     A_t  = R_t − b(s_t)                              (b: linear feature baseline fitted last iteration)
 *     refit b on this batch's (s_t, R_t)
 *     A    ← (A − mean A) / (std A + 1e-8)             (centre and scale per batch)
 *     L(θ) = −(1/N) Σ_t log π_θ(a_t|s_t) · A_t
 *     θ    ← Adam(θ, ∇L)                               (one step on the whole batch)
 * </pre>
 *
 * Discrete action spaces get a categorical MLP policy, boxes a Gaussian MLP policy with a state-independent
 * learned log-std (rllab's). A Gaussian sample is clipped to the box only on its way to the environment; the
 * unclipped sample is what the loss uses. Episodes end where the task's time limit cuts them (their return is
 * not bootstrapped, as in rllab).
 *
 * <p><b>Defaults.</b> rllab's VPG takes one Adam step per iteration on the whole batch, learning rate 0.01, with
 * its basic-task settings (batch 5,000 steps, γ 0.99, 32-32 tanh; its locomotion network is
 * {@code --set hidden_sizes=100,50,25}), Xavier-uniform weights and zero biases (Lasagne's default), initial
 * std 1, advantages centred and scaled. The default budget, {@link #DEFAULT_STEPS}, is about twice what the
 * slowest of seeds 1-8 needs to average 475 on CartPole-v1 (docs/performance.md).
 */
public record Reinforce(Args args) implements Policies.Trainer {
    public record Args(
            @Arg(value = "5000", doc = "environment steps per iteration (whole episodes: the last one runs to its end)", range = "[1, 1e9]")
            int batchSize,
            @Arg(value = "0.99", doc = "discount factor γ of the returns", range = "[0, 1]") double discount,
            @Arg(value = "0.01", doc = "Adam learning rate (one step per iteration on the whole batch)", range = "(0, 10]")
            double learningRate,
            @Arg(value = "32,32", doc = "hidden layer sizes of the policy MLP (rllab locomotion: 100,50,25)", range = "[1, 65536]")
            int[] hiddenSizes,
            @Arg(value = "tanh", doc = "hidden activation") Mlp.Activation activation,
            @Arg(value = "1.0", doc = "initial standard deviation of a Gaussian policy (Box action spaces)", range = "(0, 1e6]")
            double initStd,
            @Arg(value = "true", doc = "centre and scale the advantages per batch") boolean centerAdvantages) implements Policies.Settings {}

    /** The step budget when the user names none: enough for CartPole-v1 to reach 475 with the defaults. */
    public static final long DEFAULT_STEPS = 250_000;

    public static final AlgorithmSpec<Args> SPEC = new AlgorithmSpec<>("reinforce",
            "REINFORCE / vanilla policy gradient with a linear feature baseline (rllab's VPG)", Args.class, DEFAULT_STEPS,
            AlgorithmSpec::discreteOrBox, Reinforce::new);

    @Override
    public void train(Run run) throws IOException {
        PathSampler sampler = new PathSampler(run);
        Env env = sampler.env;
        int obsDim = sampler.obsDim;
        StochasticPolicy policy = run.track("policy", Policies.rllab(run, sampler, args.hiddenSizes(), args.activation(), args.initStd()));
        Distribution dist = policy.distribution();
        Adam adam = run.track("adam", new Adam(policy.numParams(), args.learningRate()));
        LinearFeatureBaseline baseline = run.track("baseline", new LinearFeatureBaseline(obsDim));
        run.log("reinforce: " + (env.actionSpace() instanceof Discrete ? "categorical" : "Gaussian") + " MLP policy "
                + Arrays.toString(args.hiddenSizes()) + " " + args.activation().name().toLowerCase(Locale.ROOT) + ", "
                + policy.numParams() + " parameters");
        int pd = dist.paramDim();
        int ad = dist.actionDim();

        while (!run.budgetExhausted()) {
            // 1. Collect whole episodes until the batch holds batch_size steps.
            sampler.sample(policy, args.batchSize());
            int n = sampler.size;

            // 2. Discounted returns to go, baseline (last iteration's fit), advantages; then refit the baseline.
            double[] returns = new double[n], values = new double[n], adv = new double[n];
            sampler.discountedReturns(args.discount(), returns);
            baseline.predict(sampler.obs, sampler.t, n, values);
            double explainedVariance = ExplainedVariance.rllab(values, returns, n);
            for (int i = 0; i < n; i++) adv[i] = returns[i] - values[i];
            baseline.fit(sampler.obs, sampler.t, returns, n);
            if (args.centerAdvantages()) Advantages.centreAndScale(adv, n);

            // 3. One Adam step on L(θ) = −mean(log π(a|s) · A).
            double[] oldParams = Arrays.copyOf(policy.distributionParams(sampler.obs, n), n * pd);
            double lossBefore = 0;
            double entropy = 0;
            double[] dLoss = new double[n * pd];
            for (int i = 0; i < n; i++) {
                lossBefore -= dist.logProb(oldParams, i * pd, sampler.actions, i * ad) * adv[i];
                entropy += dist.entropy(oldParams, i * pd);
                dist.gradLogProb(oldParams, i * pd, sampler.actions, i * ad, -adv[i] / n, dLoss, i * pd);
            }
            lossBefore /= n;
            entropy /= n;
            policy.zeroGradients();
            policy.backward(dLoss, n);
            adam.step(policy.params(), policy.gradients());

            // 4. Diagnostics: the loss after the step and how far the policy moved.
            double[] newParams = policy.distributionParams(sampler.obs, n);
            double lossAfter = 0;
            double meanKl = 0;
            double maxKl = 0;
            for (int i = 0; i < n; i++) {
                lossAfter -= dist.logProb(newParams, i * pd, sampler.actions, i * ad) * adv[i];
                double kl = dist.kl(oldParams, i * pd, newParams, i * pd);
                meanKl += kl;
                maxKl = Math.max(maxKl, kl);
            }
            lossAfter /= n;
            meanKl /= n;

            Map<String, Double> diagnostics = new LinkedHashMap<>();
            diagnostics.put("AverageDiscountedReturn", sampler.averageDiscountedReturn(returns));
            diagnostics.put("ExplainedVariance", explainedVariance);
            diagnostics.put("Entropy", entropy);
            diagnostics.put("Perplexity", Math.exp(entropy));
            diagnostics.put("LossBefore", lossBefore);
            diagnostics.put("LossAfter", lossAfter);
            diagnostics.put("dLoss", lossBefore - lossAfter);
            diagnostics.put("MeanKL", meanKl);
            diagnostics.put("MaxKL", maxKl);
            if (env.actionSpace() instanceof Box) diagnostics.put("AveragePolicyStd", Policies.averageStd(policy));
            run.endIteration(diagnostics);
        }
    }
}
