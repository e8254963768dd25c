// Package genfile writes and checks the output of the project's code
// generators (kernels/internal/gen, bench/internal/roofline/internal/gen):
// each makes a set of files by name, a command writes them where go
// generate runs it, and a test of the generated package fails when the
// files on disk are stale.
package genfile

import (
	"bytes"
	"flag"
	"log"
	"os"
	"path/filepath"
	"sort"
)

// Write writes each of files (name to contents) into dir.
func Write(dir string, files map[string][]byte) error {
	for name, src := range files {
		if err := os.WriteFile(filepath.Join(dir, name), src, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// Stale returns, sorted, the names of files whose copy in dir is missing or
// differs from its contents.
func Stale(dir string, files map[string][]byte) []string {
	var stale []string
	for name, want := range files {
		if got, err := os.ReadFile(filepath.Join(dir, name)); err != nil || !bytes.Equal(got, want) {
			stale = append(stale, name)
		}
	}
	sort.Strings(stale)
	return stale
}

// Main is a generator command's main: it writes what files returns into
// the directory of its -dir flag (default: the current one, as go generate
// runs it); pkg names the package in the flag's help.
func Main(pkg string, files func() (map[string][]byte, error)) {
	dir := flag.String("dir", ".", "directory of "+pkg)
	flag.Parse()
	fs, err := files()
	if err != nil {
		log.Fatal(err)
	}
	if err := Write(*dir, fs); err != nil {
		log.Fatal(err)
	}
}
