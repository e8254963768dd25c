//go:build unix

// Command mutate is samkern's mutation check for the kernels' assembly: it
// applies single-instruction mutations (a wrong register, a wrong
// displacement, an inverted or off-by-one branch or bound) to a random
// sample of the instructions of each .s and .h file of package kernels,
// runs the package's tests on the level that assembly belongs to, and
// reports how many mutants the tests kill. A mutant the tests do not kill
// is a line whose wrongness no test notices: either a missing test or an
// equivalent mutant (one that cannot change any result), which the README
// explains.
//
// It is run on demand, not by go test:
//
//	go run ./kernels/internal/mutate                 # amd64 files, on this machine
//	go run ./kernels/internal/mutate -arch arm64     # arm64 files, under qemu-aarch64
//	go run ./kernels/internal/mutate -n 40 -files 'level2_avx512'
//	go run ./kernels/internal/mutate -only 'level1_avx2_amd64.s:70=VMOVUPD 32(SI), Y9'
//
// Each mutant is tested in a private copy of the module (the .h files are
// included by the assembler, which go's -overlay does not reach), with
// `go test -failfast` and SAMKERN_TEST_LEVELS set to the mutated level, so a
// mutant costs one rebuild of package kernels and the tests up to the first
// failure. TestNEONWords is skipped: it reads the files, and a mutated WORD
// would fail it without any kernel running.
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"log"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"
)

func main() {
	arch := flag.String("arch", "amd64", "the architecture whose assembly to mutate: amd64 or arm64 (run under qemu-aarch64)")
	n := flag.Int("n", 0, "mutants per file (default: one per -per instructions, at least 2)")
	per := flag.Int("per", 30, "with -n 0, one mutant per this many mutable instructions of a file")
	seed := flag.Uint64("seed", 1, "random seed of the sample")
	files := flag.String("files", "", "only files whose name matches this regular expression")
	timeout := flag.Duration("timeout", 150*time.Second, "limit per mutant, build included (a mutant that hangs is killed)")
	only := flag.String("only", "", "run one given mutant, file:line=new instruction text")
	verbose := flag.Bool("v", false, "print every mutant as it is tested")
	flag.Parse()
	log.SetFlags(0)

	root, err := moduleRoot()
	if err != nil {
		log.Fatal(err)
	}
	work, err := os.MkdirTemp("", "samkern-mutate-")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(work)
	if err := copyModule(root, work); err != nil {
		log.Fatal(err)
	}
	r := runner{dir: work, arch: *arch, timeout: *timeout}

	if *only != "" {
		name, rest, ok1 := strings.Cut(*only, ":")
		line, text, ok2 := strings.Cut(rest, "=")
		ln, err := strconv.Atoi(line)
		if !ok1 || !ok2 || err != nil {
			log.Fatalf("-only wants file:line=text, got %q", *only)
		}
		m := mutant{file: name, line: ln, kind: "given", to: text}
		res, out := r.test(m)
		fmt.Printf("%s:%d %s: %s\n", name, ln, text, res)
		if res == survived || res == invalid {
			fmt.Println(out)
		}
		return
	}

	names, err := asmFiles(filepath.Join(work, "kernels"), *arch, *files)
	if err != nil {
		log.Fatal(err)
	}
	if len(names) == 0 {
		log.Fatalf("no assembly files for %s", *arch)
	}
	if res, out := r.test(mutant{}); res != survived {
		log.Fatalf("the tests fail without a mutation (%s):\n%s", res, out)
	}

	rng := rand.New(rand.NewPCG(*seed, 0x6d757461))
	type tally struct{ killed, survived, invalid int }
	counts := map[string]*tally{}
	var survivors []mutant
	start := time.Now()
	for _, name := range names {
		src, err := os.ReadFile(filepath.Join(work, "kernels", name))
		if err != nil {
			log.Fatal(err)
		}
		cands := candidates(name, string(src), *arch, regNames(filepath.Join(work, "kernels"), name))
		rng.Shuffle(len(cands), func(i, j int) { cands[i], cands[j] = cands[j], cands[i] })
		t := &tally{}
		counts[name] = t
		want := *n
		if want == 0 {
			want = max(2, (len(cands)+*per-1) / *per)
		}
		for _, m := range cands {
			if t.killed+t.survived >= want {
				break
			}
			m.to = m.apply(rng)
			if m.to == "" {
				continue
			}
			res, out := r.test(m)
			if *verbose {
				fmt.Printf("%-34s %5d %-8s %-40s -> %s\n", m.file, m.line, res, m.from, m.to)
			}
			switch res {
			case killed:
				t.killed++
			case survived:
				t.survived++
				survivors = append(survivors, m)
			case invalid:
				t.invalid++
				_ = out
			}
		}
	}

	fmt.Printf("\nmutation check, %s, seed %d, %s\n\n", *arch, *seed, time.Since(start).Round(time.Second))
	fmt.Printf("| file | mutants | killed | survived | kill rate |\n|---|---|---|---|---|\n")
	var tk, ts int
	for _, name := range names {
		t := counts[name]
		tk, ts = tk+t.killed, ts+t.survived
		fmt.Printf("| %s | %d | %d | %d | %s |\n", name, t.killed+t.survived, t.killed, t.survived, rate(t.killed, t.survived))
	}
	fmt.Printf("| all | %d | %d | %d | %s |\n", tk+ts, tk, ts, rate(tk, ts))
	if len(survivors) > 0 {
		fmt.Printf("\nsurvivors (a missing test, or an equivalent mutant):\n")
		for _, m := range survivors {
			fmt.Printf("  %s:%d (%s)  %s  ->  %s\n", m.file, m.line, m.kind, m.from, m.to)
		}
	}
}

