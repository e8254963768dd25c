package bench

import (
	"fmt"
	"math"
	"testing"

	"github.com/samkern/samkern/kernels"
)

// smallSizes are the lengths of BenchmarkSmall: below the kernels' smallN,
// where call overhead, not arithmetic, decides.
var smallSizes = []int{1, 2, 4, 8, 16}

// smallCase holds the three benchmark loops of one operation, type and n.
type smallCase struct {
	pkg    func(b *testing.B) // the package-level function, called directly
	loop   func(b *testing.B) // the plain loop behind a non-inlined call
	inline func(b *testing.B) // the plain loop written in the benchmark body
}

// runSmall runs n=<n>/impl=<pkg|loop|inlineloop> for every small size;
// vectors is the number of vectors the operation moves (reads plus writes)
// and mk builds the loops over fresh vectors of length n.
func runSmall[T float](b *testing.B, vectors int, mk func(n int) smallCase) {
	for _, n := range smallSizes {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			c := mk(n)
			for _, im := range []struct {
				name string
				run  func(b *testing.B)
			}{{"pkg", c.pkg}, {"loop", c.loop}, {"inlineloop", c.inline}} {
				b.Run("impl="+im.name, func(b *testing.B) {
					b.SetBytes(int64(vectors * n * elemSize[T]()))
					im.run(b)
					reportElemPerNs(b, n)
				})
			}
		})
	}
}

