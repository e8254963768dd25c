package kernels_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/samkern/samkern/internal/guard"
	"github.com/samkern/samkern/internal/ref"
	"github.com/samkern/samkern/kernels"
)

// vvecs is the state of one variant-kernel test: w, g, saved, keep, g2, m,
// v and next, each of the same length (DotPairWide32 reads g, g2 and m as
// x, a and b; CombineSumSq writes next from g and g2).
type vvecs[T ref.Float] [8][]T

const (
	vW = iota
	vG
	vSaved
	vKeep
	vG2
	vM
	vV
	vNext
)

var vNames = [8]string{"w", "g", "saved", "keep", "g2", "m", "v", "next"}

func (f vvecs[T]) clone() vvecs[T] {
	var c vvecs[T]
	for k, x := range f {
		c[k] = roomy(x)
	}
	return c
}

// vcase is one variant kernel with one set of options: run calls it on a
// level and returns its sum (0 if it has none), want applies the reference,
// and terms returns the pairs whose Σ x·y the sum must be (after want).
type vcase[T ref.Float] struct {
	name  string
	run   func(l kernels.Level, f vvecs[T]) [2]float64
	want  func(fused bool, f vvecs[T])
	terms func(fused bool, f vvecs[T]) [][2][]T
	long  bool // also run past the chunk size (one case per kernel does by default)
}

// vAPI is the exported kernels of one float type, as Level methods.
type vAPI[T ref.Float] struct {
	perturb     func(l kernels.Level, w, g, saved, keep []T, s T, zeroG bool)
	asamPerturb func(l kernels.Level, w, g, saved, keep []T, eta, s T, zeroG bool)
	sgd         func(l kernels.Level, w, saved, g, g2 []T, a, b, c float64, m []T, lr, mu, l2, dec float64, nest, zg, zg2 bool) float64
	adam        func(l kernels.Level, w, saved, g, g2 []T, a, b, c float64, m, v []T, lr, b1, b2, eps, dec float64, t int, zg, zg2 bool) float64
	diff        func(l kernels.Level, g, m []T, sigma T) float64
	fsam        func(l kernels.Level, w, g, m, saved, next []T, s, sigma, lambda T, zeroG bool)
	combine     func(l kernels.Level, dst, x, y []T, a, b T) float64
	// sgdRestore and adamWRestore, which the steps must reproduce.
	sgdRestore   func(l kernels.Level, w, saved, g, m []T, lr, mu, l2, dec float64, nest bool)
	adamWRestore func(l kernels.Level, w, saved, g, m, v []T, lr, b1, b2, eps, dec float64, t int)
}

var vAPI64 = vAPI[float64]{
	kernels.Level.Perturb, kernels.Level.ASAMPerturb, kernels.Level.SGDStep, kernels.Level.AdamWStep,
	kernels.Level.DiffSumSq, kernels.Level.FSAMPerturb, kernels.Level.CombineSumSq,
	kernels.Level.SGDRestore, kernels.Level.AdamWRestore,
}

var vAPI32 = vAPI[float32]{
	kernels.Level.Perturb32, kernels.Level.ASAMPerturb32, kernels.Level.SGDStep32, kernels.Level.AdamWStep32,
	kernels.Level.DiffSumSq32, kernels.Level.FSAMPerturb32, kernels.Level.CombineSumSq32,
	kernels.Level.SGDRestore32, kernels.Level.AdamWRestore32,
}

