#!/usr/bin/env bash
# The PyTorch peer of the dense kernels and of one TD3/SAC gradient step, measured on this machine for
# docs/performance.md. Installs a CPU build of PyTorch into a virtual environment of its own with pip (a wheel in
# PIP_FIND_LINKS is used when there is one; the environment sees the system's site packages, so PyTorch's own
# dependencies come from there when the index cannot be reached); PyTorch is never a dependency of the build. Run in a quiet
# window, from anywhere:
#   tools/pytorch_peer.sh gemm      # GFLOP/s of x·W, δ·Wᵀ and xᵀ·δ per shape, float64 and float32, 1 and 2 threads
#   tools/pytorch_peer.sh update    # ms per TD3 / SAC step, 256-256 at batch 256, as CleanRL's scripts write it
# Compare with ./gauntlet bench DenseBenchmark and ./gauntlet bench UpdateBenchmark (same shapes, same steps).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
VENV="${PEER_VENV:-${TMPDIR:-/tmp}/gauntlet-pytorch-peer}"
if [[ ! -x "$VENV/bin/python" ]]; then
    python3 -m venv --system-site-packages "$VENV"
    cpu_wheel="$(ls "${PIP_FIND_LINKS:-/nonexistent}"/torch-*+cpu-*.whl 2>/dev/null | tail -n1 || true)"
    if [[ -n "$cpu_wheel" ]]; then
        "$VENV/bin/pip" install -q --no-deps --no-index "$cpu_wheel" >&2
    fi
    "$VENV/bin/python" -c "import torch" 2>/dev/null || "$VENV/bin/pip" install -q torch >&2
fi
# OpenBLAS/MKL threads follow torch.set_num_threads in the script; keep a stray environment from overriding it.
unset OMP_NUM_THREADS MKL_NUM_THREADS OPENBLAS_NUM_THREADS
exec "$VENV/bin/python" "$HERE/pytorch_peer.py" "$@"