func rate(k, s int) string {
	if k+s == 0 {
		return "-"
	}
	return fmt.Sprintf("%.0f%%", 100*float64(k)/float64(k+s))
}

// moduleRoot returns the directory of the main module's go.mod.
func moduleRoot() (string, error) {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return "", err
	}
	mod := strings.TrimSpace(string(out))
	if mod == "" || mod == os.DevNull {
		return "", errors.New("not inside a module")
	}
	return filepath.Dir(mod), nil
}

// copyModule copies the module's files (not .git) into dst.
func copyModule(src, dst string) error {
	return filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		if d.IsDir() {
			if d.Name() == ".git" {
				return filepath.SkipDir
			}
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		if !d.Type().IsRegular() || d.Name() == ".git" {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
}

// asmFiles lists the .s and .h files of one architecture (by their _amd64
// or _arm64 suffix), sorted.
func asmFiles(dir, arch, filter string) ([]string, error) {
	var re *regexp.Regexp
	if filter != "" {
		var err error
		if re, err = regexp.Compile(filter); err != nil {
			return nil, err
		}
	}
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range ents {
		n := e.Name()
		if !strings.HasSuffix(n, "_"+arch+".s") && !strings.HasSuffix(n, "_"+arch+".h") {
			continue
		}
		if re != nil && !re.MatchString(n) {
			continue
		}
		out = append(out, n)
	}
	sort.Strings(out)
	return out, nil
}

// levelsOf returns the levels whose code a file holds, for
// SAMKERN_TEST_LEVELS: from its name, or every SIMD level of the
// architecture for a header or body the levels share.
func levelsOf(name, arch string) string {
	switch {
	case strings.Contains(name, "avx512"):
		return "avx512"
	case strings.Contains(name, "avx2"):
		return "avx2"
	case arch == "arm64":
		return "neon"
	}
	return "avx2,avx512"
}

// result is what the tests made of a mutant.
type result string

const (
	killed   result = "killed"
	survived result = "survived"
	invalid  result = "invalid" // did not assemble
)

type runner struct {
	dir, arch string
	timeout   time.Duration
}

// test applies m (none if m.file is empty), runs the kernels tests and
// restores the file.
func (r runner) test(m mutant) (result, string) {
	levels := "avx2,avx512"
	if r.arch == "arm64" {
		levels = "neon"
	}
	if m.file != "" {
		path := filepath.Join(r.dir, "kernels", m.file)
		orig, err := os.ReadFile(path)
		if err != nil {
			log.Fatal(err)
		}
		lines := strings.Split(string(orig), "\n")
		if m.line < 1 || m.line > len(lines) {
			log.Fatalf("%s has no line %d", m.file, m.line)
		}
		lines[m.line-1] = m.rewrite(lines[m.line-1])
		if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
			log.Fatal(err)
		}
		defer func() {
			if err := os.WriteFile(path, orig, 0o644); err != nil {
				log.Fatal(err)
			}
		}()
		levels = levelsOf(m.file, r.arch)
	}
	ctx, cancel := context.WithTimeout(context.Background(), r.timeout)
	defer cancel()
	args := []string{"test", "-count=1", "-failfast", "-skip", "TestNEONWords"}
	if r.arch == "arm64" {
		args = append(args, "-exec", "qemu-aarch64")
	}
	args = append(args, "./kernels/")
	cmd := exec.CommandContext(ctx, "go", args...)
	// The test binary is go test's child: kill the whole process group.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.Dir = r.dir
	cmd.Env = append(os.Environ(), "GOARCH="+r.arch, "SAMKERN_TEST_LEVELS="+levels, "SAMKERN_TEST_FULL=")
	if r.arch == "arm64" {
		// TestEnvCap re-runs the test binary, which needs the emulator too.
		cmd.Env = append(cmd.Env, "SAMKERN_EXEC_WRAPPER=qemu-aarch64")
	}
	cmd.WaitDelay = 10 * time.Second
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	switch {
	case err == nil:
		return survived, out.String()
	case ctx.Err() != nil:
		return killed, "timeout"
	case strings.Contains(out.String(), "[build failed]") || strings.Contains(out.String(), "[setup failed]"):
		return invalid, out.String()
	}
	return killed, out.String()
}

// mutant is one changed instruction.
type mutant struct {
	file string
	line int
	kind string // reg, disp, branch, imm or given
	from string // the instruction as written (without comment)
	to   string // the mutated instruction
	arch string
	// names maps the register names defined for this file (#define X_PTR
	// SI, here or in the .s files that include it) to their class.
	names map[string]string
}

// rewrite returns the source line with the instruction replaced, keeping
// its indentation, comment and macro continuation.
func (m mutant) rewrite(line string) string {
	if m.kind == "given" {
		cont := ""
		if strings.HasSuffix(strings.TrimSpace(line), `\`) {
			cont = ` \`
		}
		return "\t" + m.to + cont
	}
	return strings.Replace(line, m.from, m.to, 1)
}

var (
	mnemonic = regexp.MustCompile(`^[A-Z][A-Z0-9.]*\b`)
	skipOps  = map[string]bool{"TEXT": true, "RET": true, "VZEROUPPER": true, "GLOBL": true, "DATA": true,
		"PCALIGN": true, "NOP": true, "PREFETCHT0": true, "PREFETCHNTA": true, "PRFM": true, "SFENCE": true}
	amd64Branch = map[string][]string{
		"JB": {"JAE", "JBE"}, "JAE": {"JB", "JA"}, "JA": {"JBE", "JAE"}, "JBE": {"JA", "JB"},
		"JZ": {"JNZ"}, "JNZ": {"JZ"}, "JE": {"JNE"}, "JNE": {"JE"}, "JEQ": {"JNE"},
		"JL": {"JGE", "JLE"}, "JGE": {"JL", "JG"}, "JG": {"JLE", "JGE"}, "JLE": {"JG", "JL"},
		"JCS": {"JCC"}, "JCC": {"JCS"}, "JLS": {"JHI"}, "JHI": {"JLS"}, "JLT": {"JGE", "JLE"}, "JGT": {"JLE", "JGE"},
	}
	arm64Branch = map[string][]string{
		"BLT": {"BGE", "BLE"}, "BGE": {"BLT", "BGT"}, "BGT": {"BLE", "BGE"}, "BLE": {"BGT", "BLT"},
		"BLO": {"BHS", "BLS"}, "BHS": {"BLO", "BHI"}, "BHI": {"BLS", "BHS"}, "BLS": {"BHI", "BLO"},
		"BEQ": {"BNE"}, "BNE": {"BEQ"}, "CBZ": {"CBNZ"}, "CBNZ": {"CBZ"}, "TBZ": {"TBNZ"}, "TBNZ": {"TBZ"},
		"BMI": {"BPL"}, "BPL": {"BMI"},
	}
	amd64GP   = []string{"AX", "BX", "CX", "DX", "SI", "DI", "R8", "R9", "R10", "R11", "R12", "R13", "R14", "R15"}
	amd64Reg  = regexp.MustCompile(`\b(AX|BX|CX|DX|SI|DI|R8|R9|R1[0-5]|[XYZ](?:[12]?[0-9]|3[01])|K[1-7])\b`)
	arm64Reg  = regexp.MustCompile(`\b([RFV](?:[12]?[0-9]|3[01]))\b`)
	dispRe    = regexp.MustCompile(`(^|[\s,])(-?\d+|\([^()]*\))?\((?:[A-Z][A-Z0-9_]*)\)`)
	fpRe      = regexp.MustCompile(`\b([a-z][a-z0-9_]*)\+(\d+)\(FP\)`)
	immRe     = regexp.MustCompile(`\$(\d+\b|0x[0-9a-fA-F]+\b|\([^()]*\)|[A-Z][A-Z0-9_]*\b)`)
	cmpOps    = map[string]bool{"CMPQ": true, "CMP": true, "TESTQ": true, "SUBQ": true, "ADDQ": true, "SUB": true, "ADD": true, "SUBS": true, "ADDS": true}
	wordRe    = regexp.MustCompile(`WORD\s+\$\(?(0x[0-9a-fA-F]+)`)
	commentRe = regexp.MustCompile(`\s*//.*$`)
)

// candidates returns the mutable instructions of a file, one mutant each
// with its kind left to apply.
func candidates(name, src, arch string, names map[string]string) []mutant {
	var out []mutant
	for i, line := range strings.Split(src, "\n") {
		code := commentRe.ReplaceAllString(line, "")
		code = strings.TrimSuffix(strings.TrimSpace(code), `\`)
		code = strings.TrimSpace(code)
		if code == "" || strings.HasPrefix(code, "#") || strings.HasSuffix(code, ":") {
			continue
		}
		op := mnemonic.FindString(code)
		if op == "" || skipOps[op] {
			continue
		}
		if strings.Contains(code, "(FP)") && !strings.HasPrefix(op, "MOV") && !strings.HasPrefix(op, "VBROADCAST") && !strings.HasPrefix(op, "FMOV") {
			continue
		}
		out = append(out, mutant{file: name, line: i + 1, from: code, arch: arch, names: names})
	}
	return out
}

// apply picks one applicable mutation of m.from and returns the new text,
// or "" when none applies; it sets m.kind.
func (m *mutant) apply(rng *rand.Rand) string {
	op := mnemonic.FindString(m.from)
	rest := m.from[len(op):]
	type choice struct {
		kind string
		f    func() string
	}
	var cs []choice
	branches := amd64Branch
	if m.arch == "arm64" {
		branches = arm64Branch
	}
	if alts, ok := branches[op]; ok {
		cs = append(cs, choice{"branch", func() string { return alts[rng.IntN(len(alts))] + rest }})
	}
	if strings.HasPrefix(op, "WORD") {
		if w := wordRe.FindStringSubmatch(m.from); w != nil {
			cs = append(cs, choice{"reg", func() string { return mutateWord(w[1], m.from, rng) }})
		}
	} else {
		if locs := m.registers(); len(locs) > 0 {
			cs = append(cs, choice{"reg", func() string {
				loc := locs[rng.IntN(len(locs))]
				return m.from[:loc[0]] + m.otherName(m.from[loc[0]:loc[1]], rng) + m.from[loc[1]:]
			}})
		}
		// A post-indexed VLD1/VST1 moves by its register list's size
		// whatever the written offset (the assembler encodes 0 and the
		// size alike and rejects others), so its offset is not mutable.
		fixedPost := m.arch == "arm64" && strings.HasSuffix(op, ".P") &&
			(strings.HasPrefix(op, "VLD") || strings.HasPrefix(op, "VST"))
		if locs := dispRe.FindAllStringSubmatchIndex(m.from, -1); len(locs) > 0 && !fixedPost {
			cs = append(cs, choice{"disp", func() string {
				loc := locs[rng.IntN(len(locs))]
				d := 0
				if loc[4] >= 0 {
					if e := m.from[loc[4]:loc[5]]; e[0] == '(' {
						// An expression: off by one float64 either way.
						sign := "+"
						if rng.IntN(2) == 0 {
							sign = "-"
						}
						return m.from[:loc[5]-1] + sign + "8" + m.from[loc[5]-1:]
					}
					d, _ = strconv.Atoi(m.from[loc[4]:loc[5]])
				}
				nd := d + step(d, rng)
				if loc[4] >= 0 {
					return m.from[:loc[4]] + strconv.Itoa(nd) + m.from[loc[5]:]
				}
				at := loc[3] // after the separator, before "("
				return m.from[:at] + strconv.Itoa(nd) + m.from[at:]
			}})
		}
		if locs := fpRe.FindAllStringSubmatchIndex(m.from, -1); len(locs) > 0 {
			cs = append(cs, choice{"disp", func() string {
				loc := locs[0]
				d, _ := strconv.Atoi(m.from[loc[4]:loc[5]])
				return m.from[:loc[4]] + strconv.Itoa(d+8) + m.from[loc[5]:]
			}})
		}
		if cmpOps[op] {
			if locs := immRe.FindAllStringSubmatchIndex(m.from, -1); len(locs) > 0 {
				cs = append(cs, choice{"imm", func() string {
					loc := locs[0]
					if e := m.from[loc[2]:loc[3]]; e[0] == '(' || e[0] >= 'A' {
						d := []string{"+1", "-1"}[rng.IntN(2)]
						if op == "TESTQ" {
							d = "*2"
						}
						return m.from[:loc[2]] + "(" + e + d + ")" + m.from[loc[3]:]
					}
					v, _ := strconv.ParseInt(m.from[loc[2]:loc[3]], 0, 64)
					nv := v + 1
					if rng.IntN(2) == 0 && v > 0 {
						nv = v - 1
					}
					if op == "TESTQ" { // a wrong bit
						nv = v << 1
					}
					return m.from[:loc[2]] + strconv.FormatInt(nv, 10) + m.from[loc[3]:]
				}})
			}
		}
	}
	if len(cs) == 0 {
		return ""
	}
	c := cs[rng.IntN(len(cs))]
	m.kind = c.kind
	return c.f()
}

// registers returns the positions of register operands, not counting the
// address registers of FP references.
func (m *mutant) registers() [][]int {
	re := amd64Reg
	if m.arch == "arm64" {
		re = arm64Reg
	}
	var out [][]int
	for _, loc := range re.FindAllStringIndex(m.from, -1) {
		if strings.HasPrefix(m.from[loc[1]:], "+") || strings.HasPrefix(m.from[loc[1]:], "(FP)") {
			continue
		}
		out = append(out, loc)
	}
	for _, loc := range identRe.FindAllStringIndex(m.from, -1) {
		if _, ok := m.names[m.from[loc[0]:loc[1]]]; ok {
			out = append(out, loc)
		}
	}
	return out
}

// otherName returns another register name of r's class, or a raw register
// of that class when r is the only name.
func (m *mutant) otherName(r string, rng *rand.Rand) string {
	class, ok := m.names[r]
	if !ok {
		return otherReg(r, m.arch, rng)
	}
	var alts []string
	for n, c := range m.names {
		if c == class && n != r {
			alts = append(alts, n)
		}
	}
	sort.Strings(alts)
	if len(alts) == 0 || rng.IntN(3) == 0 {
		return otherReg(m.names["="+r], m.arch, rng)
	}
	return alts[rng.IntN(len(alts))]
}

var (
	identRe   = regexp.MustCompile(`\b[A-Z][A-Z0-9_]*\b`)
	defineRe  = regexp.MustCompile(`(?m)^#define\s+([A-Z][A-Z0-9_]*)\s+([A-Z][A-Z0-9]*)\s*(?://.*)?$`)
	includeRe = regexp.MustCompile(`(?m)^#include\s+"([^"]+)"`)
)

// regNames returns the register names visible in file name: its own
// one-register #defines and those of the files that include it, mapped to
// their class; "="+name maps to the register itself.
func regNames(dir, name string) map[string]string {
	// The files that include name, directly or through other headers.
	includers := map[string][]string{} // header -> files that include it
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		if !strings.HasSuffix(e.Name(), ".s") && !strings.HasSuffix(e.Name(), ".h") {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			continue
		}
		for _, inc := range includeRe.FindAllStringSubmatch(string(b), -1) {
			includers[inc[1]] = append(includers[inc[1]], e.Name())
		}
	}
	srcs := []string{name}
	seen := map[string]bool{name: true}
	for i := 0; i < len(srcs); i++ {
		for _, f := range includers[srcs[i]] {
			if !seen[f] {
				seen[f] = true
				srcs = append(srcs, f)
			}
		}
	}
	out := map[string]string{}
	for _, f := range srcs {
		b, _ := os.ReadFile(filepath.Join(dir, f))
		for _, d := range defineRe.FindAllStringSubmatch(string(b), -1) {
			if c := regClass(d[2]); c != "" {
				out[d[1]], out["="+d[1]] = c, d[2]
			}
		}
	}
	return out
}

// regClass returns the class of a register (gp, x, y, z, k on amd64; r,
// f, v on arm64), or "" for anything else.
func regClass(r string) string {
	switch {
	case slices.Contains(amd64GP, r):
		return "gp"
	case amd64Reg.MatchString(r) && amd64Reg.FindString(r) == r:
		return strings.ToLower(r[:1])
	case arm64Reg.MatchString(r) && arm64Reg.FindString(r) == r:
		return strings.ToLower(r[:1]) + "64"
	}
	return ""
}

// otherReg returns another register of the same class as r.
func otherReg(r, arch string, rng *rand.Rand) string {
	if arch == "amd64" {
		if slices.Contains(amd64GP, r) {
			for {
				if o := amd64GP[rng.IntN(len(amd64GP))]; o != r {
					return o
				}
			}
		}
		if r[0] == 'K' {
			k := r[1] - '0'
			return "K" + strconv.Itoa(int(k%7)+1)
		}
	}
	// A numbered register: one of its neighbours, which is usually in use
	// by the same routine (a wrong accumulator or operand rather than an
	// unused register), within the encodable range of VEX (0..15) when r is.
	num, _ := strconv.Atoi(r[1:])
	top := 31
	if arch == "amd64" && num < 16 && r[0] != 'Z' {
		top = 15
	}
	for {
		o := num + []int{-2, -1, 1, 2}[rng.IntN(4)]
		if o >= 0 && o <= top && o != num && !(arch == "arm64" && r[0] == 'R' && (o == 18 || o > 26)) {
			return r[:1] + strconv.Itoa(o)
		}
	}
}

// step returns a wrong displacement's offset from d: the granularity the
// displacement is written in (64, 32, 16, 8 or 4 bytes), either way.
func step(d int, rng *rand.Rand) int {
	g := 8
	for _, c := range []int{64, 32, 16, 8, 4} {
		if d != 0 && d%c == 0 {
			g = c
			break
		}
	}
	if rng.IntN(2) == 0 && d-g >= 0 {
		return -g
	}
	return g
}

// mutateWord changes one register field of an A64 encoding (Rd, Rn or Rm,
// five bits each at 0, 5 and 16) to a neighbouring register.
func mutateWord(hex, text string, rng *rand.Rand) string {
	w, err := strconv.ParseUint(hex, 0, 32)
	if err != nil {
		return ""
	}
	shift := []uint{0, 5, 16}[rng.IntN(3)]
	f := (w >> shift) & 31
	nf := (f + []uint64{1, 2, 30, 31}[rng.IntN(4)]) & 31
	nw := w&^(31<<shift) | nf<<shift
	return strings.Replace(text, hex, fmt.Sprintf("0x%08x", nw), 1)
}
