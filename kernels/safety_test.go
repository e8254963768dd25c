package kernels_test

import (
	"math/rand/v2"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/samkern/samkern/internal/guard"
	"github.com/samkern/samkern/internal/ref"
	"github.com/samkern/samkern/kernels"
)

// guarded returns two n-element vectors of T in guard-page buffers: the
// first flush against its buffer's leading guard page, the second against
// its buffer's trailing one, and then the other way round (swap).
func guarded[T ref.Float](t *testing.T, bufs [2]*guard.Buffer, n int, swap bool) (x, y []T) {
	t.Helper()
	if swap {
		return guard.Tail[T](bufs[0], n), guard.Head[T](bufs[1], n)
	}
	return guard.Head[T](bufs[0], n), guard.Tail[T](bufs[1], n)
}

func newGuards(t *testing.T, bytes int) [2]*guard.Buffer {
	t.Helper()
	var b [2]*guard.Buffer
	for i := range b {
		var err error
		b[i], err = guard.New(bytes)
		require.NoError(t, err)
		t.Cleanup(func() { _ = b[i].Free() })
	}
	return b
}

// testGuard runs every kernel of type T on every level and every small
// length with its operands flush against guard pages; any access outside the
// slices faults. The results are checked as in the other tests, so a kernel
// that stays in bounds by skipping work fails too.
func testGuard[T ref.Float](t *testing.T, reds []reduction[T], elts []elementwise[T]) {
	bufs := newGuards(t, (3*maxUnroll+2)*8)
	r := newRand(t, 6)
	for _, l := range levels() {
		for _, n := range smallLengths() {
			for _, swap := range []bool{false, true} {
				x, y := guarded[T](t, bufs, n, swap)
				randVec(r, x)
				randVec(r, y)
				for _, c := range reds {
					if err := checkReduction(c, c.call(l, x, y), x, y); err != nil {
						t.Fatalf("%s/%s n=%d swap=%v: %v", c.name, l, n, swap, err)
					}
				}
				// Element-wise kernels write in place into guarded memory:
				// run the in-place form (Axpy into y, Scale of x, AxpyTo with
				// dst = y) directly on the guarded slices.
				alpha := T(0.75)
				for _, c := range elts {
					want := c.want(l.Fused(), alpha, x, y)
					var got []T
					switch {
					case strings.HasPrefix(c.name, "AxpyTo"):
						got = y
						axpyToInPlace(l, y, alpha, x, y)
					case strings.HasPrefix(c.name, "Axpy"):
						got = y
						axpyInPlace(l, alpha, x, y)
					default:
						got = x
						scaleInPlace(l, alpha, x)
					}
					if i := firstDiff(got, want); i >= 0 {
						t.Fatalf("%s/%s n=%d swap=%v: element %d = %v, want %v", c.name, l, n, swap, i, got[i], want[i])
					}
				}
			}
		}
	}
}

func axpyInPlace[T ref.Float](l kernels.Level, alpha T, x, y []T) {
	switch x := any(x).(type) {
	case []float64:
		l.Axpy(float64(alpha), x, any(y).([]float64))
	case []float32:
		l.Axpy32(float32(alpha), x, any(y).([]float32))
	}
}

func axpyToInPlace[T ref.Float](l kernels.Level, dst []T, alpha T, x, y []T) {
	switch x := any(x).(type) {
	case []float64:
		l.AxpyTo(any(dst).([]float64), float64(alpha), x, any(y).([]float64))
	case []float32:
		l.AxpyTo32(any(dst).([]float32), float32(alpha), x, any(y).([]float32))
	}
}

func scaleInPlace[T ref.Float](l kernels.Level, alpha T, x []T) {
	switch x := any(x).(type) {
	case []float64:
		l.Scale(float64(alpha), x)
	case []float32:
		l.Scale32(float32(alpha), x)
	}
}

