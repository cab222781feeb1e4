/**
 * A planar rigid-body physics engine in generalised coordinates, pure Java, no native code.
 *
 * <p>{@link io.gauntlet.envs.physics.MjcfLoader} reads the planar subset of MJCF (hinges about one axis, slides in
 * the plane, sphere/capsule/box geoms, a ground plane, motors, sites, fluid options) into a
 * {@link io.gauntlet.envs.physics.PlanarModel}; {@link io.gauntlet.envs.physics.PlanarSim} steps it: Jacobian-form
 * composite-rigid-body mass matrix and Cholesky solve, semi-implicit Euler (implicit damping) or RK4, MuJoCo's
 * inertia-box fluid drag, and ground contact with Coulomb friction plus joint limits solved by projected
 * Gauss-Seidel on velocity-level impulses. {@link io.gauntlet.envs.physics.PlanarPainter} draws a state.
 *
 * <p>Fidelity: without contacts or limits the engine reproduces MuJoCo's trajectories to 1e-8 (see
 * MujocoCrossCheckTest). Contacts and limits are hard (MuJoCo's are soft): resting penetration stays below
 * {@link io.gauntlet.envs.physics.PlanarSim#SINK_TOLERANCE}; under RK4 a resting body reports a residual
 * velocity of about −g·h/2 (1 cm/s at h = 0.002) because the contact impulse acts at the start of the step.
 * Geoms do not collide with each other, only with the ground.
 */
package io.gauntlet.envs.physics;
