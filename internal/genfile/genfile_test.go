package genfile

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestWriteStale(t *testing.T) {
	dir := t.TempDir()
	files := map[string][]byte{"a.go": []byte("package a\n"), "b.s": []byte("RET\n")}
	if got := Stale(dir, files); !slices.Equal(got, []string{"a.go", "b.s"}) {
		t.Errorf("before Write: stale %v, want both", got)
	}
	if err := Write(dir, files); err != nil {
		t.Fatal(err)
	}
	if got := Stale(dir, files); len(got) != 0 {
		t.Errorf("after Write: stale %v", got)
	}
	if err := os.WriteFile(filepath.Join(dir, "b.s"), []byte("RET\n\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := Stale(dir, files); !slices.Equal(got, []string{"b.s"}) {
		t.Errorf("after an edit: stale %v, want [b.s]", got)
	}
	if err := Write(filepath.Join(dir, "missing"), files); err == nil {
		t.Error("Write into a missing directory: no error")
	}
}

// A generator's test compares its output with the files on disk.
func Example() {
	dir, _ := os.MkdirTemp("", "genfile")
	defer os.RemoveAll(dir)
	files := map[string][]byte{"table.go": []byte("package p\n")}
	fmt.Println(Stale(dir, files))
	_ = Write(dir, files)
	fmt.Println(Stale(dir, files))
	// Output:
	// [table.go]
	// []
}
