package main

import (
	"strings"
	"testing"
)

// sample is hand-written `go test -bench -count 3` output: Dot f64 at n=16
// and n=2048 has three repeats per impl; openblas is missing at n=16M;
// Axpy has no vek (so no avx2/vek column) and only one run; Copy has no
// impl=; and there is noise to skip (a log line, PASS, ok).
const sample = `samkern: levels=avx512,avx2,generic active=avx512
openblas: core=SkylakeX threads=1
goos: linux
goarch: amd64
pkg: github.com/samkern/samkern/bench
cpu: Intel(R) Xeon(R) Processor
BenchmarkDot/f64/n=2048/impl=avx512-2   	 1000000	   107.1 ns/op	306001.42 MB/s	  19.00 elem/ns
BenchmarkDot/f64/n=2048/impl=avx512-2   	 1000000	   107.1 ns/op	306001.42 MB/s	  21.00 elem/ns
BenchmarkDot/f64/n=2048/impl=avx512-2   	 1000000	   107.1 ns/op	306001.42 MB/s	  10.00 elem/ns
BenchmarkDot/f64/n=2048/impl=avx2-2     	  831886	   154.8 ns/op	211649.77 MB/s	  13.23 elem/ns
BenchmarkDot/f64/n=2048/impl=vek-2      	  638185	   232.7 ns/op	140810.91 MB/s	   8.00 elem/ns
BenchmarkDot/f64/n=2048/impl=vek-2      	  638185	   232.7 ns/op	140810.91 MB/s	   9.00 elem/ns
BenchmarkDot/f64/n=2048/impl=vek-2      	  638185	   232.7 ns/op	140810.91 MB/s	   7.00 elem/ns
BenchmarkDot/f64/n=2048/impl=gonum-2    	  231908	   447.8 ns/op	 73177.92 MB/s	   4.00 elem/ns
BenchmarkDot/f64/n=2048/impl=openblas-2 	  796868	   181.7 ns/op	180387.99 MB/s	  10.00 elem/ns
BenchmarkDot/f64/n=16/impl=avx512-2     	100000000	    10.0 ns/op	 25600.00 MB/s	   1.60 elem/ns
BenchmarkDot/f64/n=16/impl=avx2-2       	100000000	    10.0 ns/op	 25600.00 MB/s	   1.50 elem/ns
BenchmarkDot/f64/n=16/impl=vek-2        	100000000	    10.0 ns/op	 25600.00 MB/s	   2.80 elem/ns
BenchmarkDot/f64/n=16/impl=gonum-2      	100000000	    10.0 ns/op	 25600.00 MB/s	   1.50 elem/ns
BenchmarkDot/f64/n=16/impl=openblas-2   	100000000	    10.0 ns/op	 25600.00 MB/s	   0.85 elem/ns
BenchmarkDot/f64/n=16M/impl=avx512-2    	      20	  18000000 ns/op	 14913.08 MB/s	   0.93 elem/ns
BenchmarkDot/f64/n=16M/impl=avx2-2      	      20	  18000000 ns/op	 14913.08 MB/s	   0.92 elem/ns
BenchmarkDot/f64/n=16M/impl=vek-2       	      20	  18000000 ns/op	 14913.08 MB/s	   0.87 elem/ns
BenchmarkDot/f64/n=16M/impl=gonum-2     	      20	  18000000 ns/op	 14913.08 MB/s	   0.74 elem/ns
    level1_test.go:103: some log line
BenchmarkAxpy/f32/n=2048/impl=avx512-2  	 1000000	    60.0 ns/op	 98000.00 MB/s	  34.10 elem/ns
BenchmarkAxpy/f32/n=2048/impl=avx2-2    	 1000000	    80.0 ns/op	 74000.00 MB/s	  25.60 elem/ns
BenchmarkAxpy/f32/n=2048/impl=gonum-2   	 1000000	   480.0 ns/op	 12000.00 MB/s	   4.27 elem/ns
BenchmarkCopy/f64/n=1M-2                	     500	  1300000 ns/op	 12900.00 MB/s	   0.806 elem/ns
BenchmarkCopy/f64/n=2048-2              	 1000000	    200.0 ns/op	 81920.00 MB/s	  10.24 elem/ns
PASS
ok  	github.com/samkern/samkern/bench	12.345s
`