// stepOpts are the direction options the step kernels are tested with: the
// two gradients' coefficients, the last term's, the zeroing, and whether
// saved is w itself.
var stepOpts = []struct {
	name          string
	a, b, c       float64
	g2, zg, zg2   bool
	inPlace, half bool
}{
	{name: "plain", a: 1},
	{name: "clip", a: 0.37},
	{name: "two", a: 1.25, b: -0.4, g2: true},
	{name: "last", a: 0.8, c: -3e-3, g2: true},
	{name: "all", a: 0.9, b: 0.3, c: 0.02, g2: true, zg: true, zg2: true},
	{name: "zero", a: 1, zg: true},
	{name: "zero2", a: -2, b: 1, g2: true, zg2: true},
	{name: "inplace", a: 1.5, b: -0.75, g2: true, inPlace: true, zg: true},
	// The remaining combinations of the flags, each a copy of the loops
	// in the assembly.
	{name: "two-zero-both", a: 0.5, b: 0.5, g2: true, zg: true, zg2: true},
	{name: "last-zero", a: 1, b: -1, c: 0.1, g2: true, zg: true},
	{name: "last-zero2", a: 0.7, c: -0.25, g2: true, zg2: true},
}

func variantCases[T ref.Float](api vAPI[T], suffix string) []vcase[T] {
	var cs []vcase[T]
	none := func(bool, vvecs[T]) [][2][]T { return nil }
	for _, keep := range []bool{false, true} {
		for _, zg := range []bool{false, true} {
			tag := fmt.Sprintf("%s/keep=%v/zero=%v", suffix, keep, zg)
			kv := func(f vvecs[T]) []T {
				if keep {
					return f[vKeep]
				}
				return nil
			}
			cs = append(cs, vcase[T]{"Perturb" + tag,
				func(l kernels.Level, f vvecs[T]) [2]float64 {
					api.perturb(l, f[vW], f[vG], f[vSaved], kv(f), 0.0371, zg)
					return [2]float64{}
				},
				func(fu bool, f vvecs[T]) { ref.Perturb(f[vW], f[vG], f[vSaved], kv(f), 0.0371, zg, fu) }, none, keep && zg})
			cs = append(cs, vcase[T]{"ASAMPerturb" + tag,
				func(l kernels.Level, f vvecs[T]) [2]float64 {
					api.asamPerturb(l, f[vW], f[vG], f[vSaved], kv(f), 0.01, -0.3, zg)
					return [2]float64{}
				},
				func(fu bool, f vvecs[T]) { ref.ASAMPerturb(f[vW], f[vG], f[vSaved], kv(f), 0.01, -0.3, zg, fu) }, none, keep && zg})
		}
	}
	mTerms := func(_ bool, f vvecs[T]) [][2][]T { return [][2][]T{{f[vM], f[vM]}} }
	// Each option runs with one of the settings, in turn: the settings
	// change coefficients, not paths, so every option and every setting
	// run, and the full mode spends its time on lengths and offsets.
	pick := func(k, j, n int) bool { return k == j%n }
	for k, s := range sgdSettings {
		for j, o := range stepOpts {
			if !pick(k, j, len(sgdSettings)) {
				continue
			}
			vecs := func(f vvecs[T]) (saved, g2 []T) {
				saved, g2 = f[vSaved], f[vG2]
				if o.inPlace {
					saved = f[vW]
				}
				if !o.g2 {
					g2 = nil
				}
				return saved, g2
			}
			cs = append(cs, vcase[T]{fmt.Sprintf("SGDStep%s/%d/%s", suffix, k, o.name),
				func(l kernels.Level, f vvecs[T]) [2]float64 {
					saved, g2 := vecs(f)
					return [2]float64{api.sgd(l, f[vW], saved, f[vG], g2, o.a, o.b, o.c, f[vM], s.lr, s.mu, s.l2, s.dec, s.nest, o.zg, o.zg2)}
				},
				func(fu bool, f vvecs[T]) {
					saved, g2 := vecs(f)
					ref.SGDStep(f[vW], saved, f[vG], g2, o.a, o.b, o.c, f[vM], s.lr, s.mu, s.l2, s.dec, s.nest, o.zg, o.zg2, fu)
				}, mTerms, j == len(stepOpts)-4})
		}
	}
	for k, s := range adamSettings {
		for j, o := range stepOpts {
			if !pick(k, j, len(adamSettings)) {
				continue
			}
			vecs := func(f vvecs[T]) (saved, g2 []T) {
				saved, g2 = f[vSaved], f[vG2]
				if o.inPlace {
					saved = f[vW]
				}
				if !o.g2 {
					g2 = nil
				}
				return saved, g2
			}
			cs = append(cs, vcase[T]{fmt.Sprintf("AdamWStep%s/%d/%s", suffix, k, o.name),
				func(l kernels.Level, f vvecs[T]) [2]float64 {
					saved, g2 := vecs(f)
					return [2]float64{api.adam(l, f[vW], saved, f[vG], g2, o.a, o.b, o.c, f[vM], f[vV],
						s.lr, s.b1, s.b2, s.eps, s.dec, s.t, o.zg, o.zg2)}
				},
				func(fu bool, f vvecs[T]) {
					saved, g2 := vecs(f)
					ref.AdamWStep(f[vW], saved, f[vG], g2, o.a, o.b, o.c, f[vM], f[vV], s.lr, s.b1, s.b2, s.eps, s.dec, s.t, o.zg, o.zg2, fu)
				}, mTerms, j == len(stepOpts)-4})
		}
	}
	for _, sigma := range []T{1, 0.3} {
		cs = append(cs, vcase[T]{fmt.Sprintf("DiffSumSq%s/%v", suffix, sigma),
			func(l kernels.Level, f vvecs[T]) [2]float64 { return [2]float64{api.diff(l, f[vG], f[vM], sigma)} },
			func(bool, vvecs[T]) {},
			func(fu bool, f vvecs[T]) [][2][]T {
				d := ref.DiffTerms(f[vG], f[vM], sigma, fu)
				return [][2][]T{{d, d}}
			}, sigma == 1})
	}
	for _, zg := range []bool{false, true} {
		cs = append(cs, vcase[T]{fmt.Sprintf("FSAMPerturb%s/zero=%v", suffix, zg),
			func(l kernels.Level, f vvecs[T]) [2]float64 {
				api.fsam(l, f[vW], f[vG], f[vM], f[vSaved], f[vNext], 0.043, 0.9, 0.85, zg)
				return [2]float64{}
			},
			func(fu bool, f vvecs[T]) {
				ref.FSAMPerturb(f[vW], f[vG], f[vM], f[vSaved], f[vNext], 0.043, 0.9, 0.85, zg, fu)
			}, none, zg})
	}
	// CombineSumSq into a vector of its own, and in place into x and into y.
	for _, into := range []int{vNext, vG, vG2} {
		cs = append(cs, vcase[T]{fmt.Sprintf("CombineSumSq%s/into=%s", suffix, vNames[into]),
			func(l kernels.Level, f vvecs[T]) [2]float64 {
				return [2]float64{api.combine(l, f[into], f[vG], f[vG2], 1, -0.61)}
			},
			func(fu bool, f vvecs[T]) { ref.Combine(f[into], f[vG], f[vG2], 1, -0.61, fu) },
			func(_ bool, f vvecs[T]) [][2][]T { return [][2][]T{{f[into], f[into]}} }, into == vG})
	}
	cs = append(cs, vcase[T]{"CombineSumSq" + suffix + "/scaled",
		func(l kernels.Level, f vvecs[T]) [2]float64 {
			return [2]float64{api.combine(l, f[vNext], f[vG], f[vG2], 0.7, 2.5)}
		},
		func(fu bool, f vvecs[T]) { ref.Combine(f[vNext], f[vG], f[vG2], 0.7, 2.5, fu) },
		func(_ bool, f vvecs[T]) [][2][]T { return [][2][]T{{f[vNext], f[vNext]}} }, false})
	return cs
}

