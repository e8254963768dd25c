#!/usr/bin/python3
"""Count the matrix-vector products scipy's eigsh (ARPACK) needs.

Usage: eigsh_count.py MATRIX N K WHICH TOL [STARTS]

MATRIX is an N×N float64 matrix, row-major, little-endian, as written by
bench/lanczos_test.go. The script runs
scipy.sparse.linalg.eigsh(A, k=K, which=WHICH, tol=TOL) through a
LinearOperator that counts its matvecs (ncv is scipy's default,
min(N, max(2K+1, 20))), from ARPACK's own random start vector, and prints

    matvecs=<count> seconds=<wall time of eigsh> values=<eigenvalues>

With STARTS > 0 it then solves STARTS more times from the start vectors
v0 = uniform(-1, 1) of numpy's default_rng(1), default_rng(2), ... (ARPACK's
own start vectors are uniform in (-1, 1) too) and adds the line

    starts=<count>,<count>,...

ARPACK's test is |residual estimate| <= TOL*|theta| per Ritz value theta.
"""
import sys
import time

import numpy as np
import scipy.sparse.linalg as sla


def main():
    path, n, k, which, tol = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], float(sys.argv[5])
    starts = int(sys.argv[6]) if len(sys.argv) > 6 else 0
    a = np.fromfile(path, dtype="<f8").reshape(n, n)
    count = [0]

    def matvec(x):
        count[0] += 1
        return a @ x

    op = sla.LinearOperator((n, n), matvec=matvec, dtype=np.float64)
    t0 = time.perf_counter()
    w = sla.eigsh(op, k=k, which=which, tol=tol, return_eigenvectors=False)
    dt = time.perf_counter() - t0
    print("matvecs=%d seconds=%.4f values=%s" % (count[0], dt, ",".join("%.17g" % x for x in sorted(w))))
    counts = []
    for seed in range(1, starts + 1):
        count[0] = 0
        v0 = np.random.default_rng(seed).uniform(-1, 1, n)
        sla.eigsh(op, k=k, which=which, tol=tol, v0=v0, return_eigenvectors=False)
        counts.append(count[0])
    if starts:
        print("starts=" + ",".join(str(c) for c in counts))


if __name__ == "__main__":
    main()
