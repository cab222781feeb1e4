package io.gauntlet.envs.locomotion;

/**
 * A one-legged planar hopper hops forward. Gymnasium Hopper-v5's task ({@link LeggedTask}) on Gauntlet's physics:
 * observation 11; healthy while z > 0.7, |angle| < 0.2 and every value of qpos[2:], qvel is inside ±100.
 */
public final class Hopper extends LeggedTask {
    public static final String ID = "Hopper-planar-v0";
    public static final double HEALTHY_STATE_RANGE = 100.0;
    public static final double HEALTHY_Z_MIN = 0.7;
    public static final double HEALTHY_ANGLE_RANGE = 0.2;

    public Hopper() {
        this(true);
    }

    /** {@code terminateWhenUnhealthy = false} keeps going after a fall (MuJoCo's reference random returns). */
    public Hopper(boolean terminateWhenUnhealthy) {
        super(ID, "/io/gauntlet/envs/locomotion/hopper.xml", 11, terminateWhenUnhealthy);
    }

    @Override
    public boolean isHealthy() {
        double z = sim.qpos[1], angle = sim.qpos[2];
        for (int i = 2; i < model.nv; i++) if (!(Math.abs(sim.qpos[i]) < HEALTHY_STATE_RANGE)) return false;
        for (int i = 0; i < model.nv; i++) if (!(Math.abs(sim.qvel[i]) < HEALTHY_STATE_RANGE)) return false;
        return z > HEALTHY_Z_MIN && Math.abs(angle) < HEALTHY_ANGLE_RANGE;
    }
}