// wideCases is DotPairWide32, the one kernel without a float64 twin.
func wideCases() []vcase[float32] {
	return []vcase[float32]{{"DotPairWide32",
		func(l kernels.Level, f vvecs[float32]) [2]float64 {
			xa, xb := l.DotPairWide32(f[vG], f[vG2], f[vM])
			return [2]float64{xa, xb}
		},
		func(bool, vvecs[float32]) {},
		func(_ bool, f vvecs[float32]) [][2][]float32 { return [][2][]float32{{f[vG], f[vG2]}, {f[vG], f[vM]}} }, true},
		{"DotPairWide32/aliased",
			func(l kernels.Level, f vvecs[float32]) [2]float64 {
				xa, xb := l.DotPairWide32(f[vG], f[vG2], f[vG])
				return [2]float64{xa, xb}
			},
			func(bool, vvecs[float32]) {},
			func(_ bool, f vvecs[float32]) [][2][]float32 { return [][2][]float32{{f[vG], f[vG2]}, {f[vG], f[vG]}} }, false}}
}

func variantCases64() []vcase[float64] { return variantCases(vAPI64, "") }
func variantCases32() []vcase[float32] { return append(variantCases(vAPI32, "32"), wideCases()...) }

// fusedFor reports whether the kernel a case name starts with runs fused
// multiply-adds on level l: whether l has assembly for it (Level.Kernels),
// so that a level still without it is held to Generic's bits.
func fusedFor(l kernels.Level, name string) bool {
	name, _, _ = strings.Cut(name, "/")
	for _, k := range l.Kernels() {
		if k.Name == name {
			return k.Level.Fused()
		}
	}
	panic("no kernel " + name)
}

