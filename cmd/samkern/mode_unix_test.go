//go:build unix

package main

import (
	"context"
	"os"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/plot/plotter"
)

// TestPlotFileMode: plots are created 0666 minus the umask, not 0600.
func TestPlotFileMode(t *testing.T) {
	dir := t.TempDir()
	old := syscall.Umask(0o022)
	defer syscall.Umask(old)
	f := newFigure("t", "x", "y", false, false)
	require.NoError(t, f.line("a", plotter.XYs{{X: 0, Y: 0}, {X: 1, Y: 1}}))
	files, err := f.save(context.Background(), dir, "mode")
	require.NoError(t, err)
	for _, p := range files {
		fi, err := os.Stat(p)
		require.NoError(t, err)
		assert.Equal(t, os.FileMode(0o644), fi.Mode().Perm(), p)
	}
	// And the PNG is at least 1200 px wide.
	png, err := os.ReadFile(files[0])
	require.NoError(t, err)
	width := int(png[16])<<24 | int(png[17])<<16 | int(png[18])<<8 | int(png[19])
	assert.GreaterOrEqual(t, width, 1200)
}
