#!/usr/bin/env bash
# Installs Intel MKL's single runtime library (libmkl_rt.so) from Debian's non-free component.
# Idempotent: does nothing when libmkl_rt is already loadable. A no-op with a message when not root or not Debian.
set -euo pipefail

have_mkl() { ldconfig -p 2>/dev/null | grep -q 'libmkl_rt\.so'; }

if have_mkl; then
  echo "install-mkl: libmkl_rt.so already present; nothing to do."
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "install-mkl: not root; skipping (OptSuite will use its managed backend)."
  exit 0
fi
if [ ! -f /etc/debian_version ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "install-mkl: not a Debian system; skipping (OptSuite will use its managed backend)."
  exit 0
fi

export DEBIAN_FRONTEND=noninteractive

# Enable non-free in deb822 sources (Debian 12+) or the classic sources.list, only where it is missing.
changed=0
for f in /etc/apt/sources.list.d/*.sources; do
  [ -f "$f" ] || continue
  if grep -q '^Components:' "$f" && ! grep -q '^Components:.*\bnon-free\b' "$f"; then
    sed -i -E '/^Components:/ s/$/ non-free/' "$f"; changed=1
  fi
done
if [ -f /etc/apt/sources.list ] && grep -qE '^deb ' /etc/apt/sources.list \
   && ! grep -qE '^deb .* non-free( |$)' /etc/apt/sources.list; then
  sed -i -E '/^deb / s/$/ non-free/' /etc/apt/sources.list; changed=1
fi
[ "$changed" -eq 1 ] && echo "install-mkl: enabled Debian's non-free component."

if ! apt-get update -qq; then
  echo "install-mkl: apt-get update failed; skipping (OptSuite will use its managed backend)."
  exit 0
fi
if apt-get install -y -qq --no-install-recommends libmkl-rt >/dev/null; then
  echo "install-mkl: installed libmkl-rt."
else
  echo "install-mkl: could not install libmkl-rt; OptSuite will use its managed backend."
fi