// newVariant fills the vectors like newFused: v non-negative.
func newVariant[T ref.Float](r *rand.Rand, n, off int) vvecs[T] {
	var f vvecs[T]
	for k := range f {
		f[k] = aligned[T](n, (off+k)%8)
		randVec(r, f[k])
	}
	for i := range f[vV] {
		f[vV][i] = T(math.Ldexp(r.Float64(), -r.IntN(12)))
	}
	return f
}

// checkVariant runs c on l and compares every vector with the reference's
// bits and the sums with the exact sums of the reference's terms.
func checkVariant[T ref.Float](l kernels.Level, c vcase[T], f vvecs[T]) string {
	got, want := f.clone(), f.clone()
	sums := c.run(l, got)
	fu := fusedFor(l, c.name)
	c.want(fu, want)
	for k := range want {
		if i := firstDiff(got[k], want[k]); i >= 0 {
			return fmt.Sprintf("%s[%d] = %v, want %v", vNames[k], i, got[k][i], want[k][i])
		}
		if i := roomChanged(got[k]); i >= 0 {
			return fmt.Sprintf("%s: cell %d past its length was written (%v)", vNames[k], i, got[k][len(got[k])+i])
		}
	}
	for k, p := range c.terms(fu, want) {
		n := len(p[0])
		if err := ref.CheckDot(sums[k], p[0], p[1], n+8, ref.Unit[float64](), ref.Eta[float64](), math.MaxFloat64); err != nil {
			return fmt.Sprintf("sum %d: %v", k, err)
		}
	}
	return ""
}

// testVariants demands the reference's bits from every level at every
// default length and offset (as testFused), and the sums within their
// bounds.
func testVariants[T ref.Float](t *testing.T, cases []vcase[T]) {
	for _, l := range levels() {
		for _, c := range cases {
			t.Run(c.name+"/"+l.String(), func(t *testing.T) {
				r := newRand(t, 31)
				for _, n := range smallLengths() {
					for _, off := range fusedOffsets(n) {
						if d := checkVariant(l, c, newVariant[T](r, n, off)); d != "" {
							t.Fatalf("n=%d off=%d: %s", n, off, d)
						}
					}
				}
				for _, n := range largeLengths() {
					// The long lengths add chunking and the streaming
					// stores, which the options do not change: the
					// cases marked long cover them, in both modes.
					if !c.long {
						break
					}
					if d := checkVariant(l, c, newVariant[T](r, n, 3)); d != "" {
						t.Fatalf("n=%d: %s", n, d)
					}
				}
			})
		}
	}
}

