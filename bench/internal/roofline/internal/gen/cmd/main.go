// Command cmd writes package roofline's generated tight probes into the
// directory given by -dir (default: the current one, as go generate runs it).
package main

import (
	"flag"
	"log"
	"os"
	"path/filepath"

	"github.com/samkern/samkern/bench/internal/roofline/internal/gen"
)

func main() {
	dir := flag.String("dir", ".", "directory of package roofline")
	flag.Parse()
	files, err := gen.Files()
	if err != nil {
		log.Fatal(err)
	}
	for name, src := range files {
		if err := os.WriteFile(filepath.Join(*dir, name), src, 0o644); err != nil {
			log.Fatal(err)
		}
	}
}
