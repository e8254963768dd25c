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

// sizedWordLine matches a WORD of a body written for both float types:
// $(float32 encoding|SZ), with .T, .P and tN in the comment for the
// arrangement, the pairwise arrangement and the scalar registers (see
// neon_arm64.h).
var sizedWordLine = regexp.MustCompile(`^\s*WORD\s+\$\((0x[0-9A-Fa-f]+)\|SZ\)\s*//(.*)$`)

// wordTypes are the two instantiations of a sized WORD: the size bit, and
// the comment's placeholders spelled out.
var wordTypes = []struct {
	sz      uint32
	t, p, r string
}{{0x00400000, ".2d", ".2d", "d"}, {0, ".4s", ".2s", "s"}}

var scalarPlaceholder = regexp.MustCompile(`\bt(\d+)\b`)

// normAsm lower-cases an instruction and normalises its spacing, so that
// "FADD  v0.2d,v0.2d, v1.2d" and "fadd v0.2d, v0.2d, v1.2d" compare equal.
func normAsm(s string) string {
	s = strings.Join(strings.Fields(strings.ToLower(s)), " ")
	s = strings.ReplaceAll(s, " ,", ",")
	return strings.ReplaceAll(s, ", ", ",")
}

// TestNEONWords decodes every WORD in the arm64 assembly (instructions Go's
// assembler has no mnemonic for) and checks that it is the instruction its
// comment names, in GNU syntax; a WORD of a body shared by both float types
// is checked once for each. It only reads the .s and .h files, so it runs
// on every GOARCH.
func TestNEONWords(t *testing.T) {
	files, err := filepath.Glob("*_arm64.s")
	require.NoError(t, err)
	require.Contains(t, files, "level1_neon_arm64.s")
	headers, err := filepath.Glob("*_arm64.h")
	require.NoError(t, err)
	files = append(files, headers...)

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
			if m := sizedWordLine.FindStringSubmatch(text); m != nil {
				enc, err := strconv.ParseUint(m[1], 0, 32)
				if !assert.NoError(t, err, "%s: WORD value %s is not a 32-bit instruction", pos, m[1]) {
					continue
				}
				for _, wt := range wordTypes {
					c := strings.ReplaceAll(strings.ReplaceAll(m[2], ".T", wt.t), ".P", wt.p)
					c = scalarPlaceholder.ReplaceAllString(c, wt.r+"$1")
					checkWord(t, pos, uint32(enc)|wt.sz, normAsm(c))
				}
				continue
			}
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
			checkWord(t, pos, uint32(enc), want)
		}
		require.NoError(t, sc.Err())
		require.NoError(t, f.Close())
	}
	// Guard against a vacuous pass (a renamed file, a changed WORD syntax).
	require.Positive(t, words, "no WORD found in %v", files)
}

// checkWord decodes one encoding and compares it with the instruction its
// comment names (normalised).
func checkWord(t *testing.T, pos string, enc uint32, want string) {
	t.Helper()
	var b [4]byte
	binary.LittleEndian.PutUint32(b[:], enc)
	inst, err := arm64asm.Decode(b[:])
	if !assert.NoError(t, err, "%s: %#08x does not decode (comment says %q)", pos, enc, want) {
		return
	}
	got := normAsm(arm64asm.GNUSyntax(inst))
	assert.Equal(t, want, got, "%s: WORD %#08x decodes to %q, the comment says %q", pos, enc, got, want)
}