func TestGuardPages64(t *testing.T) {
	testGuard(t, reductions64(), elementwise64())
	// Norm reads x once or twice (rescaled pass): both stay inside.
	bufs := newGuards(t, (3*maxUnroll+2)*8)
	for _, l := range levels() {
		for _, n := range smallLengths() {
			for _, swap := range []bool{false, true} {
				x, y := guarded[float64](t, bufs, n, swap)
				for i := range x {
					x[i], y[i] = 1e-300, 1e300/float64(n)
				}
				require.NoError(t, checkNorm(l.Norm(x), x, ref.Unit[float64](), ref.Unit[float64](), -1075))
				require.NoError(t, checkNorm(l.Norm(y), y, ref.Unit[float64](), ref.Unit[float64](), -1075))
			}
		}
	}
}

func TestGuardPages32(t *testing.T) {
	testGuard(t, reductions32(), elementwise32())
	bufs := newGuards(t, (3*maxUnroll+2)*4)
	for _, l := range levels() {
		for _, n := range smallLengths() {
			x, _ := guarded[float32](t, bufs, n, n%2 == 0)
			randVec(newRand(t, uint64(n)), x)
			require.NoError(t, checkNorm(l.Norm32(x), x, ref.Unit[float64](), ref.Unit[float32](), -150))
		}
	}
}

// TestAliasing: the overlaps the documentation allows give the reference
// result; the others panic.
func TestAliasing(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	for _, l := range levels() {
		for _, n := range []int{1, 5, 16, 17, 31, 100, 385} {
			x, y := make([]float64, n), make([]float64, n)
			randVec(r, x)
			randVec(r, y)
			// Axpy with x and y the same slice: y = 1.5 y.
			want := make([]float64, n)
			ref.AxpyTo(want, 0.5, x, x, l.Fused())
			got := append([]float64(nil), x...)
			l.Axpy(0.5, got, got)
			assert.Equal(t, want, got, "%s Axpy(x, x) n=%d", l, n)
			// AxpyTo with dst = x and with dst = y.
			ref.AxpyTo(want, -2, x, y, l.Fused())
			gx := append([]float64(nil), x...)
			l.AxpyTo(gx, -2, gx, y)
			assert.Equal(t, want, gx, "%s AxpyTo(x, a, x, y) n=%d", l, n)
			gy := append([]float64(nil), y...)
			l.AxpyTo(gy, -2, x, gy)
			assert.Equal(t, want, gy, "%s AxpyTo(y, a, x, y) n=%d", l, n)
			// x and y may overlap freely: both are only read.
			buf := append(append([]float64(nil), x...), y...)
			ref.AxpyTo(want, 3, buf[1:n+1], buf[:n], l.Fused())
			d := make([]float64, n)
			l.AxpyTo(d, 3, buf[1:n+1], buf[:n])
			assert.Equal(t, want, d, "%s AxpyTo overlapping sources n=%d", l, n)

			x32 := make([]float32, n)
			randVec(r, x32)
			w32 := make([]float32, n)
			ref.AxpyTo(w32, 0.25, x32, x32, l.Fused())
			g32 := append([]float32(nil), x32...)
			l.Axpy32(0.25, g32, g32)
			assert.Equal(t, w32, g32, "%s Axpy32(x, x) n=%d", l, n)

			if n < 2 {
				continue
			}
			// Shifted overlaps panic, whichever way they are shifted.
			b := make([]float64, 2*n)
			assert.Contains(t, expectPanic(t, func() { l.Axpy(1, b[1:n+1], b[:n]) }), "kernels.Axpy: y and x overlap")
			assert.Contains(t, expectPanic(t, func() { l.Axpy(1, b[:n], b[1:n+1]) }), "kernels.Axpy: y and x overlap")
			assert.Contains(t, expectPanic(t, func() { l.AxpyTo(b[1:n+1], 1, b[:n], y) }), "kernels.AxpyTo: dst and x overlap")
			assert.Contains(t, expectPanic(t, func() { l.AxpyTo(b[:n], 1, x, b[n-1:2*n-1]) }), "kernels.AxpyTo: dst and y overlap")
			b32 := make([]float32, 2*n)
			assert.Contains(t, expectPanic(t, func() { l.Axpy32(1, b32[1:n+1], b32[:n]) }), "kernels.Axpy32: y and x overlap")
			assert.Contains(t, expectPanic(t, func() { l.AxpyTo32(b32[:n], 1, b32[n-1:2*n-1], b32[n:]) }), "kernels.AxpyTo32: dst and x overlap")
			// Adjacent, not overlapping: fine.
			l.Axpy(1, b[:n], b[n:])
			l.AxpyTo(b[n:], 1, b[:n], b[:n])
		}
	}
}

