#!/usr/bin/python3
"""Scaled copies of cpusmall and cal_housing for the support vector regression references (svr.json).

The raw features span 1e0..1e7 (cal_housing: total_rooms, population; cpusmall: the system-call counts), so LIBLINEAR's
dual SVR solvers crawl on them. Deterministic scaling, as libsvm-tools' svm-scale -l -1 -u 1 does it:

    x' = -1 + 2 (x - min_j) / (max_j - min_j)      per column j over all rows (missing entries are 0)

written with 12 significant digits ("%.12g"); exact zeros are left out (svmlight). Targets:
  * cpusmall: y unchanged (% of time the CPUs run in user mode, 0..99);
  * cal_housing: y / 100000 (median house value in units of $100,000: 0.14999..5.00001).

Input: /work/shared/datasets/regression/cpusmall.svm and cal_housing.svm.xz (SOURCES.md there).
Output: datasets/regression/cpusmall_scale.svm.xz and cal_housing_scale.svm.xz (xz -9, deterministic).

Run: /usr/bin/python3 datasets/regression/make_svr_scaled.py
"""
import lzma, os

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = "/work/shared/datasets/regression"


def read(path):
    opener = lzma.open if path.endswith(".xz") else open
    rows = []
    with opener(path, "rt") as f:
        for line in f:
            t = line.split()
            if not t:
                continue
            rows.append((float(t[0]), {int(i): float(v) for i, v in (f.split(":") for f in t[1:])}))
    return rows


def scale(rows, y_divisor, out):
    p = max(max(r) for _, r in rows if r)
    lo = [min(r.get(j, 0.0) for _, r in rows) for j in range(1, p + 1)]
    hi = [max(r.get(j, 0.0) for _, r in rows) for j in range(1, p + 1)]
    lines = []
    for y, r in rows:
        parts = ["%.12g" % (y / y_divisor)]
        for j in range(1, p + 1):
            a, b = lo[j - 1], hi[j - 1]
            if b == a:
                continue
            v = -1.0 + 2.0 * (r.get(j, 0.0) - a) / (b - a)
            if v != 0.0:
                parts.append("%d:%.12g" % (j, v))
        lines.append(" ".join(parts))
    data = ("\n".join(lines) + "\n").encode()
    with open(os.path.join(HERE, out), "wb") as f:
        f.write(lzma.compress(data, preset=9))
    print(out, len(rows), "x", p)


scale(read(os.path.join(SHARED, "cpusmall.svm")), 1.0, "cpusmall_scale.svm.xz")
scale(read(os.path.join(SHARED, "cal_housing.svm.xz")), 100000.0, "cal_housing_scale.svm.xz")
