//go:build !amd64 || purego || noasm

package roofline

// Kind names the probes in use: here always go.
func Kind() string { return "go" }

// NT reports whether Stream has non-temporal stores: Go has none.
func NT() bool { return false }

// FMAWidth is the size in bytes of one FMA of FMA: a float64 here.
func FMAWidth() int { return 8 }

// LoadWidth is the size in bytes of one load of Loads.
func LoadWidth() int { return 8 }

// Variants lists the stream loops Stream can use: the Go one.
func Variants() []Variant { return []Variant{GoWords} }

func stream(_ Variant, srcs [][]byte, inplace int, dsts [][]byte, off, m int, _ bool) {
	streamGo(srcs, inplace, dsts, off, m)
}

func fma(iters int) (chains, width int) { return fmaGo(iters) }

func loads(buf *byte, nbytes, reps int) { loadsGo(buf, nbytes, reps) }

// hasTight reports whether a tight loop exists: never here.
func hasTight(Variant, shape) bool { return false }