func TestVariants64(t *testing.T) { testVariants(t, variantCases64()) }
func TestVariants32(t *testing.T) { testVariants(t, variantCases32()) }

// TestVariantsSpecial: NaN, infinities, signed zeros, subnormals and values
// near overflow anywhere in the inputs reach the outputs as the
// reference's sequence says, and the sums as CheckDot's rules for
// non-finite terms say (a NaN term gives NaN).
func TestVariantsSpecial(t *testing.T) {
	testVariantsSpecial(t, variantCases64())
	testVariantsSpecial(t, variantCases32())
}

func testVariantsSpecial[T ref.Float](t *testing.T, cases []vcase[T]) {
	for _, l := range levels() {
		r := newRand(t, 32)
		for k := range 200 {
			n := []int{1, 3, 8, 17, 33, 65, 130}[k%7]
			f := newVariant[T](r, n, k%8)
			for j := 0; j < 1+k%3; j++ {
				x := f[r.IntN(len(f))]
				x[r.IntN(n)] = T(specialValues[r.IntN(len(specialValues))])
			}
			for i := range f[vV] {
				f[vV][i] = T(math.Abs(float64(f[vV][i])))
			}
			for _, c := range cases {
				if d := checkVariant(l, c, f); d != "" {
					t.Fatalf("%s %s n=%d: %s", l, c.name, n, d)
				}
			}
		}
	}
}

// TestStepsAreRestores: SGDStep and AdamWStep with a = 1, no second
// gradient and no zeroing give SGDRestore's and AdamWRestore's bits, on
// every level, and the sum is Σ m² of the momentum they write; Perturb and
// ASAMPerturb without keep or zeroing give PerturbSave's and
// ASAMPerturbSave's.
func TestStepsAreRestores(t *testing.T) {
	stepsAreRestores(t, vAPI64)
	stepsAreRestores(t, vAPI32)
}

func stepsAreRestores[T ref.Float](t *testing.T, api vAPI[T]) {
	// A level without a new kernel's assembly yet runs the reference,
	// whose bits differ from the old kernel's assembly.
	ready := func(l kernels.Level, step, restore string) bool { return fusedFor(l, step) == fusedFor(l, restore) }
	for _, l := range levels() {
		r := newRand(t, 33)
		for _, n := range []int{0, 1, 7, 16, 33, 100, 1<<16 + 3} {
			for _, s := range sgdSettings {
				if !ready(l, "SGDStep", "SGDRestore") {
					break
				}
				f := newVariant[T](r, n, n%8)
				a, b := f.clone(), f.clone()
				sum := api.sgd(l, a[vW], a[vSaved], a[vG], nil, 1, 0, 0, a[vM], s.lr, s.mu, s.l2, s.dec, s.nest, false, false)
				api.sgdRestore(l, b[vW], b[vSaved], b[vG], b[vM], s.lr, s.mu, s.l2, s.dec, s.nest)
				require.Equal(t, b, a, "%s SGDStep n=%d", l, n)
				require.NoError(t, ref.CheckDot(sum, b[vM], b[vM], n+8, ref.Unit[float64](), ref.Eta[float64](), math.MaxFloat64))
			}
			for _, s := range adamSettings {
				if !ready(l, "AdamWStep", "AdamWRestore") {
					break
				}
				f := newVariant[T](r, n, n%8)
				a, b := f.clone(), f.clone()
				api.adam(l, a[vW], a[vSaved], a[vG], nil, 1, 0, 0, a[vM], a[vV], s.lr, s.b1, s.b2, s.eps, s.dec, s.t, false, false)
				api.adamWRestore(l, b[vW], b[vSaved], b[vG], b[vM], b[vV], s.lr, s.b1, s.b2, s.eps, s.dec, s.t)
				require.Equal(t, b, a, "%s AdamWStep n=%d", l, n)
			}
			f := newVariant[T](r, n, n%8)
			a, b := f.clone(), f.clone()
			api.perturb(l, a[vW], a[vG], a[vSaved], nil, 0.2, false)
			switch p := any(b).(type) {
			case vvecs[float64]:
				l.PerturbSave(p[vW], p[vG], p[vSaved], 0.2)
			case vvecs[float32]:
				l.PerturbSave32(p[vW], p[vG], p[vSaved], 0.2)
			}
			require.Equal(t, b, a, "%s Perturb n=%d", l, n)
			f = newVariant[T](r, n, n%8)
			a, b = f.clone(), f.clone()
			api.asamPerturb(l, a[vW], a[vG], a[vSaved], nil, 0.01, 0.2, false)
			switch p := any(b).(type) {
			case vvecs[float64]:
				l.ASAMPerturbSave(p[vW], p[vG], p[vSaved], 0.01, 0.2)
			case vvecs[float32]:
				l.ASAMPerturbSave32(p[vW], p[vG], p[vSaved], 0.01, 0.2)
			}
			require.Equal(t, b, a, "%s ASAMPerturb n=%d", l, n)
		}
	}
}

