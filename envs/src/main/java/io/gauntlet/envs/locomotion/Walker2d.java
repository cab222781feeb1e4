package io.gauntlet.envs.locomotion;

/**
 * A two-legged planar walker walks forward. Gymnasium Walker2d-v5's task ({@link LeggedTask}) on Gauntlet's
 * physics: observation 17; healthy while 0.8 < z < 2 and |angle| < 1.
 */
public final class Walker2d extends LeggedTask {
    public static final String ID = "Walker2d-planar-v0";
    public static final double HEALTHY_Z_MIN = 0.8;
    public static final double HEALTHY_Z_MAX = 2.0;
    public static final double HEALTHY_ANGLE_RANGE = 1.0;

    public Walker2d() {
        this(true);
    }

    /** {@code terminateWhenUnhealthy = false} keeps going after a fall (MuJoCo's reference random returns). */
    public Walker2d(boolean terminateWhenUnhealthy) {
        super(ID, "/io/gauntlet/envs/locomotion/walker2d.xml", 17, terminateWhenUnhealthy);
    }

    @Override
    public boolean isHealthy() {
        double z = sim.qpos[1], angle = sim.qpos[2];
        return z > HEALTHY_Z_MIN && z < HEALTHY_Z_MAX && Math.abs(angle) < HEALTHY_ANGLE_RANGE;
    }
}
