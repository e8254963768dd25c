package bench

import (
	"fmt"
	"testing"

	"github.com/samkern/samkern/sam"
)

// BenchmarkSAMStepExtras measures what Config.ZeroGrads and Config.ClipNorm
// cost in a SAM step over SGD with momentum on float32 parameters. Before
// each of the step's two gradients the trainer's backward pass is stood in
// for by a copy into Grads, the same in every case:
//
//   - extra=none: the plain step;
//   - extra=zerograds: ZeroGrads, the buffers zeroed inside the fused passes;
//   - extra=clear: the trainer zeroing the buffers itself after Ascend and
//     after Descend, as it must without ZeroGrads (two more passes);
//   - extra=clip: ClipNorm small enough that every step is clipped, the
//     scaling done inside the update pass.
//
// passes counts the step's vector passes, the two copies included. Names:
// BenchmarkSAMStepExtras/n=16M/extra=zerograds.
func BenchmarkSAMStepExtras(b *testing.B) {
	for _, n := range []int{256 << 10, 16 << 20} {
		for _, extra := range []string{"none", "zerograds", "clear", "clip"} {
			b.Run(fmt.Sprintf("n=%s/extra=%s", sizeName(n), extra), func(b *testing.B) {
				benchExtra(b, n, extra)
			})
		}
	}
}

func benchExtra(b *testing.B, n int, extra string) {
	releaseVectors() // the last run's vectors: each run allocates its own
	w, g := randVec[float32](n, 1), zeroVec[float32](n)
	src := randVec[float32](n, 2)
	cfg := sam.Config[float32]{Perturbation: sam.SAM, Rho: bRho, SGD: &sam.SGD{LR: bLR, Momentum: bMu}}
	passes := 6.0
	switch extra {
	case "zerograds":
		cfg.ZeroGrads = true
	case "clear":
		passes += 2
	case "clip":
		cfg.ClipNorm = 1e-6
	}
	o, err := sam.NewFlat(cfg, w, g)
	if err != nil {
		b.Fatal(err)
	}
	step := func() {
		copy(g, src)
		if _, err := o.Ascend(); err != nil {
			b.Fatal(err)
		}
		if extra == "clear" {
			clear(g)
		}
		copy(g, src)
		if err := o.Descend(); err != nil {
			b.Fatal(err)
		}
		if extra == "clear" {
			clear(g)
		}
	}
	step()
	if extra == "clip" && o.Stats().Clip == 1 {
		b.Fatal("the step was not clipped")
	}
	b.SetBytes(int64(n) * 4)
	b.ResetTimer()
	for range b.N {
		step()
	}
	b.ReportMetric(passes, "passes")
}
