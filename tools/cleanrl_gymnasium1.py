"""Runs a CleanRL script, written for Gymnasium 0.29, on Gymnasium 1.x with 0.29's semantics.

Usage: python cleanrl_gymnasium1.py SCRIPT [ARGS...]   (what tools/cleanrl_peer.sh does)

Gymnasium 1.0 changed three things CleanRL's scripts rely on; each is put back as 0.29 had it, so the script
computes what it computes on 0.29:
- vector envs reset a finished sub-env on the same step (0.29) instead of the next one (1.x's default);
- the final observation and final info of a finished sub-env come as `final_observation` (an object array) and
  `final_info` (a list of per-env dicts, None where nothing finished), not as 1.x's `final_obs` and dict of arrays;
- `TransformObservation` takes the observation space as a third argument; None keeps the env's (0.29's behaviour).
"""
import runpy
import sys

import gymnasium as gym
import numpy as np

_SyncVectorEnv = gym.vector.SyncVectorEnv
_TransformObservation = gym.wrappers.TransformObservation


class SyncVectorEnv(_SyncVectorEnv):
    def __init__(self, env_fns, **kwargs):
        kwargs.setdefault("autoreset_mode", gym.vector.AutoresetMode.SAME_STEP)
        super().__init__(env_fns, **kwargs)

    def step(self, actions):
        obs, rewards, terminations, truncations, infos = super().step(actions)
        if "final_obs" in infos:
            finished = infos.pop("_final_obs")
            final_obs = infos.pop("final_obs")
            final_info = infos.pop("final_info", {})
            infos.pop("_final_info", None)
            observations = np.empty(self.num_envs, dtype=object)
            per_env = np.empty(self.num_envs, dtype=object)
            for i in np.flatnonzero(finished):
                observations[i] = final_obs[i]
                info = {}
                if "episode" in final_info and final_info["_episode"][i]:
                    episode = final_info["episode"]
                    info["episode"] = {k: np.array([v[i]]) for k, v in episode.items() if not k.startswith("_")}
                per_env[i] = info
            infos["final_observation"] = observations
            infos["_final_observation"] = finished
            infos["final_info"] = per_env
            infos["_final_info"] = finished
        return obs, rewards, terminations, truncations, infos


def TransformObservation(env, func, observation_space=None):
    return _TransformObservation(env, func, observation_space)


gym.vector.SyncVectorEnv = SyncVectorEnv
gym.wrappers.TransformObservation = TransformObservation

if __name__ == "__main__":
    script = sys.argv[1]
    sys.argv = sys.argv[1:]
    runpy.run_path(script, run_name="__main__")
