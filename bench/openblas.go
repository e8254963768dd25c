//go:build openblas && cgo

package bench

// The OpenBLAS peer: thin cgo bindings to CBLAS from Debian's
// libopenblas-dev. Each call passes pointers to the slices' first elements
// (no copies, no allocation) and unit strides; the cgo call itself (tens of
// ns) is part of what a Go user of OpenBLAS pays, so it is measured too.
// Callers guarantee len(x) > 0 and companion slices at least as long.

/*
#cgo LDFLAGS: -lopenblas
#include <cblas.h>

// OpenBLAS has no dst = alpha*x + y: the best it offers is a copy and an
// axpy. Both run in one cgo call so that the binding adds one call overhead,
// as for the other operations.
static void ob_daxpyto(blasint n, double a, const double *x, const double *y, double *dst) {
	cblas_dcopy(n, y, 1, dst, 1);
	cblas_daxpy(n, a, x, 1, dst, 1);
}
static void ob_saxpyto(blasint n, float a, const float *x, const float *y, float *dst) {
	cblas_scopy(n, y, 1, dst, 1);
	cblas_saxpy(n, a, x, 1, dst, 1);
}

// Neither has GramVec (Xᵀ·diag(d)·X·v) nor DotPair (x·a, x·b): the
// compositions a user would write, each in one cgo call. t is a scratch
// vector of rows elements.
static void ob_dgramvec(blasint rows, blasint cols, const double *x, blasint ldx, const double *d,
		const double *v, double *t, double *out) {
	cblas_dgemv(CblasRowMajor, CblasNoTrans, rows, cols, 1, x, ldx, v, 1, 0, t, 1);
	for (blasint i = 0; i < rows; i++) t[i] *= d[i];
	cblas_dgemv(CblasRowMajor, CblasTrans, rows, cols, 1, x, ldx, t, 1, 0, out, 1);
}
static void ob_sgramvec(blasint rows, blasint cols, const float *x, blasint ldx, const float *d,
		const float *v, float *t, float *out) {
	cblas_sgemv(CblasRowMajor, CblasNoTrans, rows, cols, 1, x, ldx, v, 1, 0, t, 1);
	for (blasint i = 0; i < rows; i++) t[i] *= d[i];
	cblas_sgemv(CblasRowMajor, CblasTrans, rows, cols, 1, x, ldx, t, 1, 0, out, 1);
}
static void ob_ddot2(blasint n, const double *x, const double *a, const double *b, double *r) {
	r[0] = cblas_ddot(n, x, 1, a, 1);
	r[1] = cblas_ddot(n, x, 1, b, 1);
}
static void ob_sdot2(blasint n, const float *x, const float *a, const float *b, float *r) {
	r[0] = cblas_sdot(n, x, 1, a, 1);
	r[1] = cblas_sdot(n, x, 1, b, 1);
}

// The same calls from a C loop, reps times, timed as one cgo call: what a C
// caller pays per call, without the cgo crossing (about 30 ns here). The
// dot loops return the sum of the results so that none can be dropped; the
// axpy loops alternate alpha between 1e-9 and -1e-9 from the parity of
// calls0, as benchAxpy does.
static double ob_ddot_reps(blasint n, const double *x, const double *y, long reps) {
	double s = 0;
	for (long i = 0; i < reps; i++) s += cblas_ddot(n, x, 1, y, 1);
	return s;
}
static float ob_sdot_reps(blasint n, const float *x, const float *y, long reps) {
	float s = 0;
	for (long i = 0; i < reps; i++) s += cblas_sdot(n, x, 1, y, 1);
	return s;
}
static void ob_daxpy_reps(blasint n, const double *x, double *y, long reps, long calls0) {
	for (long i = 0; i < reps; i++) cblas_daxpy(n, ((calls0 + i) & 1) ? -1e-9 : 1e-9, x, 1, y, 1);
}
static void ob_saxpy_reps(blasint n, const float *x, float *y, long reps, long calls0) {
	for (long i = 0; i < reps; i++) cblas_saxpy(n, ((calls0 + i) & 1) ? -1e-9f : 1e-9f, x, 1, y, 1);
}
*/
import "C"

import "unsafe"

// dp and sp point at a slice's first element, for C.
func dp(x []float64) *C.double { return (*C.double)(unsafe.Pointer(unsafe.SliceData(x))) }
func sp(x []float32) *C.float  { return (*C.float)(unsafe.Pointer(unsafe.SliceData(x))) }

func obDdot(x, y []float64) float64 {
	return float64(C.cblas_ddot(C.blasint(len(x)), dp(x), 1, dp(y), 1))
}

func obDaxpy(a float64, x, y []float64) {
	C.cblas_daxpy(C.blasint(len(x)), C.double(a), dp(x), 1, dp(y), 1)
}

func obDaxpyTo(dst []float64, a float64, x, y []float64) {
	C.ob_daxpyto(C.blasint(len(x)), C.double(a), dp(x), dp(y), dp(dst))
}

func obDscal(a float64, x []float64) { C.cblas_dscal(C.blasint(len(x)), C.double(a), dp(x), 1) }

func obDsumsq(x []float64) float64 {
	return float64(C.cblas_ddot(C.blasint(len(x)), dp(x), 1, dp(x), 1))
}

func obDnrm2(x []float64) float64 { return float64(C.cblas_dnrm2(C.blasint(len(x)), dp(x), 1)) }

func obSdot(x, y []float32) float32 {
	return float32(C.cblas_sdot(C.blasint(len(x)), sp(x), 1, sp(y), 1))
}

func obSaxpy(a float32, x, y []float32) {
	C.cblas_saxpy(C.blasint(len(x)), C.float(a), sp(x), 1, sp(y), 1)
}

