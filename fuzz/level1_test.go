package fuzz

import (
	"encoding/binary"
	"math"
	"testing"
	"unsafe"

	"github.com/samkern/samkern/internal/ref"
	"github.com/samkern/samkern/kernels"
)

// decode reads data as little-endian float64 (or float32) bit patterns into
// a fresh slice that starts off%8 elements past a 64-byte boundary, so the
// fuzzer also explores alignment.
func decode[T ref.Float](data []byte, off uint8) []T {
	var z T
	size := int(unsafe.Sizeof(z))
	n := len(data) / size
	buf := make([]T, n+64/size+8)
	skip := int((64-uintptr(unsafe.Pointer(&buf[0]))%64)%64) / size
	x := buf[skip+int(off%8) : skip+int(off%8)+n : skip+int(off%8)+n]
	for i := range x {
		if size == 8 {
			x[i] = T(math.Float64frombits(binary.LittleEndian.Uint64(data[8*i:])))
		} else {
			x[i] = T(math.Float32frombits(binary.LittleEndian.Uint32(data[4*i:])))
		}
	}
	return x
}

// halves splits the decoded data into two vectors of equal length.
func halves[T ref.Float](data []byte, off uint8) (x, y []T) {
	v := decode[T](data, off)
	n := len(v) / 2
	return v[:n:n], v[n : 2*n : 2*n]
}

func limits[T ref.Float]() (u, eta, max float64) {
	if ref.Unit[T]() == ref.Unit[float32]() {
		return ref.Unit[T](), ref.Eta[T](), math.MaxFloat32
	}
	return ref.Unit[T](), ref.Eta[T](), math.MaxFloat64
}

func fuzzReduction[T ref.Float](f *testing.F, two bool, call func(l kernels.Level, x, y []T) T) {
	f.Fuzz(func(t *testing.T, data []byte, off uint8) {
		var x, y []T
		if two {
			x, y = halves[T](data, off)
		} else {
			x = decode[T](data, off)
			y = x
		}
		u, eta, max := limits[T]()
		for _, l := range kernels.Levels() {
			got := call(l, x, y)
			if err := ref.CheckDot(float64(got), x, y, len(x)+8, u, eta, max); err != nil {
				t.Fatalf("%s n=%d: %v\nx=%v\ny=%v", l, len(x), err, x, y)
			}
		}
	})
}

func FuzzDot(f *testing.F) {
	fuzzReduction(f, true, func(l kernels.Level, x, y []float64) float64 { return l.Dot(x, y) })
}

func FuzzDot32(f *testing.F) {
	fuzzReduction(f, true, func(l kernels.Level, x, y []float32) float32 { return l.Dot32(x, y) })
}

func FuzzSumSq(f *testing.F) {
	fuzzReduction(f, false, func(l kernels.Level, x, _ []float64) float64 { return l.SumSq(x) })
}

func FuzzSumSq32(f *testing.F) {
	fuzzReduction(f, false, func(l kernels.Level, x, _ []float32) float32 { return l.SumSq32(x) })
}

// FuzzSumSqWide32 accumulates float32 squares in float64: the float64 unit
// and range apply.
func FuzzSumSqWide32(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte, off uint8) {
		x := decode[float32](data, off)
		for _, l := range kernels.Levels() {
			got := l.SumSqWide32(x)
			if err := ref.CheckDot(got, x, x, len(x)+8, ref.Unit[float64](), ref.Eta[float64](), math.MaxFloat64); err != nil {
				t.Fatalf("%s n=%d: %v\nx=%v", l, len(x), err, x)
			}
		}
	})
}

func FuzzNorm(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte, off uint8) {
		x := decode[float64](data, off)
		u := ref.Unit[float64]()
		for _, l := range kernels.Levels() {
			if err := ref.CheckNorm(l.Norm(x), x, ref.NormRel(len(x), u), u, -1075, math.MaxFloat64); err != nil {
				t.Fatalf("%s n=%d: %v\nx=%v", l, len(x), err, x)
			}
		}
	})
}

