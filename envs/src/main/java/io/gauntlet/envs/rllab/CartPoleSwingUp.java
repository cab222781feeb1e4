package io.gauntlet.envs.rllab;

import io.gauntlet.envs.classic.CartPoleTask;
import io.gauntlet.core.env.Box;
import io.gauntlet.core.env.Step;

/**
 * rllab's cart-pole swing-up task (Duan et al. 2016, section 3.1) on analytic dynamics: the same frictionless
 * cart-pole equations and constants as {@link CartPoleBalancing} (Euler, tau 0.02, force clipped to ±10 N), which
 * hold at any pole angle. The pole starts hanging: x U(±1), x_dot U(±2), theta U(π ± 1), theta_dot U(±3)
 * (rllab's reset bounds). theta is wrapped into [−π, π) after every step (0 = upright). State and observation:
 * x, x_dot, theta, theta_dot. Reward cos theta per step; leaving the track (|x| > 3) terminates with reward
 * −100 instead. Physical parameters as CartPoleBalancing's.
 */
public final class CartPoleSwingUp extends CartPoleTask {
    public static final double MAX_FORCE = 10.0;
    public static final double X_THRESHOLD = 3.0;
    public static final double OUT_OF_TRACK_REWARD = -100;

    public CartPoleSwingUp() {
        super("CartPoleSwingUp-rllab", "max_force", MAX_FORCE,
                new Box(new double[] {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, -Math.PI, Double.NEGATIVE_INFINITY},
                        new double[] {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Math.PI, Double.POSITIVE_INFINITY}),
                Box.uniform(1, -MAX_FORCE, MAX_FORCE));
    }

    @Override
    protected void sampleInitialState() {
        s[0] = rng.uniform(-1, 1);
        s[1] = rng.uniform(-2, 2);
        s[2] = wrapAngle(rng.uniform(Math.PI - 1, Math.PI + 1));
        s[3] = rng.uniform(-3, 3);
    }

    @Override
    public void step(double[] action, Step out) {
        double force = rllabForce(action, MAX_FORCE);
        cartPole.eulerStep(s, force);
        s[2] = wrapAngle(s[2]);

        boolean outOfTrack = Math.abs(s[0]) > X_THRESHOLD;
        finishStep(out, outOfTrack ? OUT_OF_TRACK_REWARD : Math.cos(s[2]), outOfTrack);
    }

    @Override
    protected void acceptState(double[] state) {
        System.arraycopy(state, 0, s, 0, 4);
        s[2] = wrapAngle(s[2]);
    }
}