const want = `- samkern: levels=avx512,avx2,generic active=avx512
- openblas: core=SkylakeX threads=1
- goos: linux
- goarch: amd64
- pkg: github.com/samkern/samkern/bench
- cpu: Intel(R) Xeon(R) Processor

### Dot f64 (elem/ns, median of 1 to 3 runs)

| n | avx512 | avx2 | vek | gonum | openblas | avx512/openblas | avx512/gonum | avx2/vek |
|---|---|---|---|---|---|---|---|---|
| 16 | 1.60 | 1.50 | 2.80 | 1.50 | 0.85 | 1.88 | 1.07 | 0.54 |
| 2048 | 19.0 | 13.2 | 8.00 | 4.00 | 10.0 | 1.90 | 4.75 | 1.65 |
| 16M | 0.93 | 0.92 | 0.87 | 0.74 | - | - | 1.26 | 1.06 |

### Axpy f32 (elem/ns, one run)

| n | avx512 | avx2 | gonum | avx512/gonum |
|---|---|---|---|---|
| 2048 | 34.1 | 25.6 | 4.27 | 7.99 |

### Copy f64 (elem/ns, one run)

| n | elem/ns |
|---|---|
| 2048 | 10.2 |
| 1M | 0.806 |
`

// TestRender checks the whole output for the sample: medians of repeats,
// "-" for a missing impl, ratio columns only where both impls exist, rows
// sorted by n.
func TestRender(t *testing.T) {
	res, err := Parse(strings.NewReader(sample))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	res.Render(&b, "elem/ns")
	if got := b.String(); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

// TestMetric checks that -metric picks another unit.
func TestMetric(t *testing.T) {
	res, err := Parse(strings.NewReader(sample))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	res.Render(&b, "MB/s")
	if !strings.Contains(b.String(), "| 1M | 12900 |") {
		t.Errorf("MB/s table lacks the copy bandwidth:\n%s", b.String())
	}
}

// TestTrimProcs checks that only a trailing -GOMAXPROCS is removed.
func TestTrimProcs(t *testing.T) {
	for in, want := range map[string]string{
		"BenchmarkDot/f64/n=16/impl=avx2-2":  "BenchmarkDot/f64/n=16/impl=avx2",
		"BenchmarkDot/f64/n=16/impl=avx2-16": "BenchmarkDot/f64/n=16/impl=avx2",
		"BenchmarkDot/f64/n=16/impl=avx2":    "BenchmarkDot/f64/n=16/impl=avx2",
		"BenchmarkX/a-b":                     "BenchmarkX/a-b",
		"BenchmarkX-2/a":                     "BenchmarkX-2/a",
		"BenchmarkX-":                        "BenchmarkX-",
	} {
		if got := trimProcs(in); got != want {
			t.Errorf("trimProcs(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestMedian checks odd and even counts and an empty cell.
func TestMedian(t *testing.T) {
	tb := &table{cells: map[[2]string][]float64{
		{"1", "a"}: {3, 1, 2},
		{"1", "b"}: {4, 1, 3, 2},
	}}
	if m, ok := tb.median("1", "a"); !ok || m != 2 {
		t.Errorf("odd median = %v, %v; want 2", m, ok)
	}
	if m, ok := tb.median("1", "b"); !ok || m != 2.5 {
		t.Errorf("even median = %v, %v; want 2.5", m, ok)
	}
	if _, ok := tb.median("1", "c"); ok {
		t.Error("median of a missing cell reported ok")
	}
}

// boundSample has no avx512 (a CPU without AVX-512) and reports x-bound:
// at n=16M the avx2 runs imply bounds of 2×1.5 = 3.0, 1×2.0 = 2.0 and
// 2.5×1.1 = 2.75 elem/ns and gonum's 1.0×3.5 = 3.5, so the row's bound is
// 3.5; at n=2048 only one run reports x-bound (the other line lacks it, so
// the cell has none and the row no bound).
const boundSample = `BenchmarkDot/f64/n=16M/impl=avx2-2   	 20	 1 ns/op	 2.0 elem/ns	 1.5 x-bound
BenchmarkDot/f64/n=16M/impl=avx2-2   	 20	 1 ns/op	 1.0 elem/ns	 2.0 x-bound
BenchmarkDot/f64/n=16M/impl=avx2-2   	 20	 1 ns/op	 2.5 elem/ns	 1.1 x-bound
BenchmarkDot/f64/n=16M/impl=gonum-2  	 20	 1 ns/op	 1.0 elem/ns	 3.5 x-bound
BenchmarkDot/f64/n=16M/impl=openblas-2 	 20	 1 ns/op	 2.5 elem/ns
BenchmarkDot/f64/n=2048/impl=avx2-2  	 20	 1 ns/op	 10.0 elem/ns	 1.2 x-bound
BenchmarkDot/f64/n=2048/impl=avx2-2  	 20	 1 ns/op	 12.0 elem/ns
BenchmarkDot/f64/n=2048/impl=gonum-2  	 20	 1 ns/op	 4.0 elem/ns
`

// TestBound checks the columns that follow the top level when the CPU has
// no avx512 (avx2/openblas, avx2/gonum, and avx2/vek not twice), the
// row's bound as the tightest implied by any run, the top level's median
// x-bound, and a time metric's bound as a minimum of time over x-bound.
func TestBound(t *testing.T) {
	res, err := Parse(strings.NewReader(boundSample))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	res.Render(&b, "elem/ns")
	want := `### Dot f64 (elem/ns, median of 1 to 3 runs)

| n | avx2 | gonum | openblas | avx2/openblas | avx2/gonum | bound | avx2 x-bound |
|---|---|---|---|---|---|---|---|
| 2048 | 11.0 | 4.00 | - | - | 2.75 | - | - |
| 16M | 2.00 | 1.00 | 2.50 | 0.80 | 2.00 | 3.50 | 1.50 |
`
	if got := b.String(); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	tb := &table{cols: []string{"a", "b"}, cells: map[[2]string][]float64{
		{"1", "a"}: {10, 30}, {"1", "b"}: {12},
	}, xb: map[[2]string][]float64{
		{"1", "a"}: {2, 5}, {"1", "b"}: {3},
	}}
	if v, ok := tb.bound("1", true); !ok || v != 4 {
		t.Errorf("per-op bound = %v, %v; want min(10/2, 30/5, 12/3) = 4", v, ok)
	}
	if v, ok := tb.bound("1", false); !ok || v != 150 {
		t.Errorf("rate bound = %v, %v; want max(20, 150, 36) = 150", v, ok)
	}
}

// TestBeaten checks that a bound some median beats is marked and the
// columns that beat it named under the table: the avx2 run implies a
// bound of 2.0 elem/ns, which openblas's median (2.5) beats, and at 16
// nothing beats 1.0 = 0.5×2.
func TestBeaten(t *testing.T) {
	const sample = `BenchmarkDot/f64/n=1M/impl=avx2-2   	 20	 1 ns/op	 2.0 elem/ns	 1.0 x-bound
BenchmarkDot/f64/n=1M/impl=openblas-2 	 20	 1 ns/op	 2.5 elem/ns
BenchmarkDot/f64/n=16/impl=avx2-2   	 20	 1 ns/op	 0.5 elem/ns	 2.0 x-bound
BenchmarkDot/f64/n=16/impl=openblas-2 	 20	 1 ns/op	 0.9 elem/ns
`
	res, err := Parse(strings.NewReader(sample))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	res.Render(&b, "elem/ns")
	want := `### Dot f64 (elem/ns, one run)

| n | avx2 | openblas | avx2/openblas | bound | avx2 x-bound |
|---|---|---|---|---|---|
| 16 | 0.5 | 0.9 | 0.56 | 1.00 | 2.00 |
| 1M | 2.00 | 2.50 | 0.80 | 2.00 † | 1.00 |

† not a bound: beaten by the median of n=1M: openblas (2.50).
`
	if got := b.String(); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}
