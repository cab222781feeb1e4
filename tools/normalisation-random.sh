#!/usr/bin/env bash
# Measures the random policy's mean episode return on every registered task (the "random = 0" of the report's
# normalised scores): one sweep of the `random` algorithm, 200,000 env steps per task, seed 0, then the
# episode-weighted mean of AverageReturn over all progress rows. Prints CSV rows "env,random" to paste into
# benchmarks/src/main/resources/io/gauntlet/benchmarks/report/references.csv.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
ENVS="$("$ROOT/gauntlet" list envs | awk '/^[A-Za-z]/ && !/^Wrappers/ {print $1}' | paste -sd, -)"
cat > "$WORK/random.yaml" <<YAML
name: random-references
envs: [$ENVS]
algos: [random]
seeds: 1
steps: 200000
YAML
"$ROOT/gauntlet" sweep "$WORK/random.yaml" --out "$WORK" >/dev/null
for progress in "$WORK"/random-references/*/random/seed-0/progress.csv; do
    env="$(basename "$(dirname "$(dirname "$(dirname "$progress")")")")"
    awk -F, -v env="$env" 'NR > 1 && $3 != "" { s += $3 * $7; n += $7 } END { printf "%s,%.4g\n", env, s / n }' "$progress"
done
