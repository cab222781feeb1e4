#!/usr/bin/env bash
# Instructions per env step of Gauntlet's engine and of C MuJoCo 2.2.2 on the same model, counted by callgrind (a
# count that does not depend on the machine's load, unlike a timing). Each side runs twice, N1 and N2 env steps of
# uniform random actions with resets when an episode ends (tools/mujoco_reference.c's speed mode; `gauntlet speed`,
# whose warm-up is as long as its measurement, with -Xbatch so the JIT compiles before it runs on); the difference
# divided by the extra steps leaves out start-up, model compilation and most of the JIT's work. Run from the
# repository root, as root or with libmujoco-dev installed (tools/mujoco_reference.sh installs it). Slow: valgrind
# runs the JVM some fifty times slower, about ten minutes per task.
#
#   tools/callgrind_speed.sh Ant      # or Humanoid; N1 and N2 default to 1000 and 3000
set -euo pipefail
task=${1:?usage: tools/callgrind_speed.sh Ant|Humanoid [N1 N2]}
n1=${2:-1000}
n2=${3:-3000}
case "$task" in
  Ant) model=ant.xml id=Ant-3d-v0 ;;
  Humanoid) model=humanoid.xml id=Humanoid-3d-v0 ;;
  *) echo "unknown task $task (Ant or Humanoid)" >&2; exit 2 ;;
esac
models=envs/src/main/resources/io/gauntlet/envs/locomotion
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
gcc -O2 -o "$tmp/mujoco_reference" tools/mujoco_reference.c -lmujoco -lm
./gauntlet list envs >/dev/null  # builds the application if needed
cp="benchmarks/target/gauntlet.jar:$(cat benchmarks/target/classpath.txt)"

count() { # prints the instructions valgrind collected
  valgrind --tool=callgrind --callgrind-out-file="$tmp/out" "$@" 2>&1 >/dev/null | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
c1=$(count "$tmp/mujoco_reference" speed "$task" "$models/$model" "$n1")
c2=$(count "$tmp/mujoco_reference" speed "$task" "$models/$model" "$n2")
java=(java -Xbatch -XX:+UseSerialGC -Xmx512m -Djava.awt.headless=true -cp "$cp" io.gauntlet.benchmarks.cli.Gauntlet speed --env "$id")
j1=$(count --smc-check=all-non-file "${java[@]}" --steps "$n1")
j2=$(count --smc-check=all-non-file "${java[@]}" --steps "$n2")
awk -v c1="$c1" -v c2="$c2" -v j1="$j1" -v j2="$j2" -v n1="$n1" -v n2="$n2" -v task="$task" 'BEGIN {
  c = (c2 - c1) / (n2 - n1); j = (j2 - j1) / (2 * (n2 - n1));
  printf "%s: C MuJoCo 2.2.2 %.2f M instructions per env step, Gauntlet %.2f M (%.2f of MuJoCo'"'"'s)\n", task, c / 1e6, j / 1e6, j / c
}'
