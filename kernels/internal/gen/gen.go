// Package gen produces the per-architecture dispatch files of package
// kernels (dispatch_amd64.go, dispatch_arm64.go, dispatch_noasm.go) and its
// kernel table (table.go) from the table of kernels below, the one place
// that says which kernels exist, which exported function and Level method
// runs each, which levels have assembly for it and where it lives.
// `go generate ./kernels` writes them (through ./internal/gen/cmd);
// TestGenerated in package kernels fails when the files on disk differ from
// what Files returns.
//
// Why generated: each exported Level method must check its arguments and
// call the assembly directly in one Go frame. A call costs the inliner 57 of
// its budget of 80, so a helper holding the switch over levels can never be
// inlined, and an extra frame is a few nanoseconds that a short vector would
// notice. Writing the switch out in every method for every architecture by
// hand would be error-prone; the table keeps one definition.
package gen

import (
	"bytes"
	"fmt"
	"go/format"
	"slices"
	"strconv"
	"strings"
)

// kernel is one private kernel (with its assembly on each level and its
// pure-Go reference), the exported Level method that runs it, or both.
type kernel struct {
	name   string // private base name: dot → dotAVX512, dotAVX2, dotNEON, dotGeneric
	params string // parameter list of the private kernel
	args   string // its argument names, in order
	result string // result type, or ""
	op     string // what the kernel computes, for the assembly's doc comments
	group  string // level1, level2 or fused: the files it lives in (see files)
	nt     string // the vector stored with non-temporal stores when nt is set
	nt2    string // the second one, with flNT2 (AVX-512 only)
	plan   bool   // a reduction whose summation order TestSumStructure pins

	method  string   // exported Level method (and package-level function), or ""
	hand    string   // the file where the method is written by hand; "" = generated here
	uses    []string // the private kernels a hand-written method calls, if not name
	mparams string   // the method's parameters, if different from params
	prep    string   // statements checking and reslicing the arguments
	long    string   // statement handling len > chunk (must return)
	tiny    string   // statement handling len <= tiny in Go (must return)
	call    string   // arguments of the kernel call from the method, if not args
	doc     string   // the method's doc comment, without "// "
}

