package io.gauntlet.envs;

import io.gauntlet.core.env.EnvProvider;
import io.gauntlet.core.env.EnvSpec;
import io.gauntlet.envs.locomotion.Ant;
import io.gauntlet.envs.locomotion.HalfCheetah;
import io.gauntlet.envs.locomotion.Hopper;
import io.gauntlet.envs.locomotion.Humanoid;
import io.gauntlet.envs.locomotion.InvertedDoublePendulum;
import io.gauntlet.envs.locomotion.InvertedPendulum;
import io.gauntlet.envs.locomotion.SimpleHumanoid;
import io.gauntlet.envs.locomotion.Swimmer;
import io.gauntlet.envs.locomotion.Walker2d;
import java.util.List;

/**
 * The locomotion tasks on Gauntlet's own physics engines, planar and 3D. Their ids say "planar" or "3d" because the
 * dynamics are ours, not MuJoCo's; task definitions (observation, reward, termination, noise) follow Gymnasium v5,
 * and rllab's for its Simple Humanoid.
 */
public final class Locomotion implements EnvProvider {
    public static final int MAX_EPISODE_STEPS = 1000;
    /** rllab's horizon for its benchmark tasks. */
    public static final int RLLAB_MAX_PATH_LENGTH = 500;

    @Override
    public List<EnvSpec> envs() {
        int t = MAX_EPISODE_STEPS;
        return List.of(
                Task.spec(InvertedPendulum.ID, "Planar cart-pole balancing on a 1 m rail, +1 per step (Gauntlet physics)",
                        t, InvertedPendulum::new),
                Task.spec(InvertedDoublePendulum.ID, "Planar double inverted pendulum on a cart, rllab's fifth basic task (Gauntlet physics)",
                        t, InvertedDoublePendulum::new),
                Task.spec(Swimmer.ID, "Three-link swimmer in a viscous fluid, reward forward speed (Gauntlet physics)",
                        t, Swimmer::new),
                Task.spec(Hopper.ID, "One-legged planar hopper, reward forward speed + alive bonus (Gauntlet physics)",
                        t, Hopper::new),
                Task.spec(Walker2d.ID, "Two-legged planar walker, reward forward speed + alive bonus (Gauntlet physics)",
                        t, Walker2d::new),
                Task.spec(HalfCheetah.ID, "Planar half-cheetah, reward forward speed (Gauntlet physics)",
                        t, HalfCheetah::new),
                Task.spec(Ant.ID, "Four-legged ant in 3D, reward forward speed + alive bonus - control and contact costs (Gauntlet 3D physics)",
                        t, Ant::new),
                Task.spec(Humanoid.ID, "3D humanoid with 17 motors, reward forward speed + alive bonus - control and contact costs (Gauntlet 3D physics)",
                        t, Humanoid::new),
                Task.spec(SimpleHumanoid.ID, "rllab's Simple Humanoid (10 motors) on Gauntlet 3D physics, reward forward speed of the centre of mass + 0.2",
                        RLLAB_MAX_PATH_LENGTH, SimpleHumanoid::new));
    }
}
