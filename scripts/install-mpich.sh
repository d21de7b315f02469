#!/usr/bin/env bash
# Installs MPICH (mpiexec.hydra and libmpich.so.12) from Debian, for OptSuite's MPI communicator and its tests.
# Idempotent: does nothing when both are present. A no-op with a message when not root or not Debian; the MPI tests then
# skip with the reason (docs/distributed.md).
set -euo pipefail

have_mpich() { command -v mpiexec.hydra >/dev/null 2>&1 && ldconfig -p 2>/dev/null | grep -q 'libmpich\.so\.12'; }

if have_mpich; then
  echo "install-mpich: mpiexec.hydra and libmpich.so.12 already present; nothing to do."
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "install-mpich: not root; skipping (MPI tests will skip)."
  exit 0
fi
if [ ! -f /etc/debian_version ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "install-mpich: not a Debian system; skipping (MPI tests will skip)."
  exit 0
fi

export DEBIAN_FRONTEND=noninteractive
# Without package lists (a fresh container) the first install fails; update once and retry.
if apt-get install -y -qq --no-install-recommends mpich >/dev/null 2>&1 \
   || { apt-get update -qq && apt-get install -y -qq --no-install-recommends mpich >/dev/null; }; then
  echo "install-mpich: installed mpich."
else
  echo "install-mpich: could not install mpich; MPI tests will skip."
fi
