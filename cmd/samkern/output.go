package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"sync"
	"time"
)

// prepareOut creates the output directory and proves that it is writable
// before any work starts, so that a long run does not fail at its end. The
// returned function is called when the run ends: after a failure it removes
// the directory again if prepareOut created it and nothing was written into
// it, so a failed run leaves no empty folder behind.
func prepareOut(dir string) (finish func(failed bool), err error) {
	_, statErr := os.Stat(dir)
	created := errors.Is(statErr, os.ErrNotExist)
	if err := os.MkdirAll(dir, 0o777); err != nil {
		return nil, fmt.Errorf("output directory %q: %w", dir, err)
	}
	finish = func(failed bool) {
		if failed && created {
			os.Remove(dir) // fails, as it should, unless the directory is empty
		}
	}
	f, err := os.CreateTemp(dir, ".samkern-probe-*")
	if err != nil {
		finish(true)
		return nil, fmt.Errorf("output directory %q is not writable: %w", dir, err)
	}
	name := f.Name()
	f.Close()
	if err := os.Remove(name); err != nil {
		finish(true)
		return nil, err
	}
	return finish, nil
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
	// eta adds the time left, from the mean of the tasks' fractions and
	// the time since start.
	eta   bool
	begun time.Time
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
	p.title, p.tasks, p.begun = title, map[string]float64{}, time.Now()
}

// expect registers a task that has not started, so that the time left
// counts it.
func (p *progress) expect(task string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.tasks[task] = 0
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
	line := fmt.Sprintf("%s: %s", p.title, strings.Join(parts, " · "))
	if p.eta {
		var sum float64
		for _, f := range p.tasks {
			sum += f
		}
		// Tasks not started count as 0 once expected.
		mean := sum / float64(len(p.tasks))
		if el := time.Since(p.begun); mean > 0.01 {
			left := time.Duration(float64(el) * (1 - mean) / mean).Round(time.Second)
			line += fmt.Sprintf(" · ETA %v", left)
		}
	}
	fmt.Fprintf(p.w, "\r\033[K%s", line)
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