// TestShortPanics: a companion slice shorter than x panics with a message
// naming the function and both lengths; longer companions are fine.
func TestShortPanics(t *testing.T) {
	for _, l := range levels() {
		for _, n := range []int{1, 7, 17, 200} {
			x, short, long := make([]float64, n), make([]float64, n-1), make([]float64, n+3)
			x32, short32, long32 := make([]float32, n), make([]float32, n-1), make([]float32, n+3)
			want := func(fn, arg string) string {
				return "kernels." + fn + ": len(" + arg + ") = " + itoa(n-1) + " is shorter than len(x) = " + itoa(n)
			}
			assert.Equal(t, want("Dot", "y"), expectPanic(t, func() { l.Dot(x, short) }))
			assert.Equal(t, want("Dot32", "y"), expectPanic(t, func() { l.Dot32(x32, short32) }))
			assert.Equal(t, want("Axpy", "y"), expectPanic(t, func() { l.Axpy(1, x, short) }))
			assert.Equal(t, want("Axpy32", "y"), expectPanic(t, func() { l.Axpy32(1, x32, short32) }))
			assert.Equal(t, want("AxpyTo", "dst"), expectPanic(t, func() { l.AxpyTo(short, 1, x, long) }))
			assert.Equal(t, want("AxpyTo", "y"), expectPanic(t, func() { l.AxpyTo(long, 1, x, short) }))
			assert.Equal(t, want("AxpyTo32", "dst"), expectPanic(t, func() { l.AxpyTo32(short32, 1, x32, long32) }))
			assert.Equal(t, want("AxpyTo32", "y"), expectPanic(t, func() { l.AxpyTo32(long32, 1, x32, short32) }))
			// The package-level functions check the same way.
			assert.Equal(t, want("Dot", "y"), expectPanic(t, func() { kernels.Dot(x, short) }))
			// Longer companions: only len(x) elements are used or written.
			for i := range long {
				long[i] = 1
			}
			for i := range x {
				x[i] = 2
			}
			assert.Equal(t, float64(2*n), l.Dot(x, long))
			l.Axpy(1, x, long)
			assert.Equal(t, 3.0, long[n-1])
			assert.Equal(t, 1.0, long[n], "element past len(x) untouched")
		}
	}
}

func itoa(n int) string {
	s := ""
	if n == 0 {
		return "0"
	}
	for ; n > 0; n /= 10 {
		s = string(rune('0'+n%10)) + s
	}
	return s
}

// TestUnsupportedLevel: calling a level this CPU lacks panics with a clear
// message instead of dying of SIGILL.
func TestUnsupportedLevel(t *testing.T) {
	for _, l := range []kernels.Level{kernels.AVX2, kernels.AVX512, kernels.NEON} {
		if l.Supported() {
			continue
		}
		for _, n := range []int{3, 100} {
			msg := expectPanic(t, func() { l.Dot(make([]float64, n), make([]float64, n)) })
			assert.Equal(t, "kernels: level "+l.String()+" is not supported on this CPU", msg)
			msg = expectPanic(t, func() { l.Scale32(2, make([]float32, n)) })
			assert.Contains(t, msg, "not supported")
		}
	}
	assert.Contains(t, expectPanic(t, func() { kernels.Level(9).SumSq(make([]float64, 40)) }), "Level(9) is not supported")
}

