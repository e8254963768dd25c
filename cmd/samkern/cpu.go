package main

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"text/tabwriter"

	"github.com/klauspost/cpuid/v2"

	"github.com/samkern/samkern/kernels"
)

// runCPU reports the CPU, the features the dispatch looks at, the levels
// this build and CPU support, the one in use, and what each kernel runs.
func runCPU(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("cpu", "Reports the detected CPU features and the level each kernel runs.", stderr)
	if err := parse(fs, args); err != nil {
		return err
	}
	c := cpuid.CPU
	fmt.Fprintf(stdout, "cpu:       %s (%s/%s, %d logical cores)\n", strings.TrimSpace(c.BrandName), runtime.GOOS, runtime.GOARCH, runtime.NumCPU())
	var have, lack []string
	// The features of this architecture only: an x86 CPU has no ASIMD to
	// lack, an arm64 one no AVX.
	feats := []cpuid.FeatureID{cpuid.AVX, cpuid.AVX2, cpuid.FMA3, cpuid.AVX512F, cpuid.AVX512DQ, cpuid.AVX512BW, cpuid.AVX512VL}
	if runtime.GOARCH == "arm64" {
		feats = []cpuid.FeatureID{cpuid.ASIMD, cpuid.FP, cpuid.ASIMDDP, cpuid.SVE}
	}
	for _, f := range feats {
		if c.Supports(f) {
			have = append(have, f.String())
		} else {
			lack = append(lack, f.String())
		}
	}
	fmt.Fprintf(stdout, "features:  %s\n", strings.Join(have, " "))
	if len(lack) > 0 {
		fmt.Fprintf(stdout, "absent:    %s\n", strings.Join(lack, " "))
	}
	var levels []string
	for _, l := range kernels.Levels() {
		levels = append(levels, l.String())
	}
	fmt.Fprintf(stdout, "levels:    %s (best first)\n", strings.Join(levels, " "))
	env := os.Getenv(kernels.EnvISA)
	if env == "" {
		env = "unset"
	}
	fmt.Fprintf(stdout, "in use:    %s (%s=%s)\n\n", kernels.ISA(), kernels.EnvISA, env)

	tw := tabwriter.NewWriter(stdout, 2, 8, 2, ' ', 0)
	fmt.Fprintln(tw, "kernel\tcode that runs\t")
	for _, k := range kernels.Active().Kernels() {
		note := ""
		if k.Level != kernels.Active() {
			note = " (no " + kernels.Active().String() + " assembly yet)"
		}
		fmt.Fprintf(tw, "%s\t%s%s\t\n", k.Name, k.Level, note)
	}
	return tw.Flush()
}