var kernels = []kernel{
	{name: "dot", params: "x, y []float64", args: "x, y", result: "float64", group: "level1", plan: true,
		op:     "returns Σ x[i]·y[i] over len(x) elements",
		tiny:   "if tinyOK(l, len(x)) {\nreturn dotTiny(x, y)\n}",
		method: "Dot", doc: "Dot is the package-level Dot on level l. Like every Level method, it\npanics if l is not supported on this CPU.",
		prep: dotPrep("Dot"),
		long: "if len(x) > chunk {\nreturn reduceChunks(x, y, l.dot)\n}"},
	{name: "dot32", params: "x, y []float32", args: "x, y", result: "float32", group: "level1", plan: true,
		op:     "returns Σ x[i]·y[i] over len(x) elements, in float32",
		tiny:   "if tinyOK(l, len(x)) {\nreturn dotTiny(x, y)\n}",
		method: "Dot32", doc: "Dot32 is the package-level Dot32 on level l.",
		prep: dotPrep("Dot32"),
		long: "if len(x) > chunk {\nreturn reduceChunks(x, y, l.dot32)\n}"},
	{name: "axpyTo", params: "dst []float64, alpha float64, x, y []float64", args: "dst, alpha, x, y", group: "level1",
		op: "sets dst[i] = alpha·x[i] + y[i], one rounding (dst may be x or y)"},
	{name: "axpyTo32", params: "dst []float32, alpha float32, x, y []float32", args: "dst, alpha, x, y", group: "level1",
		op: "sets dst[i] = alpha·x[i] + y[i], one rounding (dst may be x or y)"},
	{name: "axpyTo", method: "Axpy", mparams: "alpha float64, x, y []float64", call: "y, alpha, x, y",
		doc:  "Axpy is the package-level Axpy on level l.",
		prep: axpyPrep("Axpy"),
		long: "if len(x) > chunk {\naxpyChunks(y, alpha, x, y, l.axpyTo)\nreturn\n}"},
	{name: "axpyTo32", method: "Axpy32", mparams: "alpha float32, x, y []float32", call: "y, alpha, x, y",
		doc:  "Axpy32 is the package-level Axpy32 on level l.",
		prep: axpyPrep("Axpy32"),
		long: "if len(x) > chunk {\naxpyChunks(y, alpha, x, y, l.axpyTo32)\nreturn\n}"},
	{name: "axpyTo", method: "AxpyTo", mparams: "dst []float64, alpha float64, x, y []float64", call: "dst, alpha, x, y",
		doc:  "AxpyTo is the package-level AxpyTo on level l.",
		prep: axpyToPrep("AxpyTo"),
		long: "if len(x) > chunk {\naxpyChunks(dst, alpha, x, y, l.axpyTo)\nreturn\n}"},
	{name: "axpyTo32", method: "AxpyTo32", mparams: "dst []float32, alpha float32, x, y []float32", call: "dst, alpha, x, y",
		doc:  "AxpyTo32 is the package-level AxpyTo32 on level l.",
		prep: axpyToPrep("AxpyTo32"),
		long: "if len(x) > chunk {\naxpyChunks(dst, alpha, x, y, l.axpyTo32)\nreturn\n}"},
	{name: "scale", params: "alpha float64, x []float64", args: "alpha, x", group: "level1",
		op:     "sets x[i] *= alpha",
		tiny:   "if tinyOK(l, len(x)) {\nscaleTiny(alpha, x)\nreturn\n}",
		method: "Scale", doc: "Scale is the package-level Scale on level l.",
		long: "if len(x) > chunk {\nscaleChunks(alpha, x, l.scale)\nreturn\n}"},
	{name: "scale32", params: "alpha float32, x []float32", args: "alpha, x", group: "level1",
		op:     "sets x[i] *= alpha",
		tiny:   "if tinyOK(l, len(x)) {\nscaleTiny(alpha, x)\nreturn\n}",
		method: "Scale32", doc: "Scale32 is the package-level Scale32 on level l.",
		long: "if len(x) > chunk {\nscaleChunks(alpha, x, l.scale32)\nreturn\n}"},
	{name: "sumSq", params: "x []float64", args: "x", result: "float64", group: "level1", plan: true,
		op:     "returns Σ x[i]²",
		tiny:   "if tinyOK(l, len(x)) {\nreturn dotTiny(x, x)\n}",
		method: "SumSq", doc: "SumSq is the package-level SumSq on level l.",
		long: "if len(x) > chunk {\nreturn reduceChunks(x, x, func(a, _ []float64) float64 { return l.sumSq(a) })\n}"},
	{name: "sumSq32", params: "x []float32", args: "x", result: "float32", group: "level1", plan: true,
		op:     "returns Σ x[i]², in float32",
		tiny:   "if tinyOK(l, len(x)) {\nreturn dotTiny(x, x)\n}",
		method: "SumSq32", doc: "SumSq32 is the package-level SumSq32 on level l.",
		long: "if len(x) > chunk {\nreturn reduceChunks(x, x, func(a, _ []float32) float32 { return l.sumSq32(a) })\n}"},
	{name: "sumSqWide32", params: "x []float32", args: "x", result: "float64", group: "level1", plan: true,
		op:     "returns Σ x[i]² of float32 entries, squared and summed in float64",
		tiny:   "if tinyOK(l, len(x)) {\nreturn sumSqWideTiny(x)\n}",
		method: "SumSqWide32", doc: "SumSqWide32 is the package-level SumSqWide32 on level l.",
		long: "if len(x) > chunk {\nreturn reduceChunks(x, x, func(a, _ []float32) float64 { return l.sumSqWide32(a) })\n}"},
	{method: "Norm", hand: "level1.go", uses: []string{"sumSq", "sumSqScaled"}},
	{method: "Norm32", hand: "level1.go", uses: []string{"sumSqWide32"}},
	{name: "sumSqScaled", params: "x []float64, scale float64", args: "x, scale", result: "float64", group: "level1", plan: true,
		op: "returns Σ (scale·x[i])², Norm's rescaled pass (scale a power of two)"},

	{name: "matVec", params: "y []float64, alpha float64, a []float64, lda int, x []float64, beta float64", args: "y, alpha, a, lda, x, beta", group: "level2",
		op: "sets y[i] = alpha·(row i of a · x) + beta·y[i] for the len(y)×len(x) matrix a with row stride lda", method: "MatVec", hand: "level2.go"},
	{name: "matVec32", params: "y []float32, alpha float32, a []float32, lda int, x []float32, beta float32", args: "y, alpha, a, lda, x, beta", group: "level2",
		op: "sets y[i] = alpha·(row i of a · x) + beta·y[i] for the len(y)×len(x) matrix a with row stride lda", method: "MatVec32", hand: "level2.go"},
	{name: "matTVec", params: "y []float64, alpha float64, a []float64, lda int, x []float64", args: "y, alpha, a, lda, x", group: "level2",
		op: "adds alpha·x[i]·(row i of a) to y for each of the len(x) rows of a (len(y) columns, row stride lda)", method: "MatTVec", hand: "level2.go"},
	{name: "matTVec32", params: "y []float32, alpha float32, a []float32, lda int, x []float32", args: "y, alpha, a, lda, x", group: "level2",
		op: "adds alpha·x[i]·(row i of a) to y for each of the len(x) rows of a (len(y) columns, row stride lda)", method: "MatTVec32", hand: "level2.go"},
	{name: "symMatVec", params: "y []float64, alpha float64, a []float64, lda int, x []float64, i0, i1 int", args: "y, alpha, a, lda, x, i0, i1", group: "level2",
		op: "adds rows i0..i1-1 of the stored upper triangle's part of alpha·A·x to y: y[i] += alpha·(A[i][i:]·x[i:]), y[j] += alpha·x[i]·A[i][j] for j > i", method: "SymMatVec", hand: "level2.go"},
	{name: "symMatVec32", params: "y []float32, alpha float32, a []float32, lda int, x []float32, i0, i1 int", args: "y, alpha, a, lda, x, i0, i1", group: "level2",
		op: "adds rows i0..i1-1 of the stored upper triangle's part of alpha·A·x to y: y[i] += alpha·(A[i][i:]·x[i:]), y[j] += alpha·x[i]·A[i][j] for j > i", method: "SymMatVec32", hand: "level2.go"},
	{name: "dotPair", params: "x, a, b []float64", args: "x, a, b", result: "(float64, float64)", group: "level2", plan: true,
		op: "returns x·a and x·b in one pass over x", method: "DotPair", hand: "level2.go"},
	{name: "dotPair32", params: "x, a, b []float32", args: "x, a, b", result: "(float32, float32)", group: "level2", plan: true,
		op: "returns x·a and x·b in one pass over x", method: "DotPair32", hand: "level2.go"},
	{name: "gramVec", params: "out, x []float64, ldx int, d, v []float64", args: "out, x, ldx, d, v", group: "level2",
		op: "adds Σ_i d[i]·(row i of x · v)·(row i of x) to out, reading each row once (len(d) rows, len(v) columns)", method: "GramVec", hand: "level2.go"},
	{name: "gramVec32", params: "out, x []float32, ldx int, d, v []float32", args: "out, x, ldx, d, v", group: "level2",
		op: "adds Σ_i d[i]·(row i of x · v)·(row i of x) to out, reading each row once (len(d) rows, len(v) columns)", method: "GramVec32", hand: "level2.go"},

	{name: "perturbSave", params: "w, g, saved []float64, s float64, nt bool", args: "w, g, saved, s, nt", group: "fused",
		op: "sets saved[i] = w[i], w[i] = fma(s, g[i], w[i])", nt: "saved", method: "PerturbSave", hand: "fused.go"},
	{name: "perturbSave32", params: "w, g, saved []float32, s float32, nt bool", args: "w, g, saved, s, nt", group: "fused",
		op: "sets saved[i] = w[i], w[i] = fma(s, g[i], w[i])", nt: "saved", method: "PerturbSave32", hand: "fused.go"},
	{name: "sgdRestore", params: "w, saved, g, m []float64, nlr, mu, l2, cm, cg, keep float64, nt bool",
		args: "w, saved, g, m, nlr, mu, l2, cm, cg, keep, nt", group: "fused",
		op: "restores w from saved and takes the SGD-momentum step (the operation sequence of ref.SGDRestore)", nt: "w", method: "SGDRestore", hand: "fused.go"},
	{name: "sgdRestore32", params: "w, saved, g, m []float32, nlr, mu, l2, cm, cg, keep float32, nt bool",
		args: "w, saved, g, m, nlr, mu, l2, cm, cg, keep, nt", group: "fused",
		op: "restores w from saved and takes the SGD-momentum step (the operation sequence of ref.SGDRestore)", nt: "w", method: "SGDRestore32", hand: "fused.go"},
	{name: "adamWRestore", params: "w, saved, g, m, v []float64, b1, omb1, b2, omb2, rc2, eps, step, keep float64, nt bool",
		args: "w, saved, g, m, v, b1, omb1, b2, omb2, rc2, eps, step, keep, nt", group: "fused",
		op: "restores w from saved and takes the AdamW step (the operation sequence of ref.AdamWRestore)", nt: "w", method: "AdamWRestore", hand: "fused.go"},
	{name: "adamWRestore32", params: "w, saved, g, m, v []float32, b1, omb1, b2, omb2, rc2, eps, step, keep float32, nt bool",
		args: "w, saved, g, m, v, b1, omb1, b2, omb2, rc2, eps, step, keep, nt", group: "fused",
		op: "restores w from saved and takes the AdamW step (the operation sequence of ref.AdamWRestore)", nt: "w", method: "AdamWRestore32", hand: "fused.go"},
	{name: "asamSumSq", params: "w, g []float64, eta float64", args: "w, g, eta", result: "float64", group: "fused", plan: true,
		op: "returns Σ ((|w[i]|+eta)·g[i])², each term rounded as ref.ASAMTerms says", method: "ASAMSumSq", hand: "fused.go"},
	{name: "asamSumSq32", params: "w, g []float32, eta float32", args: "w, g, eta", result: "float64", group: "fused", plan: true,
		op: "returns Σ ((|w[i]|+eta)·g[i])² in float64, each term exact from float32(|w[i]|+eta) as ref.ASAMTerms says", method: "ASAMSumSq32", hand: "fused.go"},
	{name: "asamPerturbSave", params: "w, g, saved []float64, eta, s float64, nt bool", args: "w, g, saved, eta, s, nt", group: "fused",
		op: "sets saved[i] = w[i], t = |w[i]|+eta, w[i] = fma(s, (t·t)·g[i], w[i])", nt: "saved", method: "ASAMPerturbSave", hand: "fused.go"},
	{name: "asamPerturbSave32", params: "w, g, saved []float32, eta, s float32, nt bool", args: "w, g, saved, eta, s, nt", group: "fused",
		op: "sets saved[i] = w[i], t = |w[i]|+eta, w[i] = fma(s, (t·t)·g[i], w[i])", nt: "saved", method: "ASAMPerturbSave32", hand: "fused.go"},

	// The SAM variants' kernels (variants.go). flags is the flZeroG...
	// bit set of variants.go; nt streams the vector named, and with flNT2
	// the second written vector too.
	{name: "perturb", params: "w, g, saved, keep []float64, s float64, flags int, nt bool", args: "w, g, saved, keep, s, flags, nt", group: "variants",
		op: "sets saved[i] = w[i], keep[i] = g[i] (flKeep), w[i] = fma(s, g[i], w[i]), g[i] = 0 (flZeroG)", nt: "saved", nt2: "keep", method: "Perturb", hand: "variants.go"},
	{name: "perturb32", params: "w, g, saved, keep []float32, s float32, flags int, nt bool", args: "w, g, saved, keep, s, flags, nt", group: "variants",
		op: "sets saved[i] = w[i], keep[i] = g[i] (flKeep), w[i] = fma(s, g[i], w[i]), g[i] = 0 (flZeroG)", nt: "saved", nt2: "keep", method: "Perturb32", hand: "variants.go"},
	{name: "asamPerturb", params: "w, g, saved, keep []float64, eta, s float64, flags int, nt bool", args: "w, g, saved, keep, eta, s, flags, nt", group: "variants",
		op: "sets saved[i] = w[i], keep[i] = g[i] (flKeep), t = |w[i]|+eta, w[i] = fma(s, (t·t)·g[i], w[i]), g[i] = 0 (flZeroG)", nt: "saved", nt2: "keep", method: "ASAMPerturb", hand: "variants.go"},
	{name: "asamPerturb32", params: "w, g, saved, keep []float32, eta, s float32, flags int, nt bool", args: "w, g, saved, keep, eta, s, flags, nt", group: "variants",
		op: "sets saved[i] = w[i], keep[i] = g[i] (flKeep), t = |w[i]|+eta, w[i] = fma(s, (t·t)·g[i], w[i]), g[i] = 0 (flZeroG)", nt: "saved", nt2: "keep", method: "ASAMPerturb32", hand: "variants.go"},
	{name: "sgdStep", params: "w, saved, g, g2, m []float64, a, b, c, nlr, mu, l2, cm, cg, keep float64, flags int, nt bool",
		args: "w, saved, g, g2, m, a, b, c, nlr, mu, l2, cm, cg, keep, flags, nt", result: "float64", group: "variants",
		op: "takes the SGD-momentum step from saved along d = a·g (+ b·g2), adds c·(g2 − g), zeroes g and g2 as flags say, and returns Σ m² (the sequence of ref.SGDStep)", nt: "w", method: "SGDStep", hand: "variants.go"},
	{name: "sgdStep32", params: "w, saved, g, g2, m []float32, a, b, c, nlr, mu, l2, cm, cg, keep float32, flags int, nt bool",
		args: "w, saved, g, g2, m, a, b, c, nlr, mu, l2, cm, cg, keep, flags, nt", result: "float64", group: "variants",
		op: "takes the SGD-momentum step from saved along d = a·g (+ b·g2), adds c·(g2 − g), zeroes g and g2 as flags say, and returns Σ m² in float64 (the sequence of ref.SGDStep)", nt: "w", method: "SGDStep32", hand: "variants.go"},
	{name: "adamWStep", params: "w, saved, g, g2, m, v []float64, a, b, c, b1, omb1, b2, omb2, rc2, eps, step, keep float64, flags int, nt bool",
		args: "w, saved, g, g2, m, v, a, b, c, b1, omb1, b2, omb2, rc2, eps, step, keep, flags, nt", result: "float64", group: "variants",
		op: "takes the AdamW step from saved along d = a·g (+ b·g2), adds c·(g2 − g), zeroes g and g2 as flags say, and returns Σ m² (the sequence of ref.AdamWStep)", nt: "w", method: "AdamWStep", hand: "variants.go"},
	{name: "adamWStep32", params: "w, saved, g, g2, m, v []float32, a, b, c, b1, omb1, b2, omb2, rc2, eps, step, keep float32, flags int, nt bool",
		args: "w, saved, g, g2, m, v, a, b, c, b1, omb1, b2, omb2, rc2, eps, step, keep, flags, nt", result: "float64", group: "variants",
		op: "takes the AdamW step from saved along d = a·g (+ b·g2), adds c·(g2 − g), zeroes g and g2 as flags say, and returns Σ m² in float64 (the sequence of ref.AdamWStep)", nt: "w", method: "AdamWStep32", hand: "variants.go"},
	{name: "dotPairWide32", params: "x, a, b []float32", args: "x, a, b", result: "(float64, float64)", group: "variants",
		op: "returns x·a and x·b in one pass over x, each product exact in float64 and summed in float64", method: "DotPairWide32", hand: "variants.go"},
	{name: "diffSumSq", params: "g, m []float64, nsigma float64", args: "g, m, nsigma", result: "float64", group: "variants",
		op: "returns Σ d² with d = fma(nsigma, m[i], g[i])", method: "DiffSumSq", hand: "variants.go"},
	{name: "diffSumSq32", params: "g, m []float32, nsigma float32", args: "g, m, nsigma", result: "float64", group: "variants",
		op: "returns Σ d² in float64 with d = fma(nsigma, m[i], g[i]) rounded to float32", method: "DiffSumSq32", hand: "variants.go"},
	{name: "fsamPerturb", params: "w, g, m, saved, next []float64, s, nsigma, lambda, oml float64, flags int, nt bool",
		args: "w, g, m, saved, next, s, nsigma, lambda, oml, flags, nt", group: "variants",
		op: "sets saved[i] = w[i], w[i] = fma(s, fma(nsigma, m[i], g[i]), w[i]), next[i] = fma(lambda, m[i], oml·g[i]), g[i] = 0 (flZeroG)", nt: "saved", nt2: "next", method: "FSAMPerturb", hand: "variants.go"},
	{name: "fsamPerturb32", params: "w, g, m, saved, next []float32, s, nsigma, lambda, oml float32, flags int, nt bool",
		args: "w, g, m, saved, next, s, nsigma, lambda, oml, flags, nt", group: "variants",
		op: "sets saved[i] = w[i], w[i] = fma(s, fma(nsigma, m[i], g[i]), w[i]), next[i] = fma(lambda, m[i], oml·g[i]), g[i] = 0 (flZeroG)", nt: "saved", nt2: "next", method: "FSAMPerturb32", hand: "variants.go"},
	{name: "combineSumSq", params: "dst, x, y []float64, a, b float64", args: "dst, x, y, a, b", result: "float64", group: "variants",
		op: "sets dst[i] = fma(b, y[i], a·x[i]) and returns Σ dst²", method: "CombineSumSq", hand: "variants.go"},
	{name: "combineSumSq32", params: "dst, x, y []float32, a, b float32", args: "dst, x, y, a, b", result: "float64", group: "variants",
		op: "sets dst[i] = fma(b, y[i], a·x[i]) and returns Σ dst² in float64", method: "CombineSumSq32", hand: "variants.go"},
}

