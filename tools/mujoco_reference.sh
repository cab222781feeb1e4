#!/usr/bin/env bash
# Installs MuJoCo 2.2.2 (Debian's libmujoco-dev), builds tools/mujoco_reference.c and writes the reference
# trajectories the planar and spatial engines' tests compare against (envs/src/test/resources/io/gauntlet/envs/
# physics/mujoco/ and .../physics/spatial/mujoco/), then prints MuJoCo's random-policy returns (100 episodes per
# planar task, 1000 for Ant and Humanoid, whose returns vary more). Run from the repository root, as root or
# with the package already installed. MuJoCo is not a dependency of the build: only this script's output is.
set -euo pipefail
if ! dpkg -s libmujoco-dev >/dev/null 2>&1; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libmujoco-dev gcc
fi
bin=$(mktemp -d)/mujoco_reference
gcc -O2 -o "$bin" tools/mujoco_reference.c -lmujoco -lm
models=envs/src/main/resources/io/gauntlet/envs/locomotion
tests=envs/src/test/resources/io/gauntlet/envs/physics
out=$tests/mujoco
mkdir -p "$out"
# traj MODE DIR NAME MODEL ENV_STEPS FRAME_SKIP AMPLITUDE FREQUENCY: a reference file DIR/mujoco/NAME.csv
traj() { local mode=$1 dir=$2 name=$3 model=$4; shift 4; "$bin" "$mode" "$model" "$dir/mujoco/$name.csv" "$@"; }
traj trajectory $tests hopper_still        $models/hopper.xml             250 4 0 0
traj trajectory $tests hopper_drive        $models/hopper.xml             200 4 0.8 0.15
traj trajectory $tests walker2d_still      $models/walker2d.xml           250 4 0 0
traj trajectory $tests walker2d_drive      $models/walker2d.xml           200 4 0.8 0.15
traj trajectory $tests half_cheetah_still  $models/half_cheetah.xml       100 5 0 0
traj trajectory $tests half_cheetah_drive  $models/half_cheetah.xml       200 5 0.8 0.2
traj trajectory $tests swimmer_limits      $models/swimmer.xml            150 4 1 0.05
traj trajectory $tests pendulum_rail       $models/inverted_pendulum.xml  150 2 3 0.05
traj trajectory $tests double_pendulum_rail $models/inverted_double_pendulum.xml 150 5 1 0.05
traj trajectory $tests contact_shapes      $tests/contact_shapes.xml      200 2 0 0
traj trajectory $tests self_collision      $tests/self_collision.xml      200 2 1 0.04
traj trajectory $tests contact_shapes_pgs  $tests/contact_shapes_pgs.xml  200 2 0 0
spatial=$tests/spatial
mkdir -p "$spatial/mujoco"
traj trajectory $spatial ant_still              $models/ant.xml               400 5 0 0
traj trajectory $spatial ant_drive              $models/ant.xml               200 5 0.8 0.15
traj trajectory $spatial humanoid_still         $models/humanoid.xml          150 5 0 0
traj trajectory $spatial humanoid_drive         $models/humanoid.xml          150 5 0.4 0.2
traj trajectory $spatial simple_humanoid_drive  $models/simple_humanoid.xml   200 1 60 0.05
traj trajectory $spatial shapes                 $spatial/shapes.xml           300 5 1 0.05
traj observed $spatial ant_observed $models/ant.xml 40 5 0.8 0.15
traj observed $spatial humanoid_observed $models/humanoid.xml 40 5 0.4 0.2
for t in Ant:ant Humanoid:humanoid; do
  "$bin" random "${t%%:*}" "$models/${t#*:}.xml" 1000 1
done
for t in Hopper:hopper Walker2d:walker2d HalfCheetah:half_cheetah Swimmer:swimmer \
         InvertedPendulum:inverted_pendulum InvertedDoublePendulum:inverted_double_pendulum; do
  "$bin" random "${t%%:*}" "$models/${t#*:}.xml" 100 1
done
