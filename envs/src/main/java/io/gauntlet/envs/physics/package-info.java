/**
 * A planar rigid-body physics engine in generalised coordinates that reproduces MuJoCo 2.2.2, pure Java, no native
 * code, and what it shares with the 3D engine in {@code physics.spatial}: MuJoCo's soft constraints and their solvers
 * ({@link io.gauntlet.envs.physics.SoftConstraints}), MJCF's settings, values and rules
 * ({@link io.gauntlet.envs.physics.MjcfReader}), a model's geom pairs that may touch and its motors
 * ({@link io.gauntlet.envs.physics.ContactPairs}, {@link io.gauntlet.envs.physics.Actuators}), and what a task needs
 * of either engine ({@link io.gauntlet.envs.physics.Simulator}).
 *
 * <p>{@link io.gauntlet.envs.physics.MjcfLoader} reads the planar subset of MJCF (hinges about one axis, slides in
 * the plane, sphere/capsule/box geoms, a ground plane, motors, sites, fluid, contact and solver options) into a
 * {@link io.gauntlet.envs.physics.PlanarModel}; {@link io.gauntlet.envs.physics.PlanarSim} steps it as mj_step
 * does: Jacobian-form composite-rigid-body mass matrix and Cholesky solve, MuJoCo's inertia-box fluid drag, contacts
 * ({@link io.gauntlet.envs.physics.Collision}: the ground against spheres, capsules and boxes, and spheres and
 * capsules against each other where contype/conaffinity allow and the bodies are not parent and child) and joint
 * limits as MuJoCo's soft constraints with impedance from solref/solimp and the pyramidal friction cone, solved as
 * MuJoCo's convex problem by Newton or PGS ({@link io.gauntlet.envs.physics.SoftConstraints}), then semi-implicit
 * Euler (implicit damping) or RK4 with the whole forward dynamics at each stage.
 * {@link io.gauntlet.envs.physics.PlanarPainter} draws a state.
 *
 * <p>Fidelity: on the locomotion models, qpos agrees with MuJoCo 2.2.2 to about 1e-9 over hundreds of steps with
 * contacts, friction and limits (MujocoContactTest, against trajectories from tools/mujoco_reference.sh) until
 * chaos separates them; see docs/physics.md.
 */
package io.gauntlet.envs.physics;