// The argument checks are written into each method rather than called:
// a generic helper reached through its dictionary is not inlined. The
// panics are in never-inlined functions (checks.go), off the hot path.

func dotPrep(fn string) string {
	return fmt.Sprintf(`if len(y) < len(x) {
panicShort(%q, "y", len(y), len(x))
}
y = y[:len(x)]`, fn)
}

func axpyPrep(fn string) string {
	return fmt.Sprintf(`if len(y) < len(x) || overlap(y[:len(x)], x) {
failAxpy(%q, x, y)
}
y = y[:len(x)]`, fn)
}

func axpyToPrep(fn string) string {
	return fmt.Sprintf(`if n := len(x); len(dst) < n || len(y) < n || overlap(dst[:n], x) || overlap(dst[:n], y[:n]) {
failAxpyTo(%q, dst, x, y)
}
dst, y = dst[:len(x)], y[:len(x)]`, fn)
}

// paramNames returns the names in a parameter list such as
// "alpha float64, x, y []float64", comma-separated.
func paramNames(params string) string {
	var names []string
	for _, f := range strings.Split(params, ",") {
		names = append(names, strings.Fields(f)[0])
	}
	return strings.Join(names, ", ")
}

// files names, for a group of kernels, the pure-Go file of the Generic
// level's references; the assembly of level L is in <group>_<L's file
// suffix>.s (arch.suffix), e.g. level2_avx512_amd64.s.
var files = map[string]string{"level1": "level1_generic.go", "level2": "level2_generic.go", "fused": "fused_generic.go",
	"variants": "variants_generic.go"}