// TestVariantsGuard runs every variant kernel with every vector flush
// against a guard page, alternately at the start and the end of its
// buffer, at every default small length.
func TestVariantsGuard(t *testing.T) {
	var bufs [8]*guard.Buffer
	for i := range bufs {
		var err error
		bufs[i], err = guard.New((3*maxUnroll + 2) * 8)
		require.NoError(t, err)
		t.Cleanup(func() { _ = bufs[i].Free() })
	}
	variantsGuard(t, bufs, variantCases64())
	variantsGuard(t, bufs, variantCases32())
}

func variantsGuard[T ref.Float](t *testing.T, bufs [8]*guard.Buffer, cases []vcase[T]) {
	r := newRand(t, 34)
	for _, l := range levels() {
		for _, n := range smallLengths() {
			for _, flip := range []bool{false, true} {
				var f vvecs[T]
				for k := range f {
					if (k%2 == 0) != flip {
						f[k] = guard.Head[T](bufs[k], n)
					} else {
						f[k] = guard.Tail[T](bufs[k], n)
					}
				}
				src := newVariant[T](r, n, 0)
				for _, c := range cases {
					for k := range f {
						copy(f[k], src[k])
					}
					want := src.clone()
					sums := c.run(l, f)
					fu := fusedFor(l, c.name)
					c.want(fu, want)
					for k := range want {
						if i := firstDiff(f[k], want[k]); i >= 0 {
							t.Fatalf("%s %s n=%d: %s[%d] = %v, want %v", l, c.name, n, vNames[k], i, f[k][i], want[k][i])
						}
					}
					for k, p := range c.terms(fu, want) {
						require.NoError(t, ref.CheckDot(sums[k], p[0], p[1], n+8, ref.Unit[float64](), ref.Eta[float64](), math.MaxFloat64),
							"%s %s n=%d sum %d", l, c.name, n, k)
					}
				}
			}
		}
	}
}

