// Command cmd writes package roofline's generated tight probes into the
// directory given by -dir (default: the current one, as go generate runs it).
package main

import (
	"github.com/samkern/samkern/bench/internal/roofline/internal/gen"
	"github.com/samkern/samkern/internal/genfile"
)

func main() { genfile.Main("package roofline", gen.Files) }
