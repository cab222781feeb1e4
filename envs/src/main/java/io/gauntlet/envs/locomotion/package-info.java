/**
 * The locomotion tasks on Gauntlet's own physics, registered by {@link io.gauntlet.envs.Locomotion}: the planar ones
 * (InvertedPendulum, InvertedDoublePendulum, Swimmer, Hopper, Walker2d, HalfCheetah) under ids ending in
 * {@code -planar-v0}, the 3D ones (Ant, Humanoid) under {@code -3d-v0}, and rllab's Simple Humanoid as
 * {@code SimpleHumanoid-rllab}. Observation, reward, termination, reset noise and frame skip follow Gymnasium's v5
 * tasks (rllab's for the Simple Humanoid); what they share is {@link io.gauntlet.envs.locomotion.PhysicsTask}. The
 * model files (resources beside these classes) are Gauntlet's own. Actions are clipped to each motor's ctrlrange for
 * the physics, as MuJoCo clips ctrl; control costs use the action as given, as Gymnasium does.
 */
package io.gauntlet.envs.locomotion;
