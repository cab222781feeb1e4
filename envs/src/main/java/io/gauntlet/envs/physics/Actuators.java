package io.gauntlet.envs.physics;

import static io.gauntlet.envs.physics.Columns.booleans;
import static io.gauntlet.envs.physics.Columns.doubles;
import static io.gauntlet.envs.physics.Columns.ints;

import java.util.List;

/**
 * A model's motors ({@link MjcfReader.Motor}), laid out as arrays for both engines: each drives one joint with the
 * force {@code gear · ctrl}, ctrl clipped to its ctrlrange when it is limited.
 */
public final class Actuators {
    public final int count;
    public final int[] joint;
    public final double[] gear;
    /** Control range (±∞ when not limited). */
    public final double[] low, high;
    public final boolean[] limited;

    public Actuators(List<MjcfReader.Motor> motors) {
        count = motors.size();
        joint = ints(motors, MjcfReader.Motor::joint);
        gear = doubles(motors, MjcfReader.Motor::gear);
        low = doubles(motors, MjcfReader.Motor::low);
        high = doubles(motors, MjcfReader.Motor::high);
        limited = booleans(motors, MjcfReader.Motor::limited);
    }

    /** The force of motor {@code a} on its joint under control {@code ctrl}. */
    public double force(int a, double ctrl) {
        double c = limited[a] ? Math.min(high[a], Math.max(low[a], ctrl)) : ctrl;
        return gear[a] * c;
    }
}
