#!/usr/bin/python3
"""Count the operator applications and time of scipy's eigsh (ARPACK).

Usage: eigsh_count.py FORMAT PATH N WHICH TOL KS SEEDS

FORMAT is "dense" or "coo", as bench/lanczos_test.go writes them:
  dense: the N×N matrix, float64, row-major, little-endian;
  coo:   nnz (int64), then nnz row indices (int64), nnz column indices
         (int64) and nnz values (float64), little-endian; repeated entries
         add up.
KS is a comma-separated list of k, SEEDS a comma-separated list of seeds:
seed 0 means ARPACK's own random start vector, seed s > 0 the start vector
v0 = uniform(-1, 1) of numpy's default_rng(s) (ARPACK's own start vectors
are uniform in (-1, 1) too).

For every k and seed the script runs
scipy.sparse.linalg.eigsh(op, k=k, which=WHICH, tol=TOL, v0=v0,
return_eigenvectors=True) with scipy's default ncv = min(N, max(2k+1, 20)),
through a LinearOperator that counts its products, and prints

    k=<k> seed=<s> matvecs=<count> seconds=<wall time of eigsh> values=<v1,...>

ARPACK accepts a Ritz value theta when its residual estimate is at most
TOL*max(|theta|, eps^(2/3)). The script returns the eigenvectors as a caller
would; ARPACK computes them from its basis without further products.
Run it single-threaded (OPENBLAS_NUM_THREADS=1), as the benchmark does.
"""
import sys
import time

import numpy as np
import scipy.sparse as sp
import scipy.sparse.linalg as sla


def load(fmt, path, n):
    if fmt == "dense":
        return np.fromfile(path, dtype="<f8").reshape(n, n)
    if fmt == "coo":
        with open(path, "rb") as f:
            nnz = int(np.fromfile(f, dtype="<i8", count=1)[0])
            rows = np.fromfile(f, dtype="<i8", count=nnz)
            cols = np.fromfile(f, dtype="<i8", count=nnz)
            vals = np.fromfile(f, dtype="<f8", count=nnz)
        return sp.csr_matrix((vals, (rows, cols)), shape=(n, n))
    raise SystemExit("unknown format %r" % fmt)


def main():
    if len(sys.argv) != 8:
        raise SystemExit(__doc__)
    fmt, path, n, which, tol = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], float(sys.argv[5])
    ks = [int(x) for x in sys.argv[6].split(",")]
    seeds = [int(x) for x in sys.argv[7].split(",")]
    a = load(fmt, path, n)
    count = [0]

    def matvec(x):
        count[0] += 1
        return a @ x

    op = sla.LinearOperator((n, n), matvec=matvec, dtype=np.float64)
    for k in ks:
        for seed in seeds:
            v0 = None if seed == 0 else np.random.default_rng(seed).uniform(-1, 1, n)
            count[0] = 0
            t0 = time.perf_counter()
            w, _ = sla.eigsh(op, k=k, which=which, tol=tol, v0=v0)
            dt = time.perf_counter() - t0
            print("k=%d seed=%d matvecs=%d seconds=%.6f values=%s" % (
                k, seed, count[0], dt, ",".join("%.17g" % x for x in sorted(w))), flush=True)


if __name__ == "__main__":
    main()