// TestVariantsPanics: short vectors, overlaps the documentation forbids
// and t < 1 panic naming the function and the vectors; the overlaps it
// allows (saved = w, dst = x or y, DotPairWide32's inputs) and empty
// vectors do not.
func TestVariantsPanics(t *testing.T) {
	const n = 8
	v := func() []float64 { return make([]float64, n) }
	v32 := func() []float32 { return make([]float32, n) }
	w, g, s, k, g2, m, mv := v(), v(), v(), v(), v(), v(), v()
	wide := make([]float64, 2*n) // two overlapping vectors of n: wide[:n] and wide[1:n+1]
	for _, l := range levels() {
		cases := map[string]func(){
			"kernels.Perturb: len(keep) = 7 is shorter than len(w) = 8":    func() { l.Perturb(w, g, s, k[:7], 1, false) },
			"kernels.Perturb: g overlaps keep":                             func() { l.Perturb(w, g, s, g, 1, false) },
			"kernels.Perturb32: len(saved) = 3 is shorter than len(w) = 8": func() { l.Perturb32(v32(), v32(), v32()[:3], nil, 1, true) },
			"kernels.ASAMPerturb: w overlaps keep":                         func() { l.ASAMPerturb(wide[:n], g, s, wide[1:n+1], 0.1, 1, false) },
			"kernels.SGDStep: len(g2) = 2 is shorter than len(w) = 8": func() {
				l.SGDStep(w, s, g, g2[:2], 1, 0, 0, m, 0.1, 0.9, 0, 0, false, false, false)
			},
			"kernels.SGDStep: w overlaps saved": func() {
				l.SGDStep(wide[:n], wide[1:n+1], g, nil, 1, 0, 0, m, 0.1, 0.9, 0, 0, false, false, false)
			},
			"kernels.SGDStep: g overlaps g2": func() {
				l.SGDStep(w, s, g, g, 1, 1, 0, m, 0.1, 0.9, 0, 0, false, false, false)
			},
			"kernels.SGDStep32: saved overlaps m": func() {
				x := v32()
				l.SGDStep32(v32(), x, v32(), nil, 1, 0, 0, x, 0.1, 0.9, 0, 0, false, false, false)
			},
			"kernels.AdamWStep: m overlaps v": func() {
				l.AdamWStep(w, s, g, nil, 1, 0, 0, m, m, 1e-3, 0.9, 0.999, 1e-8, 0, 1, false, false)
			},
			"kernels.AdamWStep: step t must be at least 1": func() {
				l.AdamWStep(w, s, g, nil, 1, 0, 0, m, mv, 1e-3, 0.9, 0.999, 1e-8, 0, 0, false, false)
			},
			"kernels.AdamWStep32: len(v) = 1 is shorter than len(w) = 8": func() {
				l.AdamWStep32(v32(), v32(), v32(), nil, 1, 0, 0, v32(), v32()[:1], 1e-3, 0.9, 0.999, 1e-8, 0, 1, false, false)
			},
			"kernels.AdamWStep: len(v) = 0 is shorter than len(w) = 8": func() {
				l.AdamWStep(w, s, g, nil, 1, 0, 0, m, nil, 1e-3, 0.9, 0.999, 1e-8, 0, 1, false, false)
			},
			"kernels.DotPairWide32: len(b) = 7 is shorter than len(x) = 8": func() { l.DotPairWide32(v32(), v32(), v32()[:7]) },
			"kernels.DiffSumSq: len(m) = 5 is shorter than len(g) = 8":     func() { l.DiffSumSq(g, m[:5], 1) },
			"kernels.FSAMPerturb: m overlaps next":                         func() { l.FSAMPerturb(w, g, m, s, m, 0.1, 1, 0.9, false) },
			"kernels.FSAMPerturb32: len(next) = 4 is shorter than len(w) = 8": func() {
				l.FSAMPerturb32(v32(), v32(), v32(), v32(), v32()[:4], 0.1, 1, 0.9, false)
			},
			"kernels.CombineSumSq: len(y) = 6 is shorter than len(dst) = 8": func() { l.CombineSumSq(w, g, g2[:6], 1, 1) },
			"kernels.CombineSumSq: dst overlaps x":                          func() { l.CombineSumSq(w[:7], w[1:], g2, 1, 1) },
		}
		for want, f := range cases {
			assert.Equal(t, want, expectPanic(t, f), l.String())
		}
		// Allowed: saved = w, dst = x and dst = y, overlapping reads.
		l.SGDStep(w, w, g, g2, 1, 1, 0, m, 0.1, 0.9, 0, 0, false, false, false)
		l.AdamWStep(w, w, g, nil, 1, 0, 0, m, mv, 1e-3, 0.9, 0.999, 1e-8, 0, 1, false, false)
		l.CombineSumSq(g, g, g2, 1, 1)
		l.CombineSumSq(g2, g, g2, 1, 1)
		l.DotPairWide32(v32(), v32(), v32())
		// Empty vectors.
		l.Perturb(nil, nil, nil, nil, 1, true)
		assert.Equal(t, 0.0, l.SGDStep32(nil, nil, nil, nil, 1, 0, 0, nil, 0.1, 0.9, 0, 0, true, true, true))
		assert.Equal(t, 0.0, l.DiffSumSq32(nil, nil, 1))
		assert.Equal(t, 0.0, l.CombineSumSq(nil, nil, nil, 1, 1))
		xa, xb := l.DotPairWide32(nil, nil, nil)
		assert.Equal(t, [2]float64{}, [2]float64{xa, xb})
	}
}

