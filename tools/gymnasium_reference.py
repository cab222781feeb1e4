"""Writes Gymnasium (1.3.0, NumPy 2.4) reference trajectories for envs' GymnasiumReferenceTest.

Not part of the build: run it by hand where Gymnasium is installed, then commit its output
(envs/src/test/resources/io/gauntlet/envs/classic/gymnasium-reference.csv). Each task starts from a given
physical state (set on the unwrapped env, in the order `rollout --init-state` takes) and steps a fixed action
sequence; every row holds the step's reward, flags and observation as Gymnasium returned them (float32 printed
with repr, float64 where the task returns float64).
"""
import math
import sys

import gymnasium as gym
import numpy as np

CASES = [
    ("CartPole-v1", [0.01, -0.02, 0.03, 0.04], lambda t: (t * 7 // 3) % 2, 60),
    ("CartPole-v1", [0.0, 0.0, 0.19, 0.5], lambda t: 1, 10),
    ("MountainCar-v0", [-0.5, 0.0], lambda t: (t // 10) % 3, 200),
    ("MountainCar-v0", [-1.19, -0.05], lambda t: 0, 5),
    ("MountainCarContinuous-v0", [-0.5, 0.0], lambda t: [math.sin(t / 7.0) * 1.5], 150),
    ("MountainCarContinuous-v0", [0.44, 0.05], lambda t: [1.0], 5),
    ("MountainCarContinuous-v0", [-1.15, -0.06], lambda t: [-3.0 if t < 4 else 0.3], 40),
    ("Pendulum-v1", [2.5, -1.0], lambda t: [math.cos(t / 5.0) * 2.5], 200),
    ("Acrobot-v1", [0.05, -0.02, 0.01, 0.03], lambda t: t % 3, 120),
    ("Acrobot-v1", [2.9, 0.3, 3.0, 7.0], lambda t: 2, 20),
]


def set_state(env, task, state):
    u = env.unwrapped
    if task == "Pendulum-v1":
        u.state = np.array(state, dtype=np.float64)
    elif task == "Acrobot-v1":
        u.state = np.array(state, dtype=np.float64)
    elif task == "MountainCarContinuous-v0":
        u.state = np.array(state, dtype=np.float32)
    else:
        u.state = np.array(state, dtype=np.float64)


def main(out):
    out.write("case,task,step,action,reward,terminated,truncated,obs\n")
    for case, (task, state, policy, steps) in enumerate(CASES):
        env = gym.make(task)
        env.reset(seed=0)
        set_state(env, task, state)
        out.write(f"{case},{task},0,,,,,{' '.join(repr(float(x)) for x in state)}\n")
        for t in range(steps):
            a = policy(t)
            action = np.array(a, dtype=np.float32) if isinstance(a, list) else a
            obs, reward, terminated, truncated, _ = env.step(action)
            a_text = " ".join(repr(float(x)) for x in a) if isinstance(a, list) else str(a)
            out.write(f"{case},{task},{t + 1},{a_text},{repr(float(reward))},{str(terminated).lower()},"
                      f"{str(truncated).lower()},{' '.join(repr(float(x)) for x in obs)}\n")
            if terminated or truncated:
                break


if __name__ == "__main__":
    main(sys.stdout)