// arch describes one dispatch file.
type arch struct {
	file, build string
	levels      []string          // assembly levels, best first
	suffix      map[string]string // level → its assembly files' suffix
	detect      string            // the detect function and its variables
	// asm lists, per group of kernels, the levels that have assembly for
	// it; the others run the Generic code.
	asm map[string][]string
}

var archs = []arch{
	{file: "dispatch_amd64.go", build: "!purego && !noasm", levels: []string{"AVX512", "AVX2"},
		suffix: map[string]string{"AVX512": "avx512_amd64", "AVX2": "avx2_amd64"},
		asm:    map[string][]string{"level1": {"AVX512", "AVX2"}, "level2": {"AVX512", "AVX2"}, "fused": {"AVX512", "AVX2"}, "variants": {"AVX512", "AVX2"}},
		detect: `import "github.com/klauspost/cpuid/v2"

// Set by detect; read-only afterwards.
var hasAVX2, hasAVX512 bool

// detect enables AVX2 when the CPU has AVX2 and FMA3 (AVX alone is not
// enough: every kernel fuses its multiply-adds) and AVX512 when it also has
// AVX-512 F; cpuid checks that the OS saves the wider registers.
func detect() {
	order = []Level{AVX512, AVX2, Generic}
	c := &cpuid.CPU
	hasAVX2 = c.Supports(cpuid.AVX, cpuid.AVX2, cpuid.FMA3)
	hasAVX512 = hasAVX2 && c.Supports(cpuid.AVX512F)
	if hasAVX2 {
		supported |= 1 << AVX2
	}
	if hasAVX512 {
		supported |= 1 << AVX512
	}
}
`},
	{file: "dispatch_arm64.go", build: "!purego && !noasm", levels: []string{"NEON"},
		suffix: map[string]string{"NEON": "neon_arm64"},
		asm:    map[string][]string{"level1": {"NEON"}, "level2": {"NEON"}, "fused": {"NEON"}, "variants": {"NEON"}},
		detect: `import "github.com/klauspost/cpuid/v2"

// Set by detect; read-only afterwards.
var hasNEON bool

// detect enables NEON when the CPU reports Advanced SIMD, which every arm64
// CPU that Go supports has; the check keeps ISA() honest all the same.
func detect() {
	order = []Level{NEON, Generic}
	hasNEON = cpuid.CPU.Supports(cpuid.ASIMD)
	if hasNEON {
		supported |= 1 << NEON
	}
}
`},
	{file: "dispatch_noasm.go", build: "purego || noasm || !(amd64 || arm64)",
		detect: `// detect leaves Generic as the one level: the build tags purego or noasm,
// or an architecture without assembly kernels.
func detect() {}
`},
}