// TestVariantsNoAllocs: the checks and the chunking allocate nothing, as
// the optimizer's zero-allocation steps need.
func TestVariantsNoAllocs(t *testing.T) {
	const n = 100
	f := newVariant[float32](newRand(t, 35), n, 0)
	for _, l := range levels() {
		allocs := testing.AllocsPerRun(20, func() {
			l.Perturb32(f[vW], f[vG], f[vSaved], f[vKeep], 0.1, true)
			l.ASAMPerturb32(f[vW], f[vG], f[vSaved], nil, 0.01, 0.1, false)
			l.SGDStep32(f[vW], f[vSaved], f[vG], f[vG2], 1, 0.1, 0.01, f[vM], 0.1, 0.9, 0, 0, true, true, false)
			l.AdamWStep32(f[vW], f[vW], f[vG], nil, 1, 0, 0, f[vM], f[vV], 1e-3, 0.9, 0.999, 1e-8, 0, 3, false, false)
			l.DotPairWide32(f[vG], f[vG2], f[vG])
			l.DiffSumSq32(f[vG], f[vM], 1)
			l.FSAMPerturb32(f[vW], f[vG], f[vM], f[vSaved], f[vNext], 0.1, 1, 0.9, true)
			l.CombineSumSq32(f[vNext], f[vG], f[vNext], 1, -0.5)
		})
		assert.Zero(t, allocs, l.String())
	}
}

// TestStepTinyC: a c that rounds to 0 in float32 adds no last term to
// SGDStep32 and AdamWStep32 (whose kernels see the rounded c), even where
// g2 − g overflows to ∞ (0·∞ would make w NaN) or w is −0 (w + 0·0 would
// be +0).
func TestStepTinyC(t *testing.T) {
	big := float32(math.MaxFloat32)
	for _, l := range levels() {
		w, s, m, v := []float32{1, float32(math.Copysign(0, -1))}, []float32{1, float32(math.Copysign(0, -1))}, []float32{0, 0}, []float32{0, 0}
		g, g2 := []float32{-big, 0}, []float32{big, 0}
		l.SGDStep32(w, s, g, g2, 1, 0, 1e-50, m, 0.1, 0.9, 0, 0, false, false, false)
		assert.False(t, math.IsNaN(float64(w[0])), "%s SGDStep32: w[0] = %v", l, w[0])
		assert.True(t, math.Signbit(float64(w[1])), "%s SGDStep32: w[1] = %v", l, w[1])
		w, m = []float32{1, float32(math.Copysign(0, -1))}, []float32{0, 0}
		l.AdamWStep32(w, s, g, g2, 1, 0, 1e-50, m, v, 1e-3, 0.9, 0.999, 1e-8, 0, 1, false, false)
		assert.False(t, math.IsNaN(float64(w[0])), "%s AdamWStep32: w[0] = %v", l, w[0])
		assert.True(t, math.Signbit(float64(w[1])), "%s AdamWStep32: w[1] = %v", l, w[1])
	}
}
