package kernels_test

import (
	"math"
	"math/rand/v2"
	"sync/atomic"
	"testing"
	"unsafe"

	"github.com/samkern/samkern/internal/ref"
	"github.com/samkern/samkern/kernels"
)

// maxUnroll is the most elements any level's main loop consumes per
// iteration (AVX-512 float32 reductions: 8 accumulators × 16 lanes).
const maxUnroll = 128

// smallLengths returns the lengths every kernel is tested at. In full mode
// (kernels.FullTests) that is every length 0..3·maxUnroll+1, so that every
// loop runs 0, 1, 2 and 3 times with every possible tail. By default it is
// every length up to 2·64+1, which does the same for every loop of at most
// 64 elements per iteration (all but the AVX-512 float32 reductions), and
// then, for those, 128..383 at a step of 16 with the remainders 0, 1, 7 and
// 15 (their 16-lane loop runs 0..7 times after the main loop, and the
// masked tail takes its shortest, middle and longest forms), and 384, 385.
func smallLengths() []int {
	if kernels.FullTests {
		ns := make([]int, 3*maxUnroll+2)
		for i := range ns {
			ns[i] = i
		}
		return ns
	}
	var ns []int
	for n := 0; n <= 2*64+1; n++ {
		ns = append(ns, n)
	}
	for base := maxUnroll; base < 3*maxUnroll; base += 16 {
		for _, r := range []int{0, 1, 7, 15} {
			if n := base + r; n > 2*64+1 {
				ns = append(ns, n)
			}
		}
	}
	return append(ns, 384, 385)
}

// offsets returns the element offsets from a 64-byte boundary to test at
// length n: all eight in full mode, otherwise two that move with n, so that
// over the lengths every offset meets every tail. The kernels' loads are
// unaligned: the offset changes no path but the streaming stores' aligning
// head, which TestStreamingStores covers at every offset.
func offsets(n int) []int {
	if kernels.FullTests {
		return []int{0, 1, 2, 3, 4, 5, 6, 7}
	}
	return []int{n % 8, (n*5 + 3) % 8}
}

// largeLengths are beyond every cache-sized special case and, in full mode,
// beyond the Go wrappers' chunk of 1<<16 elements (chunking is tested by
// default at one length, which crosses it).
func largeLengths() []int {
	if kernels.FullTests {
		return []int{100_003, 1<<16 + 1, 3<<16 + 77}
	}
	return []int{1<<16 + 1}
}

// levels returns the levels under test: every level this machine can run
// (or those SAMKERN_TEST_LEVELS names).
func levels() []kernels.Level { return kernels.TestLevels() }

// aligned returns n elements of T starting off elements past a 64-byte
// boundary, inside a fresh allocation, with nextRoom() cells of roomValue
// past its length (within its capacity).
func aligned[T ref.Float](n, off int) []T {
	var z T
	size := int(unsafe.Sizeof(z))
	room := nextRoom()
	buf := make([]T, n+off+64/size+1+room)
	addr := uintptr(unsafe.Pointer(&buf[0]))
	skip := int((64-addr%64)%64) / size
	x := buf[skip+off : skip+off+n : skip+off+n+room]
	fillRoom(x)
	return x
}

// nextRoom is how many cells past their lengths the tests' vectors have
// (aligned, roomy): more than one AVX-512 float32 vector, and not a
// multiple of one. A kernel that took its length from a capacity, or
// from a longer slice, reads the roomValue there (a reduction's result
// changes) or writes there (roomChanged reports it). roomValue is far
// larger than the test data, so a read of it cannot hide in a bound. The
// room changes from one vector to the next, so that two operands of equal
// length have different capacities: the caller leaves them in registers,
// and with equal ones an instruction that reads the wrong register can
// still get the right value (an AVX2 index cleared by XORing two of them
// survived the mutation check so).
func nextRoom() int { return roomSizes[roomTurn.Add(1)%uint32(len(roomSizes))] }

var (
	roomSizes = []int{17, 19, 23, 29}
	roomTurn  atomic.Uint32
)

const roomValue = 1234.5

func fillRoom[T ref.Float](x []T) {
	r := x[len(x):cap(x)]
	for i := range r {
		r[i] = roomValue
	}
}

// roomy returns a copy of x with nextRoom() cells of roomValue past its
// length.
func roomy[T ref.Float](x []T) []T {
	c := append(make([]T, 0, len(x)+nextRoom()), x...)
	fillRoom(c)
	return c
}

// roomChanged returns the first cell past x's length (of those within its
// capacity) that no longer holds roomValue, or -1.
func roomChanged[T ref.Float](x []T) int {
	for i, v := range x[len(x):cap(x)] {
		if v != roomValue {
			return i
		}
	}
	return -1
}

// randVec fills x with random values of varied magnitude and sign: a
// significand in [-1, 1) scaled by 2^k with k in [-8, 8], so sums cancel and
// no two entries share an exponent by design.
func randVec[T ref.Float](r *rand.Rand, x []T) {
	for i := range x {
		x[i] = T(math.Ldexp(2*r.Float64()-1, r.IntN(17)-8))
	}
}

// intVec fills x with integers in [-16, 16]: every product and partial sum
// of up to 65536 of them is exact in float32, so a reduction must return the
// exact value and a dropped or repeated element cannot hide in the rounding.
func intVec[T ref.Float](r *rand.Rand, x []T) {
	for i := range x {
		x[i] = T(r.IntN(33) - 16)
	}
}

func newRand(t testing.TB, salt uint64) *rand.Rand {
	return rand.New(rand.NewPCG(uint64(len(t.Name())), salt))
}

// sameBits reports whether a and b are the same value: equal bits, or both
// NaN (payloads may differ between instruction sets).
func sameBits[T ref.Float](a, b T) bool {
	fa, fb := float64(a), float64(b)
	if math.IsNaN(fa) || math.IsNaN(fb) {
		return math.IsNaN(fa) && math.IsNaN(fb)
	}
	return fa == fb && math.Signbit(fa) == math.Signbit(fb)
}

// firstDiff returns the first index where got and want differ as values, or -1.
func firstDiff[T ref.Float](got, want []T) int {
	for i := range want {
		if !sameBits(got[i], want[i]) {
			return i
		}
	}
	return -1
}

// expectPanic runs f and returns the panic message, failing if f returns.
func expectPanic(t *testing.T, f func()) (msg string) {
	t.Helper()
	defer func() {
		t.Helper()
		r := recover()
		if r == nil {
			t.Fatalf("no panic")
		}
		switch v := r.(type) {
		case string:
			msg = v
		case error:
			msg = v.Error()
		default:
			t.Fatalf("panic with %T %v", r, r)
		}
	}()
	f()
	return ""
}
