package kernels_test

import (
	"bufio"
	"encoding/binary"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/arch/arm64/arm64asm"
)

// wordLine matches a complete WORD line: the encoding and its comment.
var wordLine = regexp.MustCompile(`^\s*WORD\s+\$(0x[0-9A-Fa-f]+)\s*//(.*)$`)

// normAsm lower-cases an instruction and normalises its spacing, so that
// "FADD  v0.2d,v0.2d, v1.2d" and "fadd v0.2d, v0.2d, v1.2d" compare equal.
func normAsm(s string) string {
	s = strings.Join(strings.Fields(strings.ToLower(s)), " ")
	s = strings.ReplaceAll(s, " ,", ",")
	return strings.ReplaceAll(s, ", ", ",")
}

// TestNEONWords decodes every WORD in the arm64 assembly (instructions Go's
// assembler has no mnemonic for) and checks that it is the instruction its
// comment names, in GNU syntax. It only reads the .s files, so it runs on
// every GOARCH.
func TestNEONWords(t *testing.T) {
	files, err := filepath.Glob("*_arm64.s")
	require.NoError(t, err)
	require.Contains(t, files, "level1_neon_arm64.s")

	words := 0
	for _, name := range files {
		f, err := os.Open(name)
		require.NoError(t, err)
		sc := bufio.NewScanner(f)
		for line := 1; sc.Scan(); line++ {
			text := sc.Text()
			code, _, _ := strings.Cut(text, "//")
			if !strings.Contains(" "+strings.ToUpper(strings.TrimSpace(code))+" ", " WORD ") {
				continue
			}
			words++
			pos := name + ":" + strconv.Itoa(line)
			m := wordLine.FindStringSubmatch(text)
			if !assert.NotNil(t, m, "%s: a WORD must be `WORD $0x........ // instruction`: %q", pos, text) {
				continue
			}
			want := normAsm(m[2])
			if !assert.NotEmpty(t, want, "%s: WORD without its instruction in the comment", pos) {
				continue
			}
			enc, err := strconv.ParseUint(m[1], 0, 32)
			if !assert.NoError(t, err, "%s: WORD value %s is not a 32-bit instruction", pos, m[1]) {
				continue
			}
			var b [4]byte
			binary.LittleEndian.PutUint32(b[:], uint32(enc))
			inst, err := arm64asm.Decode(b[:])
			if !assert.NoError(t, err, "%s: %s does not decode (comment says %q)", pos, m[1], want) {
				continue
			}
			got := normAsm(arm64asm.GNUSyntax(inst))
			assert.Equal(t, want, got, "%s: WORD %s decodes to %q, the comment says %q", pos, m[1], got, want)
		}
		require.NoError(t, sc.Err())
		require.NoError(t, f.Close())
	}
	// Guard against a vacuous pass (a renamed file, a changed WORD syntax).
	require.Positive(t, words, "no WORD found in %v", files)
}
