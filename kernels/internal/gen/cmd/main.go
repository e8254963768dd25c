// Command cmd writes package kernels' generated dispatch files into the
// directory given by -dir (default: the current one, as go generate runs it).
package main

import (
	"github.com/samkern/samkern/internal/genfile"
	"github.com/samkern/samkern/kernels/internal/gen"
)

func main() { genfile.Main("package kernels", gen.Files) }