// BenchmarkSmall backs the claim that at n <= 16 no kernel is slower than the
// plain Go loop: for each operation and type it compares the package-level
// function (impl=pkg) with the obvious loop in a //go:noinline function
// (impl=loop: a real call, as the kernel's is) and, for information, the same
// loop inlined in the benchmark (impl=inlineloop). Names:
// BenchmarkSmall/Dot/f64/n=4/impl=pkg. Axpy alternates alpha between 1e-9
// and -1e-9 and Scale between 2 and 0.5, continuing across impls, so the
// data stay bounded.
func BenchmarkSmall(b *testing.B) {
	b.Run("Dot", func(b *testing.B) {
		b.Run("f64", func(b *testing.B) {
			runSmall[float64](b, 2, func(n int) smallCase {
				x, y := randVec[float64](n, 1), randVec[float64](n, 2)
				return smallCase{
					pkg: func(b *testing.B) {
						var s float64
						for range b.N {
							s += kernels.Dot(x, y)
						}
						sink = s
					},
					loop: func(b *testing.B) {
						var s float64
						for range b.N {
							s += dotLoop(x, y)
						}
						sink = s
					},
					inline: func(b *testing.B) {
						var s float64
						for range b.N {
							var d float64
							for i := range x {
								d += x[i] * y[i]
							}
							s += d
						}
						sink = s
					},
				}
			})
		})
		b.Run("f32", func(b *testing.B) {
			runSmall[float32](b, 2, func(n int) smallCase {
				x, y := randVec[float32](n, 1), randVec[float32](n, 2)
				return smallCase{
					pkg: func(b *testing.B) {
						var s float32
						for range b.N {
							s += kernels.Dot32(x, y)
						}
						sink = float64(s)
					},
					loop: func(b *testing.B) {
						var s float32
						for range b.N {
							s += dotLoop32(x, y)
						}
						sink = float64(s)
					},
					inline: func(b *testing.B) {
						var s float32
						for range b.N {
							var d float32
							for i := range x {
								d += x[i] * y[i]
							}
							s += d
						}
						sink = float64(s)
					},
				}
			})
		})
	})

	b.Run("Axpy", func(b *testing.B) {
		b.Run("f64", func(b *testing.B) {
			runSmall[float64](b, 3, func(n int) smallCase {
				x, y := randVec[float64](n, 1), randVec[float64](n, 2)
				alphas, calls := [2]float64{1e-9, -1e-9}, 0
				return smallCase{
					pkg: func(b *testing.B) {
						for i := range b.N {
							kernels.Axpy(alphas[(calls+i)&1], x, y)
						}
						calls += b.N
					},
					loop: func(b *testing.B) {
						for i := range b.N {
							axpyLoop(alphas[(calls+i)&1], x, y)
						}
						calls += b.N
					},
					inline: func(b *testing.B) {
						for k := range b.N {
							a := alphas[(calls+k)&1]
							for i := range x {
								y[i] += a * x[i]
							}
						}
						calls += b.N
					},
				}
			})
		})
		b.Run("f32", func(b *testing.B) {
			runSmall[float32](b, 3, func(n int) smallCase {
				x, y := randVec[float32](n, 1), randVec[float32](n, 2)
				alphas, calls := [2]float32{1e-9, -1e-9}, 0
				return smallCase{
					pkg: func(b *testing.B) {
						for i := range b.N {
							kernels.Axpy32(alphas[(calls+i)&1], x, y)
						}
						calls += b.N
					},
					loop: func(b *testing.B) {
						for i := range b.N {
							axpyLoop32(alphas[(calls+i)&1], x, y)
						}
						calls += b.N
					},
					inline: func(b *testing.B) {
						for k := range b.N {
							a := alphas[(calls+k)&1]
							for i := range x {
								y[i] += a * x[i]
							}
						}
						calls += b.N
					},
				}
			})
		})
	})

	b.Run("AxpyTo", func(b *testing.B) {
		b.Run("f64", func(b *testing.B) {
			runSmall[float64](b, 3, func(n int) smallCase {
				x, y, dst := randVec[float64](n, 1), randVec[float64](n, 2), randVec[float64](n, 3)
				return smallCase{
					pkg: func(b *testing.B) {
						for range b.N {
							kernels.AxpyTo(dst, 0.5, x, y)
						}
					},
					loop: func(b *testing.B) {
						for range b.N {
							axpyToLoop(dst, 0.5, x, y)
						}
					},
					inline: func(b *testing.B) {
						for range b.N {
							for i := range x {
								dst[i] = 0.5*x[i] + y[i]
							}
						}
					},
				}
			})
		})
		b.Run("f32", func(b *testing.B) {
			runSmall[float32](b, 3, func(n int) smallCase {
				x, y, dst := randVec[float32](n, 1), randVec[float32](n, 2), randVec[float32](n, 3)
				return smallCase{
					pkg: func(b *testing.B) {
						for range b.N {
							kernels.AxpyTo32(dst, 0.5, x, y)
						}
					},
					loop: func(b *testing.B) {
						for range b.N {
							axpyToLoop32(dst, 0.5, x, y)
						}
					},
					inline: func(b *testing.B) {
						for range b.N {
							for i := range x {
								dst[i] = 0.5*x[i] + y[i]
							}
						}
					},
				}
			})
		})
	})

	b.Run("Scale", func(b *testing.B) {
		b.Run("f64", func(b *testing.B) {
			runSmall[float64](b, 2, func(n int) smallCase {
				x := randVec[float64](n, 1)
				alphas, calls := [2]float64{2, 0.5}, 0
				return smallCase{
					pkg: func(b *testing.B) {
						for i := range b.N {
							kernels.Scale(alphas[(calls+i)&1], x)
						}
						calls += b.N
					},
					loop: func(b *testing.B) {
						for i := range b.N {
							scaleLoop(alphas[(calls+i)&1], x)
						}
						calls += b.N
					},
					inline: func(b *testing.B) {
						for k := range b.N {
							a := alphas[(calls+k)&1]
							for i := range x {
								x[i] *= a
							}
						}
						calls += b.N
					},
				}
			})
		})
		b.Run("f32", func(b *testing.B) {
			runSmall[float32](b, 2, func(n int) smallCase {
				x := randVec[float32](n, 1)
				alphas, calls := [2]float32{2, 0.5}, 0
				return smallCase{
					pkg: func(b *testing.B) {
						for i := range b.N {
							kernels.Scale32(alphas[(calls+i)&1], x)
						}
						calls += b.N
					},
					loop: func(b *testing.B) {
						for i := range b.N {
							scaleLoop32(alphas[(calls+i)&1], x)
						}
						calls += b.N
					},
					inline: func(b *testing.B) {
						for k := range b.N {
							a := alphas[(calls+k)&1]
							for i := range x {
								x[i] *= a
							}
						}
						calls += b.N
					},
				}
			})
		})
	})

	b.Run("SumSq", func(b *testing.B) {
		b.Run("f64", func(b *testing.B) {
			runSmall[float64](b, 1, func(n int) smallCase {
				x := randVec[float64](n, 1)
				return smallCase{
					pkg: func(b *testing.B) {
						var s float64
						for range b.N {
							s += kernels.SumSq(x)
						}
						sink = s
					},
					loop: func(b *testing.B) {
						var s float64
						for range b.N {
							s += sumSqLoop(x)
						}
						sink = s
					},
					inline: func(b *testing.B) {
						var s float64
						for range b.N {
							var d float64
							for _, v := range x {
								d += v * v
							}
							s += d
						}
						sink = s
					},
				}
			})
		})
		b.Run("f32", func(b *testing.B) {
			runSmall[float32](b, 1, func(n int) smallCase {
				x := randVec[float32](n, 1)
				return smallCase{
					pkg: func(b *testing.B) {
						var s float32
						for range b.N {
							s += kernels.SumSq32(x)
						}
						sink = float64(s)
					},
					loop: func(b *testing.B) {
						var s float32
						for range b.N {
							s += sumSqLoop32(x)
						}
						sink = float64(s)
					},
					inline: func(b *testing.B) {
						var s float32
						for range b.N {
							var d float32
							for _, v := range x {
								d += v * v
							}
							s += d
						}
						sink = float64(s)
					},
				}
			})
		})
	})

	b.Run("Norm", func(b *testing.B) {
		b.Run("f64", func(b *testing.B) {
			runSmall[float64](b, 1, func(n int) smallCase {
				x := randVec[float64](n, 1)
				return smallCase{
					pkg: func(b *testing.B) {
						var s float64
						for range b.N {
							s += kernels.Norm(x)
						}
						sink = s
					},
					loop: func(b *testing.B) {
						var s float64
						for range b.N {
							s += normLoop(x)
						}
						sink = s
					},
					inline: func(b *testing.B) {
						var s float64
						for range b.N {
							var d float64
							for _, v := range x {
								d += v * v
							}
							s += math.Sqrt(d)
						}
						sink = s
					},
				}
			})
		})
		b.Run("f32", func(b *testing.B) {
			runSmall[float32](b, 1, func(n int) smallCase {
				x := randVec[float32](n, 1)
				return smallCase{
					pkg: func(b *testing.B) {
						var s float32
						for range b.N {
							s += kernels.Norm32(x)
						}
						sink = float64(s)
					},
					loop: func(b *testing.B) {
						var s float32
						for range b.N {
							s += normLoop32(x)
						}
						sink = float64(s)
					},
					inline: func(b *testing.B) {
						var s float32
						for range b.N {
							var d float32
							for _, v := range x {
								d += v * v
							}
							s += float32(math.Sqrt(float64(d)))
						}
						sink = float64(s)
					},
				}
			})
		})
	})
}

