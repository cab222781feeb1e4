/**
 * The planar locomotion tasks (InvertedPendulum, InvertedDoublePendulum, Swimmer, Hopper, Walker2d, HalfCheetah)
 * on Gauntlet's own physics, registered by {@link io.gauntlet.envs.Locomotion} under ids ending in
 * {@code -planar-v0}. Observation, reward, termination, reset noise and frame skip follow Gymnasium's v5 tasks;
 * the model files (resources beside these classes) are Gauntlet's own, in the planar MJCF subset. Actions are
 * clipped to each motor's ctrlrange for the physics, as MuJoCo clips ctrl; control costs use the action as given,
 * as Gymnasium does.
 */
package io.gauntlet.envs.locomotion;
