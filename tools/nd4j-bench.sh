#!/usr/bin/env bash
# Runs the JMH benchmarks of the nd4j-comparison module (Gauntlet's kernels against ND4J/OpenBLAS on the same
# shapes), building the module first. Every argument goes to JMH, e.g.:
#   tools/nd4j-bench.sh MlpVsNd4jBenchmark -wi 2 -i 3 -f 1
# ND4J's native binaries are per platform; this picks the one for this machine.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
case "$(uname -s)-$(uname -m)" in
    Darwin-arm64) PLATFORM=macosx-arm64 ;;
    Darwin-x86_64) PLATFORM=macosx-x86_64 ;;
    Linux-aarch64|Linux-arm64) PLATFORM=linux-arm64 ;;
    MINGW*-x86_64|MSYS*-x86_64|CYGWIN*-x86_64) PLATFORM=windows-x86_64 ;;
    *) PLATFORM=linux-x86_64 ;;
esac
(cd "$ROOT" && ./mvnw -q -B -DskipTests -Dnd4j.platform="$PLATFORM" -pl nd4j-comparison -am package)
# One BLAS thread, as one Gauntlet kernel runs on one core.
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
exec java --add-modules jdk.incubator.vector -cp "$ROOT/nd4j-comparison/target/classes:$(cat "$ROOT/nd4j-comparison/target/classpath.txt")" org.openjdk.jmh.Main "$@"
