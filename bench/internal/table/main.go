// Command table turns `go test -bench` output of the bench package into the
// markdown tables of the README: one table per operation and type, a row per
// vector length n, a column per implementation, each cell the median of the
// repeats (-count) of one metric, elem/ns by default. Ratio columns
// top/openblas, pkg:loop/openblas:cloop, top/gonum and avx2/vek divide the
// first column's median by the second's, where a table has both (top is
// the table's best samkern level: avx512, else avx2, else neon): with
// elem/ns, above 1 means the first is faster. Where the benchmarks report
// x-bound, two more columns give the row's bound in the table's unit (the
// tightest any run in the row implies) and the top level's median x-bound.
//
// Usage:
//
//	go test -run XXX -bench . -count 5 ./bench/ > bench.txt
//	go run ./bench/internal/table < bench.txt
//	go run ./bench/internal/table -metric MB/s < bench.txt
//
// Benchmark names are split at "/": the component n=<n> gives the row, the
// component impl=<impl> the column, and the others name the table, so
// BenchmarkDot/f64/n=2048/impl=avx512 is row 2048, column avx512 of table
// "Dot f64", and BenchmarkSmall/Dot/f64/n=4/impl=pkg goes to "Small Dot f64".
// A benchmark without impl= (BenchmarkCopy/f64/n=2048) fills a column named
// after the metric. Configuration lines ("cpu: ...", "openblas: ...") are
// printed as a list above the tables. Lines that are not benchmark results
// or configuration (PASS, ok, logs) are ignored.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"sort"
	"strconv"
	"strings"
)

func main() {
	metric := flag.String("metric", "elem/ns", "the unit to tabulate (elem/ns, MB/s, ns/op, ...)")
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "usage: table [-metric unit] < go-test-bench-output\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 0 {
		flag.Usage()
		os.Exit(2)
	}
	res, err := Parse(os.Stdin)
	if err != nil {
		fmt.Fprintln(os.Stderr, "table:", err)
		os.Exit(1)
	}
	if len(res.names) == 0 {
		fmt.Fprintln(os.Stderr, "table: no benchmark results in the input")
		os.Exit(1)
	}
	w := bufio.NewWriter(os.Stdout)
	res.Render(w, *metric)
	if err := w.Flush(); err != nil {
		fmt.Fprintln(os.Stderr, "table:", err)
		os.Exit(1)
	}
}

// Results holds parsed benchmark output: every value of every unit of every
// benchmark, in input order, and the configuration lines.
type Results struct {
	config []string                        // "key: value", unique, in input order
	names  []string                        // benchmark names without "Benchmark" and -GOMAXPROCS, first-seen order
	values map[string]map[string][]float64 // name -> unit -> one value per run
}

// Parse reads `go test -bench` output.
func Parse(r io.Reader) (*Results, error) {
	res := &Results{values: map[string]map[string][]float64{}}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1024*1024)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "Benchmark") {
			res.addResult(line)
		} else if isConfig(line) && !slices.Contains(res.config, line) {
			res.config = append(res.config, line)
		}
	}
	return res, sc.Err()
}

// isConfig reports whether line is a configuration line "key: value", where
// key starts with a lower-case letter and has no spaces or upper case
// letters (the benchmark format's rule).
func isConfig(line string) bool {
	key, _, ok := strings.Cut(line, ":")
	if !ok || key == "" || key[0] < 'a' || key[0] > 'z' {
		return false
	}
	return !strings.ContainsFunc(key, func(r rune) bool { return r == ' ' || r == '\t' || (r >= 'A' && r <= 'Z') })
}

// addResult records a result line "BenchmarkName-P  N  v1 unit1  v2 unit2 ...";
// a malformed line (a name alone, interleaved log output) is ignored.
func (res *Results) addResult(line string) {
	f := strings.Fields(line)
	if len(f) < 4 || len(f)%2 != 0 {
		return
	}
	if _, err := strconv.ParseInt(f[1], 10, 64); err != nil {
		return
	}
	name := strings.TrimPrefix(trimProcs(f[0]), "Benchmark")
	vals := make(map[string]float64)
	for i := 2; i < len(f); i += 2 {
		v, err := strconv.ParseFloat(f[i], 64)
		if err != nil {
			return
		}
		vals[f[i+1]] = v
	}
	units, ok := res.values[name]
	if !ok {
		units = map[string][]float64{}
		res.values[name] = units
		res.names = append(res.names, name)
	}
	for u, v := range vals {
		units[u] = append(units[u], v)
	}
}

