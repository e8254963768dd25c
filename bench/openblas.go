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

// obDsdot is Σ x[i]² of float32 entries accumulated in double (cblas_dsdot).
func obDsdot(x []float32) float64 {
	return float64(C.cblas_dsdot(C.blasint(len(x)), sp(x), 1, sp(x), 1))
}

// openblasCore returns the name of the kernel set OpenBLAS runs (set by
// OPENBLAS_CORETYPE or detected) and its thread count.
func openblasCore() (core string, threads int) {
	return C.GoString(C.openblas_get_corename()), int(C.openblas_get_num_threads())
}