func FuzzNorm32(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte, off uint8) {
		x := decode[float32](data, off)
		u64, u32 := ref.Unit[float64](), ref.Unit[float32]()
		for _, l := range kernels.Levels() {
			if err := ref.CheckNorm(float64(l.Norm32(x)), x, ref.NormRel(len(x), u64), u32, -150, math.MaxFloat32); err != nil {
				t.Fatalf("%s n=%d: %v\nx=%v", l, len(x), err, x)
			}
		}
	})
}

// fuzzElementwise runs an element-wise kernel and demands the reference's
// bits in every element (NaN payloads aside): element-wise kernels do not
// reorder anything, so there is no tolerance.
func fuzzElementwise[T ref.Float](f *testing.F, run func(l kernels.Level, alpha T, x, y []T) []T, want func(fused bool, alpha T, x, y []T) []T) {
	f.Fuzz(func(t *testing.T, data []byte, off uint8, alpha float64) {
		x, y := halves[T](data, off)
		a := T(alpha)
		for _, l := range kernels.Levels() {
			got, exp := run(l, a, x, y), want(l.Fused(), a, x, y)
			for i := range exp {
				g, e := float64(got[i]), float64(exp[i])
				if math.IsNaN(g) && math.IsNaN(e) {
					continue
				}
				if g != e || math.Signbit(g) != math.Signbit(e) {
					t.Fatalf("%s n=%d alpha=%v: element %d = %v, want %v (x=%v, y=%v)", l, len(x), a, i, got[i], exp[i], x[i], y[i])
				}
			}
		}
	})
}

func clone[T any](v []T) []T { return append(make([]T, 0, len(v)), v...) }

func FuzzAxpy(f *testing.F) {
	fuzzElementwise(f,
		func(l kernels.Level, a float64, x, y []float64) []float64 { y = clone(y); l.Axpy(a, x, y); return y },
		func(fu bool, a float64, x, y []float64) []float64 {
			d := clone(y)
			ref.AxpyTo(d, a, x, y, fu)
			return d
		})
}

func FuzzAxpy32(f *testing.F) {
	fuzzElementwise(f,
		func(l kernels.Level, a float32, x, y []float32) []float32 { y = clone(y); l.Axpy32(a, x, y); return y },
		func(fu bool, a float32, x, y []float32) []float32 {
			d := clone(y)
			ref.AxpyTo(d, a, x, y, fu)
			return d
		})
}

func FuzzAxpyTo(f *testing.F) {
	fuzzElementwise(f,
		func(l kernels.Level, a float64, x, y []float64) []float64 {
			d := make([]float64, len(x))
			l.AxpyTo(d, a, x, y)
			return d
		},
		func(fu bool, a float64, x, y []float64) []float64 {
			d := clone(y)
			ref.AxpyTo(d, a, x, y, fu)
			return d
		})
}

func FuzzAxpyTo32(f *testing.F) {
	fuzzElementwise(f,
		func(l kernels.Level, a float32, x, y []float32) []float32 {
			d := make([]float32, len(x))
			l.AxpyTo32(d, a, x, y)
			return d
		},
		func(fu bool, a float32, x, y []float32) []float32 {
			d := clone(y)
			ref.AxpyTo(d, a, x, y, fu)
			return d
		})
}

func FuzzScale(f *testing.F) {
	fuzzElementwise(f,
		func(l kernels.Level, a float64, x, _ []float64) []float64 { x = clone(x); l.Scale(a, x); return x },
		func(_ bool, a float64, x, _ []float64) []float64 { x = clone(x); ref.Scale(a, x); return x })
}

func FuzzScale32(f *testing.F) {
	fuzzElementwise(f,
		func(l kernels.Level, a float32, x, _ []float32) []float32 { x = clone(x); l.Scale32(a, x); return x },
		func(_ bool, a float32, x, _ []float32) []float32 { x = clone(x); ref.Scale(a, x); return x })
}