// Files returns the formatted source of every generated file, keyed by
// file name.
func Files() (map[string][]byte, error) {
	out := make(map[string][]byte, len(archs)+1)
	for _, a := range archs {
		src, err := generate(a)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", a.file, err)
		}
		out[a.file] = src
	}
	src, err := table()
	if err != nil {
		return nil, fmt.Errorf("table.go: %w", err)
	}
	out["table.go"] = src
	return out, nil
}

// privates returns the rows that define a private kernel, in table order.
func privates() []kernel {
	var ks []kernel
	for _, k := range kernels {
		if k.params != "" {
			ks = append(ks, k)
		}
	}
	return ks
}

// table returns table.go: every exported kernel with the private kernels it
// runs, for Level.Kernels, and the same as a comment a reader can follow
// from a function to its assembly.
func table() ([]byte, error) {
	var b bytes.Buffer
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	p("// Code generated by \"go run ./internal/gen/cmd\"; DO NOT EDIT.\n\n")
	p("package kernels\n\n")
	p("// The kernels of this package, from the table in internal/gen. Each\n")
	p("// package-level function F calls active.F, the Level method; the method\n")
	p("// checks its arguments and runs the private kernels listed, and a private\n")
	p("// kernel k runs kAVX512 or kAVX2 on amd64, kNEON on arm64, or kGeneric,\n")
	p("// the pure-Go reference. The assembly of group g is in g_avx512_amd64.s,\n")
	p("// g_avx2_amd64.s and g_neon_arm64.s; the references are in g_generic.go;\n")
	p("// the per-level declarations, with what each computes, in dispatch_*.go.\n//\n")
	p("//\tfunction\tmethod in\tprivate kernels (group)\n")
	group := map[string]string{}
	for _, k := range privates() {
		group[k.name] = k.group
	}
	type row struct {
		name  string
		parts []string
	}
	var rows []row
	for _, k := range kernels {
		if k.method == "" {
			continue
		}
		parts := k.uses
		if parts == nil {
			parts = []string{k.name}
		}
		in := k.hand
		if in == "" {
			in = "dispatch_*.go"
		}
		rows = append(rows, row{k.method, parts})
		p("//\t%s\t%s\t%s (%s)\n", k.method, in, strings.Join(parts, ", "), group[parts[0]])
	}
	p("\n// kernelTable maps each package-level function to the private kernels it\n")
	p("// calls, whose assembly decides the level it runs at (see Level.Kernels).\n")
	p("var kernelTable = []struct {\nname string\nparts []string\n}{\n")
	for _, r := range rows {
		q := make([]string, len(r.parts))
		for i, part := range r.parts {
			q[i] = strconv.Quote(part)
		}
		p("{%q, []string{%s}},\n", r.name, strings.Join(q, ", "))
	}
	p("}\n")
	return formatTabbed(b.Bytes())
}

