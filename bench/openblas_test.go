//go:build openblas && cgo

package bench

import (
	"fmt"
	"slices"
	"strings"

	"github.com/samkern/samkern/kernels"
)

func init() {
	extraImpls = append(extraImpls, &impl{
		name:        "openblas",
		dot:         obDdot,
		axpy:        obDaxpy,
		axpyTo:      obDaxpyTo, // dcopy + daxpy, see openblas.go
		scale:       obDscal,
		sumSq:       obDsumsq, // ddot(x, x)
		norm:        obDnrm2,
		dot32:       obSdot,
		axpy32:      obSaxpy,
		axpyTo32:    obSaxpyTo, // scopy + saxpy
		scale32:     obSscal,
		sumSq32:     obSsumsq, // sdot(x, x)
		norm32:      obSnrm2,
		sumSqWide32: obDsdot,
	})
	extraImpls = append(extraImpls, &impl{
		name:       "openblas:cloop", // the calls from a C loop: no cgo per call
		dotReps:    obDdotReps,
		dot32Reps:  obSdotReps,
		axpyReps:   obDaxpyReps,
		axpy32Reps: obSaxpyReps,
	})
	extraImpls2 = append(extraImpls2, &impl2{
		name:        "openblas",
		matVec:      obDgemv,
		matTVec:     obDgemvT,
		symMatVec:   obDsymv,
		matVec32:    obSgemv,
		matTVec32:   obSgemvT,
		symMatVec32: obSsymv,
	}, &impl2{
		name:      "openblas:gemv+gemv", // dgemv, scale by d, dgemv Trans: see openblas.go
		gramVec:   obGramComposed(obDgramVec),
		gramVec32: obGramComposed(obSgramVec),
	}, &impl2{
		name:      "openblas:2dot", // two ddot in one cgo call
		dotPair:   obDdot2,
		dotPair32: obSdot2,
	})
	core, threads := openblasCore()
	configLines = append(configLines, fmt.Sprintf("openblas: core=%s threads=%d", core, threads))
	check := func() error { return obCheck(core, threads) }
	implCheck["openblas"] = check
	implCheck["openblas:cloop"] = check
}

// obCheck fails OpenBLAS's sub-benchmarks unless it runs one thread and,
// on an AVX-512 CPU, its AVX-512 kernels (core and threads as
// openblasCore reports them, read once at start-up).
func obCheck(core string, threads int) error {
	if threads != 1 {
		return fmt.Errorf("OpenBLAS runs %d threads: set OPENBLAS_NUM_THREADS=1", threads)
	}
	if slices.Contains(kernels.Levels(), kernels.AVX512) && !avx512Cores[strings.ToLower(core)] {
		return fmt.Errorf("OpenBLAS runs the %s kernels on an AVX-512 CPU: set OPENBLAS_CORETYPE=SkylakeX", core)
	}
	return nil
}

// avx512Cores are the OpenBLAS core types with AVX-512 kernels, as
// openblas_get_corename spells them in lower case.
var avx512Cores = map[string]bool{"skylakex": true, "cooperlake": true, "sapphirerapids": true}

// obGramComposed gives an OpenBLAS GramVec composition the scratch vector it
// needs, kept between calls so the loop does not allocate.
func obGramComposed[T float](f func(rows, cols int, x []T, ldx int, d, v, t, out []T)) gramFunc[T] {
	var t []T
	return func(rows, cols int, x []T, ldx int, d, v, out []T) {
		if cap(t) < rows {
			t = make([]T, rows)
		}
		f(rows, cols, x, ldx, d, v, t[:rows], out)
	}
}
