package kernels

import (
	"fmt"
	"os"
	"slices"
	"strings"
)

// Level is an instruction-set level: a complete set of kernel implementations
// that needs a particular CPU feature set. The package-level functions (Dot,
// Axpy, ...) run on the level chosen at start-up, Active(); every level the
// CPU supports can also be called directly through its methods, which is how
// the tests compare each one with the reference.
type Level uint8

// The levels. Generic is pure Go and runs everywhere; with SAMKERN_ISA=generic
// every kernel gives bit-identical results on every machine, because the
// generic code rounds each product explicitly and fixes its summation order.
const (
	Generic Level = iota // pure Go, no fused multiply-add
	AVX2                 // amd64 with AVX2 and FMA3
	AVX512               // amd64 with AVX-512 F (plus AVX2 and FMA3)
	NEON                 // arm64 Advanced SIMD
	numLevels
)

var levelNames = [numLevels]string{"generic", "avx2", "avx512", "neon"}

// String returns the level's name as ISA reports it and SAMKERN_ISA accepts
// it: "generic", "avx2", "avx512" or "neon".
func (l Level) String() string {
	if l < numLevels {
		return levelNames[l]
	}
	return fmt.Sprintf("Level(%d)", uint8(l))
}

// ParseLevel returns the level with the given name, ignoring case and
// surrounding space. It reports false for an unknown name.
func ParseLevel(name string) (Level, bool) {
	name = strings.ToLower(strings.TrimSpace(name))
	for l, n := range levelNames {
		if n == name {
			return Level(l), true
		}
	}
	return Generic, false
}

// Supported reports whether this CPU (and this build) can run level l.
func (l Level) Supported() bool { return l < numLevels && supported&(1<<l) != 0 }

// Fused reports whether the level's element-wise kernels (Axpy, AxpyTo and
// the fused optimizer updates) round a*x+y once, with a fused multiply-add.
// The SIMD levels do; Generic rounds the product and the sum separately so
// that it gives the same bits on every machine.
func (l Level) Fused() bool { return l != Generic }

// Levels returns the levels this CPU and build support, best first. The last
// one is always Generic.
func Levels() []Level {
	var ls []Level
	for _, l := range order {
		if l.Supported() {
			ls = append(ls, l)
		}
	}
	return ls
}

// Active returns the level the package-level functions use: the best
// supported level, capped by the environment variable SAMKERN_ISA.
func Active() Level { return active }

// ISA returns the name of the level the package-level functions use:
// "avx512", "avx2", "neon" or "generic". It always names the code that runs.
func ISA() string { return active.String() }

// EnvISA is the environment variable that caps the level chosen at start-up.
const EnvISA = "SAMKERN_ISA"

var (
	// supported is a bit set of the levels this CPU can run (bit l for Level l).
	supported uint8 = 1 << Generic
	// order lists this architecture's levels from best to worst.
	order = []Level{Generic}
	// active is the level the package-level functions run on.
	active = Generic
)

func init() {
	detect() // architecture specific: fills supported and order
	active = choose(os.Getenv(EnvISA))
}

// choose returns the level to use given the value of SAMKERN_ISA. An empty
// value means no cap. A known level that the CPU cannot run caps at the best
// level below it that it can; a name that is unknown, or that belongs to
// another architecture, caps at Generic, the one level every CPU shares.
func choose(env string) Level {
	want := order[0]
	if env = strings.TrimSpace(env); env != "" {
		var ok bool
		if want, ok = ParseLevel(env); !ok {
			return Generic
		}
	}
	capIdx := -1
	for i, l := range order {
		if l == want {
			capIdx = i
			break
		}
	}
	if capIdx < 0 { // not a level of this architecture
		return Generic
	}
	for _, l := range order[capIdx:] {
		if l.Supported() {
			return l
		}
	}
	return Generic
}

// mustSupport panics unless the CPU supports l.
func (l Level) mustSupport() {
	if supported&(1<<l) == 0 {
		panicLevel(l)
	}
}

// panicLevel reports a call on a level this CPU cannot run, which would
// otherwise die of SIGILL far from the cause. Not inlined, so that its
// callers stay small enough to be.
//
//go:noinline
func panicLevel(l Level) {
	panic("kernels: level " + l.String() + " is not supported on this CPU")
}

// KernelInfo names a kernel and the level whose code it runs.
type KernelInfo struct {
	Name  string // the package-level function, e.g. "Dot32"
	Level Level  // the level whose code runs: l, or Generic where l has no assembly for it
}

// Kernels reports, for every kernel of the package, the level whose code
// it runs when called on level l: l where l has assembly for it, Generic
// where it does not (yet), so that a report such as `samkern cpu` can say
// exactly what runs.
func (l Level) Kernels() []KernelInfo {
	out := make([]KernelInfo, 0, len(kernelTable))
	for _, k := range kernelTable {
		lv := l
		for _, p := range k.parts {
			if l != Generic && !slices.Contains(asmKernels[p], l) {
				lv = Generic
			}
		}
		out = append(out, KernelInfo{Name: k.name, Level: lv})
	}
	return out
}