// comment returns text as // comment lines of at most 76 columns.
func comment(text string) string {
	var b strings.Builder
	line := "//"
	for _, w := range strings.Fields(text) {
		if len(line)+1+len(w) > 76 && line != "//" {
			b.WriteString(line + "\n")
			line = "//"
		}
		line += " " + w
	}
	b.WriteString(line + "\n")
	return b.String()
}

// formatTabbed gofmts src after aligning the tab-separated columns of its
// comment lines (gofmt leaves comments alone).
func formatTabbed(src []byte) ([]byte, error) {
	lines := strings.Split(string(src), "\n")
	var width []int
	for _, l := range lines {
		if !strings.HasPrefix(l, "//\t") {
			continue
		}
		for i, c := range strings.Split(l[3:], "\t") {
			if i >= len(width) {
				width = append(width, 0)
			}
			width[i] = max(width[i], len(c))
		}
	}
	for n, l := range lines {
		if !strings.HasPrefix(l, "//\t") {
			continue
		}
		cs := strings.Split(l[3:], "\t")
		for i := range cs[:len(cs)-1] {
			cs[i] += strings.Repeat(" ", width[i]-len(cs[i])+2)
		}
		lines[n] = "//\t" + strings.Join(cs, "")
	}
	return format.Source([]byte(strings.Join(lines, "\n")))
}

