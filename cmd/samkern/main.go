// Command samkern shows what the samkern library does.
//
// With no arguments it reproduces the paper "How Does Sharpness-Aware
// Minimization Minimize Sharpness?" (Wen, Ma, Li, ICLR 2023) on built-in
// problems in under a minute: Figure 1's four-dimensional example (which
// sharpness each algorithm minimizes), Theorem 4.8 on a quadratic, and the
// alignment of the gradient with the top Hessian eigenvector, with plots.
//
// Subcommands:
//
//	samkern [flags]            the paper reproduction on its toy (the default)
//	samkern mnist [flags]      the paper's claims on an MLP trained on MNIST
//	samkern hvp [flags]        exact against finite-difference Hessians of that MLP
//	samkern variants [flags]   SAM's variants on the toy and on that MLP
//	samkern spectrum [flags]   Hessian spectra of a model trained with SGD and with SAM
//	samkern bench [flags]      the kernels' throughput against gonum and vek
//	samkern cpu                the detected CPU features and the level each kernel runs
//
// Run `samkern -h` for the list and `samkern <subcommand> -h` for the flags.
// Plots are written as PNG (1500 px wide) and SVG into the output directory
// (-out, default samkern-out). Ctrl-C stops a run cleanly: no half-written
// plot is left behind, and a failed run removes the folder it created.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// Exit codes: 0 success, 1 a failure while running (for example an
// unwritable output directory or an interrupt), 2 bad usage.
const (
	exitOK    = 0
	exitFail  = 1
	exitUsage = 2
)

const usage = `usage: samkern [subcommand] [flags]

subcommands:
  (none)     reproduce the paper on its toy: Figure 1, Theorem 4.8, gradient alignment
  mnist      the paper's claims on a real network: an MLP trained on MNIST with SGD,
             large-batch SAM and per-example m-SAM, with λ1, trace and alignment
  hvp        an MNIST MLP's Hessian by the exact R-operator and by checked finite
             differences, float64 and float32: λ1..λ3, trace, time per product
  variants   SAM and its variants (GSAM, LookSAM, WSAM, MSAM, F-SAM, AE-SAM) on the toy
             and on a short MNIST run: where each ends
  spectrum   Hessian spectra of a diagonal linear network trained with GD and with SAM
  bench      kernel throughput against gonum and vek, with a plot
  cpu        detected CPU features and the level each kernel runs
  help       this message

run "samkern <subcommand> -h" for its flags
`

// run is the command, with its streams given so that tests can drive it.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	sub := ""
	if len(args) > 0 && len(args[0]) > 0 && args[0][0] != '-' {
		sub, args = args[0], args[1:]
	}
	var err error
	switch sub {
	case "", "paper":
		err = runPaper(ctx, args, stdout, stderr)
	case "mnist":
		err = runMNIST(ctx, args, stdout, stderr)
	case "hvp":
		err = runHVP(ctx, args, stdout, stderr)
	case "variants":
		err = runVariants(ctx, args, stdout, stderr)
	case "spectrum":
		err = runSpectrum(ctx, args, stdout, stderr)
	case "bench":
		err = runBench(ctx, args, stdout, stderr)
	case "cpu":
		err = runCPU(args, stdout, stderr)
	case "help":
		fmt.Fprint(stdout, usage)
		return exitOK
	default:
		fmt.Fprintf(stderr, "samkern: unknown subcommand %q\n\n%s", sub, usage)
		return exitUsage
	}
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, flag.ErrHelp):
		return exitOK
	case errors.Is(err, errUsage):
		return exitUsage
	case errors.Is(err, context.Canceled):
		fmt.Fprintln(stderr, "samkern: interrupted; no partial plot was written")
		return exitFail
	}
	fmt.Fprintf(stderr, "samkern: %v\n", err)
	return exitFail
}

// errUsage marks a flag error; the flag package has printed the usage.
var errUsage = errors.New("usage")

// newFlags returns a flag set that reports errors instead of exiting and
// prints its usage to stderr. The default run's usage (samkern -h) lists the
// subcommands too.
func newFlags(name, summary string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		if name == "" {
			fmt.Fprintf(stderr, "%s\nwith no subcommand: %s\n\nflags:\n", usage, summary)
		} else {
			fmt.Fprintf(stderr, "usage: samkern %s [flags]\n\n%s\n\n", name, summary)
			n := 0
			fs.VisitAll(func(*flag.Flag) { n++ })
			if n == 0 {
				fmt.Fprintln(stderr, "no flags")
				return
			}
			fmt.Fprintln(stderr, "flags:")
		}
		fs.PrintDefaults()
	}
	return fs
}

// badValue reports a flag value out of range with the usage: exit 2. msg
// names the flag.
func badValue(fs *flag.FlagSet, msg string) error {
	if fs.Name() == "" {
		fmt.Fprintf(fs.Output(), "samkern: %s\n", msg)
	} else {
		fmt.Fprintf(fs.Output(), "samkern %s: %s\n", fs.Name(), msg)
	}
	fs.Usage()
	return errUsage
}

// parse parses args, mapping flag errors to errUsage (exit 2) and -h to
// flag.ErrHelp (exit 0), and rejects stray arguments.
func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage
	}
	if fs.NArg() > 0 {
		name := fs.Name()
		if name != "" {
			name = " " + name
		}
		fmt.Fprintf(fs.Output(), "samkern%s: unexpected argument %q\n", name, fs.Arg(0))
		fs.Usage()
		return errUsage
	}
	return nil
}

// intFlag is an integer flag's name, value and least allowed value.
type intFlag struct {
	name   string
	v, min int
}

// checkMins reports the first integer flag below its least value.
func checkMins(fs *flag.FlagSet, flags ...intFlag) error {
	for _, c := range flags {
		if c.v < c.min {
			return badValue(fs, fmt.Sprintf("-%s = %d: want at least %d", c.name, c.v, c.min))
		}
	}
	return nil
}

// listFiles prints the files a run wrote.
func listFiles(w io.Writer, dir string, files []string) {
	fmt.Fprintf(w, "\nplots (%d files) in %s:\n", len(files), dir)
	for _, f := range files {
		fmt.Fprintf(w, "  %s\n", f)
	}
}
