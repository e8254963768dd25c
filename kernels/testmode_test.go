package kernels

import (
	"os"
	"strings"
)

// The test modes. `go test ./...` runs the default set: every kernel on
// every level, at every length where a loop of the assembly changes how
// often it runs or how its tail ends (see testLengths in helpers_test.go).
// SAMKERN_TEST_FULL=1, which .ci/run sets, adds the exhaustive lengths
// 0..385 at every offset, the long vectors past the chunk size and the large
// matrices.
var fullTests = os.Getenv("SAMKERN_TEST_FULL") != ""

// testLevels returns the levels the tests run: every level this machine
// supports, or those of them that SAMKERN_TEST_LEVELS names
// (comma-separated), which the mutation checker sets to test only the level
// whose assembly it changed.
func testLevels() []Level {
	want := os.Getenv("SAMKERN_TEST_LEVELS")
	if want == "" {
		return Levels()
	}
	var ls []Level
	for _, name := range strings.Split(want, ",") {
		if l, ok := ParseLevel(name); ok && l.Supported() {
			ls = append(ls, l)
		}
	}
	return ls
}
