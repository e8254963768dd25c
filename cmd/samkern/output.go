package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"sync"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
)

// prepareOut creates the output directory and proves that it is writable
// before any work starts, so that a long run does not fail at its end.
func prepareOut(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("output directory %q: %w", dir, err)
	}
	f, err := os.CreateTemp(dir, ".samkern-probe-*")
	if err != nil {
		return fmt.Errorf("output directory %q is not writable: %w", dir, err)
	}
	name := f.Name()
	f.Close()
	return os.Remove(name)
}

// savePlot writes p as name.png and name.svg in dir, each through a
// temporary file renamed into place (writeAtomic), so an interrupted or
// failed write never leaves a truncated plot; a cancelled ctx writes
// nothing more.
func savePlot(ctx context.Context, p *plot.Plot, dir, name string, w, h vg.Length) ([]string, error) {
	var paths []string
	for _, ext := range []string{"png", "svg"} {
		if err := ctx.Err(); err != nil {
			return paths, err
		}
		wt, err := p.WriterTo(w, h, ext)
		if err != nil {
			return paths, fmt.Errorf("plot %s: %w", name, err)
		}
		path, err := writeAtomic(ctx, dir, name, ext, wt)
		if err != nil {
			return paths, err
		}
		paths = append(paths, path)
	}
	return paths, nil
}

// progress shows the progress of concurrent tasks on one line of stderr,
// rewritten at most ten times a second; quiet turns it off.
type progress struct {
	mu    sync.Mutex
	w     io.Writer
	quiet bool
	title string
	tasks map[string]float64
	last  time.Time
	shown bool
}

// newProgress returns a progress line on w, which is silent when quiet is
// set or w is not a terminal (a log file would fill with rewritten lines).
func newProgress(w io.Writer, quiet bool) *progress {
	if f, ok := w.(*os.File); !ok {
		quiet = true
	} else if fi, err := f.Stat(); err != nil || fi.Mode()&os.ModeCharDevice == 0 {
		quiet = true
	}
	return &progress{w: w, quiet: quiet, tasks: map[string]float64{}}
}

// start begins a new group of tasks under a title.
func (p *progress) start(title string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.title, p.tasks = title, map[string]float64{}
}

// set records that task has done frac of its work.
func (p *progress) set(task string, frac float64) {
	if p.quiet {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.tasks[task] = frac
	if time.Since(p.last) < 100*time.Millisecond && frac < 1 {
		return
	}
	p.last = time.Now()
	names := make([]string, 0, len(p.tasks))
	for n := range p.tasks {
		names = append(names, n)
	}
	sort.Strings(names)
	parts := make([]string, len(names))
	for i, n := range names {
		parts[i] = fmt.Sprintf("%s %3.0f%%", n, 100*p.tasks[n])
	}
	fmt.Fprintf(p.w, "\r\033[K%s: %s", p.title, strings.Join(parts, " · "))
	p.shown = true
}

// done clears the progress line.
func (p *progress) done() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.shown {
		fmt.Fprint(p.w, "\r\033[K")
		p.shown = false
	}
}
