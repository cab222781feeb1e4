package io.gauntlet.envs;

import io.gauntlet.core.env.EnvProvider;
import io.gauntlet.core.env.EnvSpec;
import io.gauntlet.envs.classic.Acrobot;
import io.gauntlet.envs.classic.CartPole;
import io.gauntlet.envs.classic.MountainCar;
import io.gauntlet.envs.classic.MountainCarContinuous;
import io.gauntlet.envs.classic.Pendulum;
import io.gauntlet.envs.rllab.AcrobotSwingUp;
import io.gauntlet.envs.rllab.CartPoleBalancing;
import io.gauntlet.envs.rllab.CartPoleSwingUp;
import io.gauntlet.envs.rllab.MountainCarRllab;
import java.util.List;

/**
 * The classic-control tasks: Gymnasium's five under Gymnasium's ids (Gymnasium-exact), and rllab's basic
 * tasks under ids ending in {@code -rllab} (rllab's task definitions on our own analytic dynamics).
 */
public final class ClassicControl implements EnvProvider {
    /** rllab's max_path_length for its basic tasks. */
    public static final int RLLAB_HORIZON = 500;

    @Override
    public List<EnvSpec> envs() {
        return List.of(
                Task.spec("CartPole-v1", "Gymnasium's cart-pole: balance a pole on a cart by pushing left/right, +1 per step (solved at 475)",
                        500, CartPole::new),
                Task.spec("MountainCar-v0", "Gymnasium's mountain car: rock an under-powered car up the right hill, 3 discrete pushes, -1 per step",
                        200, MountainCar::new),
                Task.spec("MountainCarContinuous-v0", "Gymnasium's continuous mountain car: force in [-1,1], -0.1*a^2 per step, +100 at the flag (solved at 90)",
                        999, MountainCarContinuous::new),
                Task.spec("Pendulum-v1", "Gymnasium's pendulum: swing up and hold a pendulum with torque in [-2,2], reward -(angle^2 + 0.1 vel^2 + 0.001 u^2)",
                        200, Pendulum::new),
                Task.spec("Acrobot-v1", "Gymnasium's acrobot: swing a two-link arm's tip above the bar with elbow torque -1/0/+1, -1 per step (solved at -100)",
                        500, Acrobot::new),
                Task.spec("CartPoleBalancing-rllab", "rllab's cart-pole balancing on Barto's analytic cart-pole, force in [-10,10] N, reward 10 - (1 - cos theta) - 1e-5 F^2",
                        RLLAB_HORIZON, CartPoleBalancing::new),
                Task.spec("CartPoleSwingUp-rllab", "rllab's cart-pole swing-up from hanging, force in [-10,10] N, reward cos theta, -100 and end on leaving |x| <= 3",
                        RLLAB_HORIZON, CartPoleSwingUp::new),
                Task.spec("MountainCar-rllab", "rllab's mountain car on Moore's valley, force in [-1,1], reward -1 + height per step, ends at the right wall x = 0.6",
                        RLLAB_HORIZON, MountainCarRllab::new),
                Task.spec("AcrobotSwingUp-rllab", "rllab's acrobot swing-up on the book acrobot dynamics, elbow torque in [-50,50], reward -distance of tip to top, never ends",
                        RLLAB_HORIZON, AcrobotSwingUp::new));
    }
}
