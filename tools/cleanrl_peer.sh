#!/usr/bin/env bash
# Runs one of CleanRL's scripts as the peer of a Gauntlet training run, on this machine, and prints its wall time:
# the figures docs/performance.md compares against. CleanRL is never a dependency of the build: give a checkout of
# https://github.com/vwxyzjn/cleanrl in CLEANRL_DIR. The script installs, into a virtual environment of its own, a
# CPU build of PyTorch (a wheel in PIP_FIND_LINKS when there is one), Gymnasium and TensorBoard; CleanRL's
# command-line parser (tyro) is replaced by a few lines that read `--name value` into its Args dataclass, which
# changes nothing it computes. The scripts are written for Gymnasium 0.29; when only 1.x is installable, they run under
# tools/cleanrl_gymnasium1.py, which puts back 0.29's vector-env semantics (same-step reset, `final_observation`).
# Run in a quiet window:
#   CLEANRL_DIR=... tools/cleanrl_peer.sh ppo.py --seed 1                     # CartPole-v1, 500k steps
#   CLEANRL_DIR=... tools/cleanrl_peer.sh ppo_continuous_action.py --env-id Pendulum-v1 --total-timesteps 204800
#   CLEANRL_DIR=... tools/cleanrl_peer.sh ddpg_continuous_action.py --env-id Pendulum-v1 --total-timesteps 15000 --learning-starts 5000
# Compare with the ./gauntlet train commands beside each figure in docs/performance.md.
set -euo pipefail
: "${CLEANRL_DIR:?set CLEANRL_DIR to a checkout of github.com/vwxyzjn/cleanrl}"
script="${1:?name a CleanRL script, e.g. ppo.py}"
shift
VENV="${PEER_VENV:-${TMPDIR:-/tmp}/gauntlet-cleanrl-peer}"
if [[ ! -x "$VENV/bin/python" ]]; then
    python3 -m venv "$VENV"
    cpu_wheel="$(ls "${PIP_FIND_LINKS:-/nonexistent}"/torch-*+cpu-*.whl 2>/dev/null | tail -n1 || true)"
    "$VENV/bin/pip" install -q ${cpu_wheel:-torch} gymnasium tensorboard >&2
    site="$("$VENV/bin/python" -c 'import site; print(site.getsitepackages()[0])')"
    cat > "$site/tyro.py" <<'EOF'
"""Stands in for tyro: reads --name value (dashes or underscores) into the Args dataclass, defaults otherwise."""
import dataclasses
import sys
import typing


def cli(cls):
    hints = typing.get_type_hints(cls)
    values = {}
    args = sys.argv[1:]
    for i in range(0, len(args), 2):
        name = args[i].lstrip("-").replace("-", "_")
        if name not in hints:
            raise SystemExit(f"unknown argument {args[i]}")
        kind = hints[name]
        text = args[i + 1]
        values[name] = text.lower() in ("1", "true", "yes") if kind is bool else kind(float(text)) if kind is int else kind(text)
    return dataclasses.replace(cls(), **values)
EOF
fi
# One process, CPU only, as CleanRL's users run it on a laptop; PyTorch's own threads stay at its default.
tools="$(cd "$(dirname "$0")" && pwd)"
cd "$(mktemp -d)"
start=$(date +%s.%N)
PYTHONPATH="$CLEANRL_DIR" "$VENV/bin/python" "$tools/cleanrl_gymnasium1.py" "$CLEANRL_DIR/cleanrl/$script" --cuda false "$@" > cleanrl.log 2>&1 || { tail -n 20 cleanrl.log >&2; exit 1; }
end=$(date +%s.%N)
printf '%s %s: %.1f s wall\n' "$script" "$*" "$(echo "$end - $start" | bc)"
echo "last episodic returns: $(grep -o 'episodic_return=\[*[-0-9.e]*' cleanrl.log | tr -d '[' | cut -d= -f2 | tail -n 10 | tr '\n' ' ')"