// hasAsm reports whether level lv of a has assembly for k.
func (a arch) hasAsm(k kernel, lv string) bool {
	return slices.Contains(a.asm[k.group], lv)
}

// generate returns the formatted source of one dispatch file.
func generate(a arch) ([]byte, error) {
	var b bytes.Buffer
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	p("// Code generated by \"go run ./internal/gen/cmd\"; DO NOT EDIT.\n\n")
	p("//go:build %s\n\n", a.build)
	p("package kernels\n\n")
	p("%s\n", a.detect)
	if len(a.levels) > 0 {
		p("// Each exported method checks its arguments (check* in checks.go) and,\n")
		p("// for a length one call of the assembly takes, calls this CPU's assembly\n")
		p("// directly, in one small Go frame; the shortest vectors take a Go path,\n")
		p("// and the rest (long vectors in chunks, levels without assembly) is in\n")
		p("// the never-inlined <method>Rest. The private methods hold the full\n")
		p("// switch, for the chunked paths and the hand-written methods (table.go\n")
		p("// lists them).\n")
	} else {
		p("// Each exported method checks its arguments (check* in checks.go), takes\n")
		p("// a Go path for the shortest vectors, cuts long vectors into chunks and\n")
		p("// runs the Generic kernels; the private methods hold the switch, for the\n")
		p("// chunked paths and the hand-written methods (table.go lists them).\n")
	}
	for _, k := range kernels {
		hasAsm := func(lv string) bool { return a.hasAsm(k, lv) }
		ret := ""
		if k.result != "" {
			ret = "return "
		}
		if k.method != "" && k.hand == "" {
			params, call := k.mparams, k.call
			if params == "" {
				params = k.params
			}
			if call == "" {
				call = k.args
			}
			p("\n// %s\n", strings.ReplaceAll(k.doc, "\n", "\n// "))
			p("func (l Level) %s(%s) %s {\n", k.method, params, k.result)
			if k.prep != "" {
				p("%s\n", k.prep)
			}
			if len(a.levels) == 0 {
				if k.tiny != "" {
					p("%s\n", k.tiny)
				}
				if k.long != "" {
					p("%s\n", k.long)
				}
				p("%sl.%s(%s)\n}\n", ret, k.name, call)
			} else {
				// The fast path first: a length the assembly takes in one
				// call, on a level with assembly. The rest is out of line,
				// so that this frame stays small and spills nothing.
				if k.tiny != "" {
					p("if n := len(x); n > tiny && n <= chunk {\n")
				} else {
					p("if len(x) <= chunk {\n")
				}
				p("switch {\n")
				for _, lv := range a.levels {
					p("case l == %s && has%s:\n%s%s%s(%s)\n", lv, lv, ret, k.name, lv, call)
					if ret == "" {
						p("return\n")
					}
				}
				p("}\n}\n")
				if k.tiny != "" {
					p("%s\n", k.tiny)
				}
				rest := strings.ToLower(k.method[:1]) + k.method[1:] + "Rest"
				names := paramNames(params)
				p("%sl.%s(%s)\n}\n", ret, rest, names)
				p("\n// %s is %s off its fast path: long vectors (in chunks) and the\n// levels without assembly here.\n//\n//go:noinline\n", rest, k.method)
				p("func (l Level) %s(%s) %s {\n", rest, params, k.result)
				if k.long != "" {
					p("%s\n", k.long)
				}
				p("%sl.%s(%s)\n}\n", ret, k.name, call)
			}
		}
		if k.params == "" {
			continue // a method over a kernel defined by another entry
		}
		// The private kernel with the full switch.
		p("\n%s", comment(fmt.Sprintf("%s is the private kernel on level l: it %s.", k.name, k.op)))
		p("func (l Level) %s(%s) %s {\n", k.name, k.params, k.result)
		p("switch {\n")
		for _, lv := range a.levels {
			if !hasAsm(lv) {
				continue
			}
			p("case l == %s && has%s:\n%s%s%s(%s)\n", lv, lv, ret, k.name, lv, k.args)
			if ret == "" {
				p("return\n")
			}
		}
		p("case l == Generic:\n%s%sGeneric(%s)\n", ret, k.name, k.args)
		if ret == "" {
			p("return\n")
		}
		if slices.ContainsFunc(a.levels, func(lv string) bool { return !hasAsm(lv) }) {
			p("case l.Supported():\n%s%sGeneric(%s)\n", ret, k.name, k.args)
			if ret == "" {
				p("return\n")
			}
		}
		p("}\npanicLevel(l)\n")
		switch {
		case strings.HasPrefix(k.result, "("):
			p("return 0, 0\n")
		case ret != "":
			p("return 0\n")
		}
		p("}\n")
	}
	p("\n// asmKernels lists the levels that have assembly for each kernel (see\n// Level.Kernels).\nvar asmKernels = map[string][]Level{\n")
	for _, k := range privates() {
		var lv []string
		for _, l := range a.levels {
			if a.hasAsm(k, l) {
				lv = append(lv, l)
			}
		}
		p("%q: {%s},\n", k.name, strings.Join(lv, ", "))
	}
	p("}\n")
	for _, lv := range a.levels {
		for _, k := range privates() {
			if !a.hasAsm(k, lv) {
				continue
			}
			nt := ""
			switch {
			case k.nt2 != "" && lv == "AVX512":
				nt = " With nt set it writes " + k.nt + " (and " + k.nt2 + " with flNT2) with non-temporal stores."
			case k.nt != "" && lv != "NEON":
				nt = " With nt set it writes " + k.nt + " with non-temporal stores."
			case k.nt != "":
				nt = " It ignores nt: this level has no non-temporal stores."
			}
			if k.plan {
				nt = " It sums in the order of its plan in structure_test.go, which TestSumStructure checks bit for bit."
			}
			doc := fmt.Sprintf("%s%s %s, in %s_%s.s; its reference is %sGeneric in %s.%s",
				k.name, lv, k.op, k.group, a.suffix[lv], k.name, files[k.group], nt)
			p("\n%s//\n//go:noescape\nfunc %s%s(%s) %s\n", comment(doc), k.name, lv, k.params, k.result)
		}
	}
	return format.Source(b.Bytes())
}