// The plain loops of BenchmarkSmall, each behind a real call. The Norm loops
// are the obvious ones: no scaling against overflow, and float32
// accumulation for float32 (kernels.Norm32 accumulates in float64).

//go:noinline
func dotLoop(x, y []float64) float64 {
	var s float64
	for i := range x {
		s += x[i] * y[i]
	}
	return s
}

//go:noinline
func dotLoop32(x, y []float32) float32 {
	var s float32
	for i := range x {
		s += x[i] * y[i]
	}
	return s
}

//go:noinline
func axpyLoop(a float64, x, y []float64) {
	for i := range x {
		y[i] += a * x[i]
	}
}

//go:noinline
func axpyLoop32(a float32, x, y []float32) {
	for i := range x {
		y[i] += a * x[i]
	}
}

//go:noinline
func axpyToLoop(dst []float64, a float64, x, y []float64) {
	for i := range x {
		dst[i] = a*x[i] + y[i]
	}
}

//go:noinline
func axpyToLoop32(dst []float32, a float32, x, y []float32) {
	for i := range x {
		dst[i] = a*x[i] + y[i]
	}
}

//go:noinline
func scaleLoop(a float64, x []float64) {
	for i := range x {
		x[i] *= a
	}
}

//go:noinline
func scaleLoop32(a float32, x []float32) {
	for i := range x {
		x[i] *= a
	}
}

//go:noinline
func sumSqLoop(x []float64) float64 {
	var s float64
	for _, v := range x {
		s += v * v
	}
	return s
}

//go:noinline
func sumSqLoop32(x []float32) float32 {
	var s float32
	for _, v := range x {
		s += v * v
	}
	return s
}

//go:noinline
func normLoop(x []float64) float64 {
	var s float64
	for _, v := range x {
		s += v * v
	}
	return math.Sqrt(s)
}

//go:noinline
func normLoop32(x []float32) float32 {
	var s float32
	for _, v := range x {
		s += v * v
	}
	return float32(math.Sqrt(float64(s)))
}