// trimProcs removes the -GOMAXPROCS suffix ("-2") from a benchmark name.
func trimProcs(name string) string {
	i := strings.LastIndexByte(name, '-')
	if i < 0 || i < strings.LastIndexByte(name, '/') || i == len(name)-1 {
		return name
	}
	for _, c := range name[i+1:] {
		if c < '0' || c > '9' {
			return name
		}
	}
	return name[:i]
}

// levels are samkern's SIMD levels, best first. A table's top level is the
// first of them it has: the CPU decides which (no avx512 column on a CPU
// without AVX-512), and the ratio and bound columns follow it.
var levels = []string{"avx512", "avx2", "neon"}

// ratios are the ratio columns: numerator and denominator impl; "top" is the
// table's top level.
var ratios = [][2]string{{"top", "openblas"}, {"pkg:loop", "openblas:cloop"}, {"top", "gonum"}, {"avx2", "vek"}}

// boundUnit is the metric in which the benchmarks report their time over the
// roofline's bound.
const boundUnit = "x-bound"

// table is one output table.
type table struct {
	title string
	rows  []string // n values
	cols  []string // impls, first-seen order
	cells map[[2]string][]float64
	xb    map[[2]string][]float64 // x-bound, run by run as in cells; absent where a run lacks it
}

// Render writes the configuration list and one markdown table per operation
// and type, with the median of metric in each cell ("-": no value).
func (res *Results) Render(w io.Writer, metric string) {
	for _, c := range res.config {
		fmt.Fprintf(w, "- %s\n", c)
	}
	if len(res.config) > 0 {
		fmt.Fprintln(w)
	}
	var tables []*table
	byTitle := map[string]*table{}
	for _, name := range res.names {
		title, row, col := split(name, metric)
		t := byTitle[title]
		if t == nil {
			t = &table{title: title, cells: map[[2]string][]float64{}, xb: map[[2]string][]float64{}}
			byTitle[title] = t
			tables = append(tables, t)
		}
		if !slices.Contains(t.rows, row) {
			t.rows = append(t.rows, row)
		}
		if !slices.Contains(t.cols, col) {
			t.cols = append(t.cols, col)
		}
		vals := res.values[name]
		t.cells[[2]string{row, col}] = vals[metric]
		if xb := vals[boundUnit]; len(xb) == len(vals[metric]) && metric != boundUnit {
			t.xb[[2]string{row, col}] = xb
		}
	}
	for i, t := range tables {
		if i > 0 {
			fmt.Fprintln(w)
		}
		t.render(w, metric)
	}
}

// split cuts a benchmark name into its table title, row (the n= value, "-"
// if none) and column (the impl= value, else the metric).
func split(name, metric string) (title, row, col string) {
	row, col = "-", metric
	var rest []string
	for _, c := range strings.Split(name, "/") {
		switch {
		case strings.HasPrefix(c, "n="):
			row = c[len("n="):]
		case strings.HasPrefix(c, "impl="):
			col = c[len("impl="):]
		default:
			rest = append(rest, c)
		}
	}
	return strings.Join(rest, " "), row, col
}

func (t *table) render(w io.Writer, metric string) {
	sort.SliceStable(t.rows, func(i, j int) bool { return sizeOf(t.rows[i]) < sizeOf(t.rows[j]) })
	top := ""
	for _, l := range levels {
		if slices.Contains(t.cols, l) {
			top = l
			break
		}
	}
	var rcols [][2]string
	for _, r := range ratios {
		if r[0] == "top" {
			r[0] = top
		}
		if slices.Contains(t.cols, r[0]) && slices.Contains(t.cols, r[1]) && !slices.Contains(rcols, r) {
			rcols = append(rcols, r)
		}
	}
	// The bound columns: the row's bound in the table's unit, and the top
	// level's x-bound (the median of its runs), where the runs report it.
	bounds := len(t.xb) > 0
	lo, hi := -1, 0
	for _, v := range t.cells {
		if len(v) > 0 && (lo < 0 || len(v) < lo) {
			lo = len(v)
		}
		hi = max(hi, len(v))
	}
	runs := fmt.Sprintf("median of %d runs", hi)
	switch {
	case hi == 0:
		runs = "no values"
	case lo != hi:
		runs = fmt.Sprintf("median of %d to %d runs", lo, hi)
	case hi == 1:
		runs = "one run"
	}
	fmt.Fprintf(w, "### %s (%s, %s)\n\n", t.title, metric, runs)

	head := append([]string{"n"}, t.cols...)
	for _, r := range rcols {
		head = append(head, r[0]+"/"+r[1])
	}
	if bounds {
		head = append(head, "bound")
		if top != "" {
			head = append(head, top+" x-bound")
		}
	}
	perOp := strings.HasSuffix(metric, "/op")
	var beaten []string // rows whose bound a median beats
	fmt.Fprintf(w, "| %s |\n", strings.Join(head, " | "))
	fmt.Fprintf(w, "|%s\n", strings.Repeat("---|", len(head)))
	for _, row := range t.rows {
		cells := []string{row}
		for _, col := range t.cols {
			cells = append(cells, fmtValue(t.median(row, col)))
		}
		for _, r := range rcols {
			a, okA := t.median(row, r[0])
			b, okB := t.median(row, r[1])
			cells = append(cells, fmtRatio(a, b, okA && okB && b != 0))
		}
		if bounds {
			bd, ok := t.bound(row, perOp)
			cell := fmtValue(bd, ok)
			if b := t.beaten(row, bd, perOp); len(b) > 0 {
				cell += " †"
				beaten = append(beaten, fmt.Sprintf("n=%s: %s", row, strings.Join(b, ", ")))
			}
			cells = append(cells, cell)
			if top != "" {
				xb, ok := median(t.xb[[2]string{row, top}])
				cells = append(cells, fmtRatio(xb, 1, ok))
			}
		}
		fmt.Fprintf(w, "| %s |\n", strings.Join(cells, " | "))
	}
	if len(beaten) > 0 {
		// A bound a kernel beats is not a bound: say so under the table,
		// so that no one reads the row's x-bound as a distance from a limit.
		fmt.Fprintf(w, "\n† not a bound: beaten by the median of %s.\n", strings.Join(beaten, "; "))
	}
}

