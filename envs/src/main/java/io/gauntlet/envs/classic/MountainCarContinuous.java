package io.gauntlet.envs.classic;

import io.gauntlet.core.env.Box;
import io.gauntlet.core.env.Snapshot;
import io.gauntlet.core.env.Step;
import io.gauntlet.envs.DynamicsTask;
import io.gauntlet.envs.StateChecks;

/**
 * MountainCarContinuous-v0, exactly as Gymnasium's {@code Continuous_MountainCarEnv}. State and observation:
 * position, velocity. Action: force, clipped to ±1: v += 0.0015·force − 0.0025 cos(3x), v clipped to ±0.07,
 * x += v, x clipped to [−1.2, 0.6], at the left wall a negative velocity becomes 0. Reward −0.1·a² on the
 * UNCLIPPED action, +100 on reaching x ≥ 0.45 with v ≥ 0 (terminates); 999-step limit.
 *
 * <p>Unlike the discrete mountain car, this task's arithmetic depends on float32: Gymnasium stores its state as
 * float32 after every step (float64 straight after reset) and, under NumPy 2's promotion rules, keeps float32
 * scalars in float32 when they meet Python floats. {@link #step} reproduces that operation by operation, so
 * trajectories match Gymnasium 1.x on NumPy 2 bit for bit in float32 (checked against recorded Gymnasium
 * trajectories in the tests). Actions are taken as float32, as Gymnasium's action space is. Physical parameter:
 * power.
 */
public final class MountainCarContinuous extends DynamicsTask {
    public static final double MIN_ACTION = -1.0;
    public static final double MAX_ACTION = 1.0;
    private static final double MIN_POSITION = MountainCarDynamics.MIN_POSITION;
    private static final double MAX_POSITION = MountainCarDynamics.MAX_POSITION;
    private static final double MAX_SPEED = MountainCarDynamics.MAX_SPEED;
    public static final double GOAL_POSITION = 0.45;
    public static final double GOAL_VELOCITY = 0;
    public static final double POWER = 0.0015;

    private static final String ID = "MountainCarContinuous-v0";
    private static final String[] PARAMETER_NAMES = MountainCarDynamics.Engine.PARAMETER_NAMES;
    /** The state, the float32 flag, the physical parameters and the random stream. */
    private static final int SNAPSHOT_SIZE = 2 + 1 + PARAMETER_NAMES.length + Snapshot.RNG;

    private final MountainCarDynamics.Engine engine;
    /** False after reset (Gymnasium's reset state is a float64 array), true once a step stored it as float32. */
    private boolean stateIsFloat32;

    public MountainCarContinuous() {
        this(new MountainCarDynamics.Engine(POWER));
    }

    private MountainCarContinuous(MountainCarDynamics.Engine engine) {
        // Gymnasium's float32 box: its bounds are the float32 roundings, which the float32 state can reach.
        super(ID, engine, MountainCarDynamics.STATE_NAMES, PARAMETER_NAMES,
                new Box(new double[] {(float) MIN_POSITION, (float) -MAX_SPEED}, new double[] {(float) MAX_POSITION, (float) MAX_SPEED}),
                Box.uniform(1, MIN_ACTION, MAX_ACTION), 0);
        this.engine = engine;
    }

    @Override
    protected void sampleInitialState() {
        MountainCarDynamics.sampleInitialState(s, rng);
        stateIsFloat32 = false;
    }

    @Override
    public void step(double[] action, Step out) {
        StateChecks.requireFinite(id, action[0]);
        // Gymnasium's step under NumPy 2's promotion rules (NEP 50): a float32 scalar combined with a Python float
        // stays float32 (the Python float is rounded to float32 first); the state is float32 after every step but
        // float64 straight after reset. Each float32 operation is done in double and rounded, which is exact for
        // + − × of float32 operands. Actions are float32, as Gymnasium's action space is.
        float a = (float) action[0];
        boolean f32 = stateIsFloat32;
        double position = s[0], velocity = s[1];

        // force = min(max(a, min_action), max_action): the Python float bound when it wins, else float32 a.
        boolean clipped = a < MIN_ACTION || a > MAX_ACTION;
        double force = a < MIN_ACTION ? MIN_ACTION : a > MAX_ACTION ? MAX_ACTION : a;
        double push = clipped ? force * engine.power() : (float) (force * (float) engine.power());
        double gravityTerm = 0.0025 * Math.cos(f32 ? (float) (3 * position) : 3 * position); // a Python float
        double dv = clipped ? push - gravityTerm : (float) (push - (float) gravityTerm);
        velocity = f32 ? (float) (velocity + (float) dv) : velocity + dv;
        if (velocity > bound(MAX_SPEED, f32)) velocity = MAX_SPEED;
        if (velocity < bound(-MAX_SPEED, f32)) velocity = -MAX_SPEED;
        position = f32 ? (float) (position + (float) velocity) : position + velocity;
        boolean positionIsPython = false;
        if (position > bound(MAX_POSITION, f32)) {
            position = MAX_POSITION;
            positionIsPython = true;
        }
        if (position < bound(MIN_POSITION, f32)) {
            position = MIN_POSITION;
            positionIsPython = true;
        }
        boolean f32Position = f32 && !positionIsPython;
        if (position == bound(MIN_POSITION, f32Position) && velocity < 0) velocity = 0;

        boolean terminated = position >= bound(GOAL_POSITION, f32Position) && velocity >= GOAL_VELOCITY;
        double reward = terminated ? 100.0 : 0;
        reward -= Math.pow(a, 2) * 0.1; // the unclipped action

        s[0] = (float) position;
        s[1] = (float) velocity;
        stateIsFloat32 = true;
        finishStep(out, reward, terminated);
    }

    /** A Python float constant as NumPy compares it with a scalar: rounded to float32 against a float32 value. */
    private static double bound(double pythonFloat, boolean againstFloat32) {
        return againstFloat32 ? (float) pythonFloat : pythonFloat;
    }

    /** Gymnasium returns the state as float32, also after reset (when it is still float64 inside). */
    @Override
    protected void writeObservation(double[] obs) {
        obs[0] = (float) s[0];
        obs[1] = (float) s[1];
    }

    /** A state set from outside is stored as Gymnasium stores it between steps: float32. */
    @Override
    protected void acceptState(double[] state) {
        s[0] = (float) state[0];
        s[1] = (float) state[1];
        stateIsFloat32 = true;
    }

    @Override
    public double[] snapshot() {
        return Snapshot.writer(ID, SNAPSHOT_SIZE).put(s).putBoolean(stateIsFloat32).put(parameters()).put(rng).finish();
    }

    @Override
    public void restore(double[] snapshot, Step out) {
        Snapshot.Reader r = Snapshot.reader(ID, snapshot, SNAPSHOT_SIZE);
        r.get(s);
        stateIsFloat32 = r.getBoolean();
        setParameters(r.getDoubles(PARAMETER_NAMES.length));
        r.get(rng);
        show(out);
    }
}
