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
	core, threads := openblasCore()
	configLines = append(configLines, fmt.Sprintf("openblas: core=%s threads=%d", core, threads))
	implCheck["openblas"] = func() error {
		if threads != 1 {
			return fmt.Errorf("OpenBLAS runs %d threads: set OPENBLAS_NUM_THREADS=1", threads)
		}
		if slices.Contains(kernels.Levels(), kernels.AVX512) && !avx512Cores[strings.ToLower(core)] {
			return fmt.Errorf("OpenBLAS runs the %s kernels on an AVX-512 CPU: set OPENBLAS_CORETYPE=SkylakeX", core)
		}
		return nil
	}
}

// avx512Cores are the OpenBLAS core types with AVX-512 kernels, as
// openblas_get_corename spells them in lower case.
var avx512Cores = map[string]bool{"skylakex": true, "cooperlake": true, "sapphirerapids": true}