// beaten lists the columns of row whose median is faster than the row's
// bound bd, as "impl (value)".
func (t *table) beaten(row string, bd float64, perOp bool) []string {
	var out []string
	if bd <= 0 {
		return nil // no bound in this row
	}
	for _, col := range t.cols {
		m, ok := t.median(row, col)
		if ok && m > 0 && ((perOp && m < bd) || (!perOp && m > bd)) {
			out = append(out, fmt.Sprintf("%s (%s)", col, fmtValue(m, true)))
		}
	}
	return out
}

// bound returns the row's bound in the table's unit: each run that reports
// x-bound implies one (a rate times its x-bound, a time per op over it), and
// the row's is the tightest of them, since the roofline's bound only gets
// tighter as the run goes on. false if no run in the row reports x-bound.
func (t *table) bound(row string, perOp bool) (float64, bool) {
	best, ok := 0.0, false
	for _, col := range t.cols {
		v := t.cells[[2]string{row, col}]
		for i, xb := range t.xb[[2]string{row, col}] {
			if xb <= 0 {
				continue
			}
			b := v[i] * xb
			if perOp {
				b = v[i] / xb
			}
			if !ok || (perOp && b < best) || (!perOp && b > best) {
				best, ok = b, true
			}
		}
	}
	return best, ok
}

// median returns the median of the cell's values, false if it has none.
func (t *table) median(row, col string) (float64, bool) {
	return median(t.cells[[2]string{row, col}])
}

// median returns the median of vals, false if there are none.
func median(vals []float64) (float64, bool) {
	v := slices.Clone(vals)
	if len(v) == 0 {
		return 0, false
	}
	slices.Sort(v)
	m := len(v) / 2
	if len(v)%2 == 1 {
		return v[m], true
	}
	return (v[m-1] + v[m]) / 2, true
}

// sizeOf parses a row name such as 2048, 1M or 16M for sorting (K, M and G
// are powers of 1024); anything else sorts last, in input order.
func sizeOf(s string) float64 {
	mult := 1.0
	switch {
	case strings.HasSuffix(s, "K"):
		mult, s = 1<<10, strings.TrimSuffix(s, "K")
	case strings.HasSuffix(s, "M"):
		mult, s = 1<<20, strings.TrimSuffix(s, "M")
	case strings.HasSuffix(s, "G"):
		mult, s = 1<<30, strings.TrimSuffix(s, "G")
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 1e300
	}
	return v * mult
}

// fmtValue prints about three significant digits, without exponents in the
// usual range.
func fmtValue(v float64, ok bool) string {
	switch {
	case !ok:
		return "-"
	case v >= 100:
		return strconv.FormatFloat(v, 'f', 0, 64)
	case v >= 10:
		return strconv.FormatFloat(v, 'f', 1, 64)
	case v >= 1:
		return strconv.FormatFloat(v, 'f', 2, 64)
	default:
		return strconv.FormatFloat(v, 'g', 3, 64)
	}
}

func fmtRatio(a, b float64, ok bool) string {
	if !ok {
		return "-"
	}
	return strconv.FormatFloat(a/b, 'f', 2, 64)
}