// TestConcurrent calls every kernel from many goroutines at once (run under
// -race in CI): the kernels share no mutable state.
func TestConcurrent(t *testing.T) {
	const n = 3000
	x, y := make([]float64, n), make([]float64, n)
	r := rand.New(rand.NewPCG(9, 9))
	randVec(r, x)
	randVec(r, y)
	var wg sync.WaitGroup
	for g := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			l := levels()[g%len(levels())]
			want := l.Dot(x, y)
			own := make([]float64, n)
			x32 := make([]float32, n)
			for i := range x32 {
				x32[i] = float32(x[i])
			}
			for range 200 {
				if got := l.Dot(x, y); got != want {
					t.Errorf("%s: Dot changed from %v to %v", l, want, got)
					return
				}
				copy(own, y)
				l.Axpy(2, x, own)
				l.Scale(0.5, own)
				_ = l.Norm(own)
				_ = l.SumSq32(x32)
				_ = kernels.Dot(x, own)
			}
		}()
	}
	wg.Wait()
}

// TestExpectedISA fails when SAMKERN_EXPECT_ISA is set and names another
// level than the one selected: CI runs the test binary under qemu CPU models
// (Haswell must select avx2, SandyBridge generic) and with SAMKERN_ISA caps.
func TestExpectedISA(t *testing.T) {
	assert.Equal(t, kernels.Active().String(), kernels.ISA())
	assert.True(t, kernels.Active().Supported())
	ls := kernels.Levels()
	require.NotEmpty(t, ls)
	assert.Equal(t, kernels.Generic, ls[len(ls)-1])
	if os.Getenv(kernels.EnvISA) == "" {
		assert.Equal(t, ls[0], kernels.Active(), "without a cap the best level is used")
	}
	// What this machine cannot run is not tested here: say so, so that a CI
	// log shows it (qemu-x86_64 has no AVX-512 to fall back on).
	archLevels := map[string][]kernels.Level{"amd64": {kernels.AVX512, kernels.AVX2}, "arm64": {kernels.NEON}}
	var absent []string
	for _, l := range archLevels[runtime.GOARCH] {
		if !l.Supported() {
			absent = append(absent, l.String())
		}
	}
	t.Logf("levels run natively: %v; this CPU lacks, so no test here runs: %v", ls, absent)
	if want := os.Getenv("SAMKERN_EXPECT_ISA"); want != "" {
		require.Equal(t, want, kernels.ISA(), "selected level (CPU %v)", ls)
	}
	for l := range kernels.NEON + 1 {
		p, ok := kernels.ParseLevel(strings.ToUpper(l.String()))
		assert.True(t, ok)
		assert.Equal(t, l, p)
	}
	_, ok := kernels.ParseLevel("sse")
	assert.False(t, ok)
}

// TestEnvCap re-runs this test binary (only TestExpectedISA) with
// SAMKERN_ISA set and checks the level the child selects. The cases do not
// depend on the CPU beyond what this process sees, because under a qemu CPU
// model the child runs natively on the host, which has at least as much.
func TestEnvCap(t *testing.T) {
	cases := map[string]string{"generic": "generic", "bogus": "generic", "avx-512": "generic"}
	if kernels.AVX2.Supported() {
		cases["avx2"] = "avx2"
		cases["neon"] = "generic" // another architecture's level
	}
	if kernels.NEON.Supported() {
		cases["neon"] = "neon"
		cases["avx512"] = "generic"
	}
	for env, want := range cases {
		args := []string{os.Args[0], "-test.run=^TestExpectedISA$", "-test.count=1"}
		// Under user-mode emulation (GOARCH=arm64 go test -exec qemu-aarch64)
		// the child needs the emulator too; .ci/run names it here.
		if w := os.Getenv("SAMKERN_EXEC_WRAPPER"); w != "" {
			args = append([]string{w}, args...)
		}
		cmd := exec.Command(args[0], args[1:]...)
		cmd.Env = append(os.Environ(), "SAMKERN_ISA="+env, "SAMKERN_EXPECT_ISA="+want)
		out, err := cmd.CombinedOutput()
		assert.NoError(t, err, "SAMKERN_ISA=%q should select %s:\n%s", env, want, out)
	}
}