func obSaxpyTo(dst []float32, a float32, x, y []float32) {
	C.ob_saxpyto(C.blasint(len(x)), C.float(a), sp(x), sp(y), sp(dst))
}

func obSscal(a float32, x []float32) { C.cblas_sscal(C.blasint(len(x)), C.float(a), sp(x), 1) }

func obSsumsq(x []float32) float32 {
	return float32(C.cblas_sdot(C.blasint(len(x)), sp(x), 1, sp(x), 1))
}

func obSnrm2(x []float32) float32 { return float32(C.cblas_snrm2(C.blasint(len(x)), sp(x), 1)) }

func obDdotReps(x, y []float64, reps int) float64 {
	return float64(C.ob_ddot_reps(C.blasint(len(x)), dp(x), dp(y), C.long(reps)))
}

func obSdotReps(x, y []float32, reps int) float32 {
	return float32(C.ob_sdot_reps(C.blasint(len(x)), sp(x), sp(y), C.long(reps)))
}

func obDaxpyReps(x, y []float64, reps, calls0 int) {
	C.ob_daxpy_reps(C.blasint(len(x)), dp(x), dp(y), C.long(reps), C.long(calls0))
}

func obSaxpyReps(x, y []float32, reps, calls0 int) {
	C.ob_saxpy_reps(C.blasint(len(x)), sp(x), sp(y), C.long(reps), C.long(calls0))
}

// obDsdot is Σ x[i]² of float32 entries accumulated in double (cblas_dsdot).
func obDsdot(x []float32) float64 {
	return float64(C.cblas_dsdot(C.blasint(len(x)), sp(x), 1, sp(x), 1))
}

// The Level-2 bindings: row-major matrices with row stride lda and unit
// vector strides, the argument order of kernels.MatVec and friends.

func obDgemv(rows, cols int, alpha float64, a []float64, lda int, x []float64, beta float64, y []float64) {
	C.cblas_dgemv(C.CblasRowMajor, C.CblasNoTrans, C.blasint(rows), C.blasint(cols), C.double(alpha),
		dp(a), C.blasint(lda), dp(x), 1, C.double(beta), dp(y), 1)
}

// obDgemvT is y = alpha·Aᵀ·x + beta·y (CblasTrans): x has rows elements, y cols.
func obDgemvT(rows, cols int, alpha float64, a []float64, lda int, x []float64, beta float64, y []float64) {
	C.cblas_dgemv(C.CblasRowMajor, C.CblasTrans, C.blasint(rows), C.blasint(cols), C.double(alpha),
		dp(a), C.blasint(lda), dp(x), 1, C.double(beta), dp(y), 1)
}

// obDsymv reads the upper triangle (CblasUpper), as kernels.SymMatVec does.
func obDsymv(n int, alpha float64, a []float64, lda int, x []float64, beta float64, y []float64) {
	C.cblas_dsymv(C.CblasRowMajor, C.CblasUpper, C.blasint(n), C.double(alpha),
		dp(a), C.blasint(lda), dp(x), 1, C.double(beta), dp(y), 1)
}

func obSgemv(rows, cols int, alpha float32, a []float32, lda int, x []float32, beta float32, y []float32) {
	C.cblas_sgemv(C.CblasRowMajor, C.CblasNoTrans, C.blasint(rows), C.blasint(cols), C.float(alpha),
		sp(a), C.blasint(lda), sp(x), 1, C.float(beta), sp(y), 1)
}

func obSgemvT(rows, cols int, alpha float32, a []float32, lda int, x []float32, beta float32, y []float32) {
	C.cblas_sgemv(C.CblasRowMajor, C.CblasTrans, C.blasint(rows), C.blasint(cols), C.float(alpha),
		sp(a), C.blasint(lda), sp(x), 1, C.float(beta), sp(y), 1)
}

func obSsymv(n int, alpha float32, a []float32, lda int, x []float32, beta float32, y []float32) {
	C.cblas_ssymv(C.CblasRowMajor, C.CblasUpper, C.blasint(n), C.float(alpha),
		sp(a), C.blasint(lda), sp(x), 1, C.float(beta), sp(y), 1)
}

// obDgramVec is Xᵀ·diag(d)·X·v as dgemv, scale, dgemv; t is scratch of rows
// elements.
func obDgramVec(rows, cols int, x []float64, ldx int, d, v, t, out []float64) {
	C.ob_dgramvec(C.blasint(rows), C.blasint(cols), dp(x), C.blasint(ldx), dp(d), dp(v), dp(t), dp(out))
}

func obSgramVec(rows, cols int, x []float32, ldx int, d, v, t, out []float32) {
	C.ob_sgramvec(C.blasint(rows), C.blasint(cols), sp(x), C.blasint(ldx), sp(d), sp(v), sp(t), sp(out))
}

// obDdot2 is x·a and x·b as two cblas_ddot calls.
func obDdot2(x, a, b []float64) (float64, float64) {
	var r [2]C.double
	C.ob_ddot2(C.blasint(len(x)), dp(x), dp(a), dp(b), &r[0])
	return float64(r[0]), float64(r[1])
}

func obSdot2(x, a, b []float32) (float32, float32) {
	var r [2]C.float
	C.ob_sdot2(C.blasint(len(x)), sp(x), sp(a), sp(b), &r[0])
	return float32(r[0]), float32(r[1])
}

// openblasCore returns the name of the kernel set OpenBLAS runs (set by
// OPENBLAS_CORETYPE or detected) and its thread count.
func openblasCore() (core string, threads int) {
	return C.GoString(C.openblas_get_corename()), int(C.openblas_get_num_threads())
}
