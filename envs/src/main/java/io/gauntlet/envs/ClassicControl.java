package io.gauntlet.envs;

import io.gauntlet.core.env.EnvProvider;
import io.gauntlet.core.env.EnvSpec;
import io.gauntlet.envs.classic.CartPole;
import io.gauntlet.envs.wrappers.TimeLimit;
import java.util.List;

/** The classic-control tasks, registered under Gymnasium's ids. */
public final class ClassicControl implements EnvProvider {
    @Override
    public List<EnvSpec> envs() {
        return List.of(
                new EnvSpec("CartPole-v1", "Gymnasium's cart-pole: balance a pole on a cart, +1 per step (solved at 475)",
                        500, () -> new TimeLimit(new CartPole(), 500)));
    }
}
