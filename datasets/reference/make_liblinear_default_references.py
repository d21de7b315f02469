#!/usr/bin/python3
"""LIBLINEAR 2.3.0 at its defaults (issue 18): liblinear_defaults.json.

What a LIBLINEAR user gets without options — `-e 0.1`, C = 1, no bias — on the dual solvers, for the test that OptSuite's
default fit (dual coordinate descent stopping by LIBLINEAR's own test at -e 0.1) reaches an objective as low in about as
many epochs. For every case:

    liblinear_peer.py --problem P --data FILE --lam 1/n --solver ll_fit:sS --tol 0.1    (train() of liblinear 2.3.0)
    liblinear-train -s S -c 1 -e 0.1 FILE MODEL                                       (the same solver: its #iter)

objective: the re-scored primal objective in OptSuite's mean-loss convention (../shared/peers/README.md: labels with the
larger original label +1, classes sorted); iterations: LIBLINEAR's outer iterations (epochs). LIBLINEAR's permutation
comes from rand() without a seed, so both runs are the same run.

Run (needs ../shared/peers/setup.sh): /usr/bin/python3 datasets/reference/make_liblinear_default_references.py
"""
import datetime, json, os, re, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
PEER = os.path.join(REPO, "benchmarks", "dual-coordinate", "liblinear_peer.py")
sys.path.insert(0, HERE)
from make_references import data_path  # noqa: E402

CASES = [
    ("svm_hinge_l2", "shared:binary/a9a.xz", 3),
    ("svm_hinge_l2", "shared:binary/w8a.xz", 3),
    ("svm_sqhinge_l2", "shared:binary/a9a.xz", 1),
    ("svm_sqhinge_l2", "shared:binary/w8a.xz", 1),
    ("logreg_l2", "shared:binary/a9a.xz", 7),
    ("logreg_l2", "shared:binary/w8a.xz", 7),
    ("cs_svm", "datasets/multiclass/dna.scale", 4),
]


def plain(path, tmp):
    """liblinear-train reads plain text only."""
    if not path.endswith(".xz"):
        return path
    out = os.path.join(tmp, os.path.basename(path)[:-3])
    with open(out, "wb") as f:
        subprocess.run(["xz", "-dc", path], check=True, stdout=f)
    return out


def case(problem, data, solver):
    path = data_path(data)
    peers = os.path.join(REPO, "..", "shared", "peers")
    cmd = ["/usr/bin/python3", PEER, "--problem", problem, "--data", path, "--lam", "1/n", "--solver", f"ll_fit:s{solver}", "--tol", "0.1"]
    rec = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True, cwd=peers).stdout.strip().splitlines()[-1])
    with tempfile.TemporaryDirectory() as tmp:
        train = ["liblinear-train", "-s", str(solver), "-c", "1", "-e", "0.1", plain(path, tmp), os.path.join(tmp, "model")]
        out = subprocess.run(train, check=True, capture_output=True, text=True).stdout
    version = subprocess.run(["dpkg-query", "-W", "-f=${Version}", "liblinear-tools"], capture_output=True, text=True).stdout
    return {
        "problem": problem, "data": data, "lam": rec["lam"], "lam_spec": "1/n (C = 1)", "fit_intercept": False,
        "n": rec["n"], "p": rec["p"], "objective": rec["objective"], "iterations": int(re.search(r"#iter = (\d+)", out).group(1)),
        "hit_iteration_cap": "reaching max number of iterations" in out,
        "tool": f"ll_fit:s{solver} and liblinear-train -s {solver} (LIBLINEAR)", "version": {"liblinear-tools": version},
        "command": f"cd ../shared/peers && /usr/bin/python3 <repo>/benchmarks/dual-coordinate/liblinear_peer.py --problem {problem} "
                   f"--data {data} --lam 1/n --solver ll_fit:s{solver} --tol 0.1; liblinear-train -s {solver} -c 1 -e 0.1 FILE MODEL (#iter)",
        "tolerance": "-e 0.1 (LIBLINEAR's default)",
        "generator": "/usr/bin/python3 datasets/reference/make_liblinear_default_references.py",
        "date": datetime.date.today().isoformat(),
    }


def main():
    out = [case(*c) for c in CASES]
    json.dump(out, open(os.path.join(HERE, "liblinear_defaults.json"), "w"), indent=1)
    for e in out:
        print(f"{e['problem']:15s} {e['data']:34s} objective {e['objective']:.12g} iter {e['iterations']}")


if __name__ == "__main__":
    main()
