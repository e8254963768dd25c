// Package gen produces the per-architecture dispatch files of package
// kernels (dispatch_amd64.go, dispatch_arm64.go, dispatch_noasm.go) from the
// table of kernels below. `go generate ./kernels` writes them (through
// ./internal/gen/cmd); TestGenerated in package kernels fails when the files
// on disk differ from what Files returns.
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
	"strings"
)

// kernel is one assembly kernel and, optionally, the exported Level method
// that checks its arguments and calls it.
type kernel struct {
	name   string // private base name: dot → dotAVX512, dotNEON, dotGeneric
	params string // parameter list of the private kernel
	args   string // its argument names, in order
	result string // result type, or ""

	method  string // exported Level method, or "" for private kernels
	mparams string // the method's parameters, if different from params
	prep    string // statements checking and reslicing the arguments
	long    string // statement handling len > chunk (must return)
	tiny    string // statement handling len <= tiny in Go (must return)
	call    string // arguments of the kernel call from the method, if not args
	doc     string // the method's doc comment, without "// "
	group   string // "l2" or "fused": assembly only on the levels arch.asm lists for it
}

var kernels = []kernel{
	{name: "dot", params: "x, y []float64", args: "x, y", result: "float64",
		tiny:   "if tinyOK(l, len(x)) {\nreturn dotTiny(x, y)\n}",
		method: "Dot", doc: "Dot is the package-level Dot on level l. Like every Level method, it\npanics if l is not supported on this CPU.",
		prep: dotPrep("Dot"),
		long: "if len(x) > chunk {\nreturn reduceChunks(x, y, l.dot)\n}"},
	{name: "dot32", params: "x, y []float32", args: "x, y", result: "float32",
		tiny:   "if tinyOK(l, len(x)) {\nreturn dotTiny(x, y)\n}",
		method: "Dot32", doc: "Dot32 is the package-level Dot32 on level l.",
		prep: dotPrep("Dot32"),
		long: "if len(x) > chunk {\nreturn reduceChunks(x, y, l.dot32)\n}"},
	{name: "axpyTo", params: "dst []float64, alpha float64, x, y []float64", args: "dst, alpha, x, y"},
	{name: "axpyTo32", params: "dst []float32, alpha float32, x, y []float32", args: "dst, alpha, x, y"},
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
	{name: "scale", params: "alpha float64, x []float64", args: "alpha, x",
		tiny:   "if tinyOK(l, len(x)) {\nscaleTiny(alpha, x)\nreturn\n}",
		method: "Scale", doc: "Scale is the package-level Scale on level l.",
		long: "if len(x) > chunk {\nscaleChunks(alpha, x, l.scale)\nreturn\n}"},
	{name: "scale32", params: "alpha float32, x []float32", args: "alpha, x",
		tiny:   "if tinyOK(l, len(x)) {\nscaleTiny(alpha, x)\nreturn\n}",
		method: "Scale32", doc: "Scale32 is the package-level Scale32 on level l.",
		long: "if len(x) > chunk {\nscaleChunks(alpha, x, l.scale32)\nreturn\n}"},
	{name: "sumSq", params: "x []float64", args: "x", result: "float64",
		tiny:   "if tinyOK(l, len(x)) {\nreturn dotTiny(x, x)\n}",
		method: "SumSq", doc: "SumSq is the package-level SumSq on level l.",
		long: "if len(x) > chunk {\nreturn reduceChunks(x, x, func(a, _ []float64) float64 { return l.sumSq(a) })\n}"},
	{name: "sumSq32", params: "x []float32", args: "x", result: "float32",
		tiny:   "if tinyOK(l, len(x)) {\nreturn dotTiny(x, x)\n}",
		method: "SumSq32", doc: "SumSq32 is the package-level SumSq32 on level l.",
		long: "if len(x) > chunk {\nreturn reduceChunks(x, x, func(a, _ []float32) float32 { return l.sumSq32(a) })\n}"},
	{name: "sumSqWide32", params: "x []float32", args: "x", result: "float64",
		tiny:   "if tinyOK(l, len(x)) {\nreturn sumSqWideTiny(x)\n}",
		method: "SumSqWide32", doc: "SumSqWide32 is the package-level SumSqWide32 on level l.",
		long: "if len(x) > chunk {\nreturn reduceChunks(x, x, func(a, _ []float32) float64 { return l.sumSqWide32(a) })\n}"},
	{name: "sumSqScaled", params: "x []float64, scale float64", args: "x, scale", result: "float64"},

	// Level 2: the exported methods are written by hand in level2.go.
	{name: "matVec", params: "y []float64, alpha float64, a []float64, lda int, x []float64, beta float64", args: "y, alpha, a, lda, x, beta", group: "l2"},
	{name: "matVec32", params: "y []float32, alpha float32, a []float32, lda int, x []float32, beta float32", args: "y, alpha, a, lda, x, beta", group: "l2"},
	{name: "matTVec", params: "y []float64, alpha float64, a []float64, lda int, x []float64", args: "y, alpha, a, lda, x", group: "l2"},
	{name: "matTVec32", params: "y []float32, alpha float32, a []float32, lda int, x []float32", args: "y, alpha, a, lda, x", group: "l2"},
	{name: "symMatVec", params: "y []float64, alpha float64, a []float64, lda int, x []float64, i0, i1 int", args: "y, alpha, a, lda, x, i0, i1", group: "l2"},
	{name: "symMatVec32", params: "y []float32, alpha float32, a []float32, lda int, x []float32, i0, i1 int", args: "y, alpha, a, lda, x, i0, i1", group: "l2"},
	{name: "dotPair", params: "x, a, b []float64", args: "x, a, b", result: "(float64, float64)", group: "l2"},
	{name: "dotPair32", params: "x, a, b []float32", args: "x, a, b", result: "(float32, float32)", group: "l2"},
	{name: "gramVec", params: "out, x []float64, ldx int, d, v []float64", args: "out, x, ldx, d, v", group: "l2"},
	{name: "gramVec32", params: "out, x []float32, ldx int, d, v []float32", args: "out, x, ldx, d, v", group: "l2"},

	// Fused optimizer kernels: the exported methods are in fused.go.
	{name: "perturbSave", params: "w, g, saved []float64, s float64, nt bool", args: "w, g, saved, s, nt", group: "fused"},
	{name: "perturbSave32", params: "w, g, saved []float32, s float32, nt bool", args: "w, g, saved, s, nt", group: "fused"},
	{name: "sgdRestore", params: "w, saved, g, m []float64, nlr, mu, l2, cm, cg, keep float64, nt bool",
		args: "w, saved, g, m, nlr, mu, l2, cm, cg, keep, nt", group: "fused"},
	{name: "sgdRestore32", params: "w, saved, g, m []float32, nlr, mu, l2, cm, cg, keep float32, nt bool",
		args: "w, saved, g, m, nlr, mu, l2, cm, cg, keep, nt", group: "fused"},
	{name: "adamWRestore", params: "w, saved, g, m, v []float64, b1, omb1, b2, omb2, rc2, eps, step, keep float64, nt bool",
		args: "w, saved, g, m, v, b1, omb1, b2, omb2, rc2, eps, step, keep, nt", group: "fused"},
	{name: "adamWRestore32", params: "w, saved, g, m, v []float32, b1, omb1, b2, omb2, rc2, eps, step, keep float32, nt bool",
		args: "w, saved, g, m, v, b1, omb1, b2, omb2, rc2, eps, step, keep, nt", group: "fused"},
	{name: "asamSumSq", params: "w, g []float64, eta float64", args: "w, g, eta", result: "float64", group: "fused"},
	{name: "asamSumSq32", params: "w, g []float32, eta float32", args: "w, g, eta", result: "float64", group: "fused"},
	{name: "asamPerturbSave", params: "w, g, saved []float64, eta, s float64, nt bool", args: "w, g, saved, eta, s, nt", group: "fused"},
	{name: "asamPerturbSave32", params: "w, g, saved []float32, eta, s float32, nt bool", args: "w, g, saved, eta, s, nt", group: "fused"},
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

// arch describes one dispatch file.
type arch struct {
	file, build string
	levels      []string // assembly levels, best first
	detect      string   // the detect function and its variables
	asmFiles    string
	// asm lists, per group of kernels, the levels that have assembly for it;
	// the others run the Generic code. Kernels without a group have assembly
	// on every level.
	asm map[string][]string
}

var archs = []arch{
	{file: "dispatch_amd64.go", build: "!purego && !noasm", levels: []string{"AVX512", "AVX2"},
		asm:      map[string][]string{"l2": {"AVX512", "AVX2"}, "fused": {"AVX512", "AVX2"}},
		asmFiles: "kernels{,_l2,_fused}_avx512_amd64.s (AVX-512) and kernels{,_l2,_fused}_amd64.s (AVX2)",
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
		asm:      map[string][]string{"l2": {"NEON"}, "fused": {"NEON"}},
		asmFiles: "kernels_arm64.s, kernels_l2_arm64.s and kernels_fused_arm64.s",
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

// Files returns the formatted source of every dispatch file, keyed by file
// name.
func Files() (map[string][]byte, error) {
	out := make(map[string][]byte, len(archs))
	for _, a := range archs {
		src, err := generate(a)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", a.file, err)
		}
		out[a.file] = src
	}
	return out, nil
}

// generate returns the formatted source of one dispatch file.
func generate(a arch) ([]byte, error) {
	var b bytes.Buffer
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	p("// Code generated by \"go run ./internal/gen/cmd\"; DO NOT EDIT.\n\n")
	p("//go:build %s\n\n", a.build)
	p("package kernels\n\n")
	p("%s\n", a.detect)
	p("// Each exported method checks its arguments (check* in checks.go), cuts\n")
	p("// long vectors into chunks, and calls this CPU's assembly directly, in one\n")
	p("// Go frame; the private methods hold the full switch, for the chunked\n")
	p("// paths and the composite kernels (Norm).\n")
	for _, k := range kernels {
		hasAsm := func(lv string) bool { return k.group == "" || slices.Contains(a.asm[k.group], lv) }
		ret := ""
		if k.result != "" {
			ret = "return "
		}
		if k.method != "" {
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
			if k.tiny != "" {
				p("%s\n", k.tiny)
			}
			if k.long != "" {
				p("%s\n", k.long)
			}
			if len(a.levels) > 0 {
				p("switch {\n")
				for _, lv := range a.levels {
					p("case l == %s && has%s:\n%s%s%s(%s)\n", lv, lv, ret, k.name, lv, call)
					if ret == "" {
						p("return\n")
					}
				}
				p("}\n")
			}
			p("%sl.%s(%s)\n}\n", ret, k.name, call)
		}
		if k.params == "" {
			continue // a method over a kernel defined by another entry
		}
		// The private kernel with the full switch.
		p("\nfunc (l Level) %s(%s) %s {\n", k.name, k.params, k.result)
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
		if k.group != "" && len(a.asm[k.group]) < len(a.levels) {
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
	for _, k := range kernels {
		if k.params == "" {
			continue
		}
		var lv []string
		for _, l := range a.levels {
			if k.group == "" || slices.Contains(a.asm[k.group], l) {
				lv = append(lv, l)
			}
		}
		p("%q: {%s},\n", k.name, strings.Join(lv, ", "))
	}
	p("}\n")
	if len(a.levels) > 0 {
		p("\n// Assembly: %s.\n", a.asmFiles)
		for _, lv := range a.levels {
			for _, k := range kernels {
				if k.params == "" || (k.group != "" && !slices.Contains(a.asm[k.group], lv)) {
					continue
				}
				p("\n//go:noescape\nfunc %s%s(%s) %s\n", k.name, lv, k.params, k.result)
			}
		}
	}
	return format.Source(b.Bytes())
}
