/**
 * A 3D rigid-body physics engine in generalised coordinates that reproduces MuJoCo 2.2.2, pure Java, no native code.
 *
 * <p>{@link io.gauntlet.envs.physics.spatial.SpatialMjcf} compiles MJCF (free, ball, hinge and slide joints; sphere,
 * capsule, box and plane geoms; inertia from geoms or {@code <inertial>}; motors; everything Gymnasium's ant.xml and
 * humanoid.xml use) into a {@link io.gauntlet.envs.physics.spatial.SpatialModel} laid out as mjModel;
 * {@link io.gauntlet.envs.physics.spatial.SpatialSim} steps it as mj_step does, with MuJoCo's com-based spatial
 * algebra ({@link io.gauntlet.envs.physics.spatial.SpatialMath}): kinematics with quaternions, the composite
 * rigid-body mass matrix and its tree-sparse LDLᵀ factor, recursive Newton-Euler bias forces, joint springs and
 * dampers, MuJoCo's narrow phase ({@link io.gauntlet.envs.physics.spatial.SpatialCollision}) and its soft limits and
 * contacts with the pyramidal cone through the engines' shared solver
 * ({@link io.gauntlet.envs.physics.SoftConstraints}), then Euler or RK4 with positions moved on their manifold.
 * {@link io.gauntlet.envs.physics.spatial.SpatialPainter} draws a state in perspective.
 *
 * <p>Fidelity: qpos agrees with MuJoCo 2.2.2 to about 1e-9 over hundreds of steps on Ant, Humanoid (PGS,
 * self-collision) and a scene of free boxes, capsules, spheres, a ball joint and a slide (SpatialMujocoTest, against
 * trajectories from tools/mujoco_reference.sh); see docs/physics.md.
 */
package io.gauntlet.envs.physics.spatial;
