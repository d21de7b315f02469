#!/usr/bin/python3
"""run_peer.py (../shared/peers) with its `ll_fit` binary built here when the shared copy is missing.

The shared peers folder is read-only and may lack the compiled `liblinear_fit/ll_fit`; this wrapper compiles the same
source (../shared/peers/liblinear_fit/ll_fit.c, gcc -O2 -llinear, system LIBLINEAR 2.3.0) into .build/ next to this
file, points run_peer at it and runs run_peer's CLI unchanged:

    /usr/bin/python3 benchmarks/dual-coordinate/liblinear_peer.py --problem svm_hinge_l2 --data ... --lam 1/n --solver ll_fit:s3

LL_FIT_CLOCK=cpu reports the CPU time of train() instead of its wall time.
"""
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", ".."))
SHARED = os.environ.get("OPTSUITE_SHARED") or next(
    (p for p in (os.path.join(REPO, "..", "shared"), os.path.join(REPO, "..", "..", "shared")) if os.path.isdir(p)), "")
PEERS = os.path.abspath(os.path.join(SHARED, "peers"))


def ll_fit_binary(cpu_clock=False):
    """The shared ll_fit if built, else a local build. cpu_clock: a build whose "seconds" is the process CPU time of
    train() (CLOCK_MONOTONIC read as CLOCK_PROCESS_CPUTIME_ID through a forced include; the source is unchanged),
    the steadier figure on a shared machine."""
    shared = os.path.join(PEERS, "liblinear_fit", "ll_fit")
    if not cpu_clock and os.access(shared, os.X_OK):
        return shared
    built = os.path.join(HERE, ".build", "ll_fit_cpu" if cpu_clock else "ll_fit")
    src = os.path.join(PEERS, "liblinear_fit", "ll_fit.c")
    if not os.access(built, os.X_OK) or os.path.getmtime(built) < os.path.getmtime(src):
        os.makedirs(os.path.dirname(built), exist_ok=True)
        extra = []
        if cpu_clock:
            header = os.path.join(HERE, ".build", "cpu_clock.h")
            with open(header, "w") as f:
                f.write("#include <time.h>\n#undef CLOCK_MONOTONIC\n#define CLOCK_MONOTONIC CLOCK_PROCESS_CPUTIME_ID\n")
            extra = ["-include", header]
        subprocess.run(["gcc", "-O2", *extra, "-o", built, src, "-llinear"], check=True)
    return built


if __name__ == "__main__":
    binary = ll_fit_binary(os.environ.get("LL_FIT_CLOCK") == "cpu")   # before run_peer re-executes this script with OpenBLAS (idempotent)
    sys.path.insert(0, PEERS)
    import run_peer            # noqa: E402  (re-executes this script once with OpenBLAS on LD_LIBRARY_PATH)
    run_peer.LL_FIT = binary
    run_peer.main()
