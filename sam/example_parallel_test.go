package sam_test

import (
	"fmt"
	"log"
	"math"
	"sync"

	"github.com/samkern/samkern/sam"
)

// allReduce stands for a collective across processes: each of n replicas
// sends its vector, and each receives the element-wise sum.
type allReduce struct {
	n   int
	in  chan []float64
	out []chan []float64
}

func newAllReduce(n int) *allReduce {
	a := &allReduce{n: n, in: make(chan []float64, n), out: make([]chan []float64, n)}
	for r := range a.out {
		a.out[r] = make(chan []float64, 1)
	}
	go func() {
		for {
			sum := append([]float64(nil), <-a.in...)
			for range n - 1 {
				for i, v := range <-a.in {
					sum[i] += v
				}
			}
			for _, c := range a.out {
				c <- append([]float64(nil), sum...)
			}
		}
	}()
	return a
}

func (a *allReduce) sum(rank int, v []float64) []float64 {
	a.in <- v
	return <-a.out[rank]
}

// Data-parallel SAM with the global norm: two replicas (goroutines) each
// hold half of the data and own half of the parameters and of the optimizer
// state, as in sharded data parallelism. Each step they average their
// gradients (an all-reduce), sum their shards' LocalSumSq (another) and
// perturb with AscendGlobal, gather the perturbed parameters, and repeat for
// the second gradient and Descend. The result is single-process SAM on the
// whole batch, to the rounding of the summation order.
func Example_dataParallel() {
	// Least squares on 8 samples of 4 features.
	xs := [][4]float64{{1, 0, 2, 1}, {0, 1, 1, 1}, {2, 1, 0, 1}, {1, 3, 1, 1}, {-1, 2, 0, 1}, {0, -1, 2, 1}, {3, 0, 1, 1}, {1, 1, -2, 1}}
	ys := []float64{3, 1, 2, 4, 0, 1, 5, -1}
	grad := func(w, g []float64, rows []int) { // mean over rows, into g
		clear(g)
		for _, k := range rows {
			r := -ys[k]
			for i, x := range xs[k] {
				r += w[i] * x
			}
			for i, x := range xs[k] {
				g[i] += r * x / float64(len(rows))
			}
		}
	}
	cfg := sam.Config[float64]{Perturbation: sam.SAM, Rho: 0.1, SGD: &sam.SGD{LR: 0.05, Momentum: 0.9}}
	const steps = 50

	// One process, the whole batch.
	single, g := make([]float64, 4), make([]float64, 4)
	opt, err := sam.NewFlat(cfg, single, g)
	if err != nil {
		log.Fatal(err)
	}
	all := []int{0, 1, 2, 3, 4, 5, 6, 7}
	for range steps {
		if err := opt.Step(func() error { grad(single, g, all); return nil }); err != nil {
			log.Fatal(err)
		}
	}

	// Two replicas: rank r has rows 4r..4r+3 and owns parameters 2r, 2r+1.
	comm := newAllReduce(2)
	result := make([]float64, 4)
	var wg sync.WaitGroup
	for rank := range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rows := []int{4 * rank, 4*rank + 1, 4*rank + 2, 4*rank + 3}
			w, local := make([]float64, 4), make([]float64, 4) // the full replica
			shard, shardGrad := w[2*rank:2*rank+2], make([]float64, 2)
			opt, err := sam.NewFlat(cfg, shard, shardGrad)
			if err != nil {
				log.Fatal(err)
			}
			// The averaged gradient of the whole batch, into the shard.
			gradient := func() {
				grad(w, local, rows)
				mean := comm.sum(rank, local)
				shardGrad[0], shardGrad[1] = mean[2*rank]/2, mean[2*rank+1]/2
			}
			// Every replica's shard of the parameters, into w.
			gather := func() {
				mine := make([]float64, 4)
				copy(mine[2*rank:], shard)
				copy(w, comm.sum(rank, mine))
			}
			for range steps {
				gradient()
				norm2 := comm.sum(rank, []float64{opt.LocalSumSq()})[0]
				if _, err := opt.AscendGlobal(norm2); err != nil {
					log.Fatal(err)
				}
				gather()
				gradient()
				if err := opt.Descend(); err != nil {
					log.Fatal(err)
				}
				gather()
			}
			if rank == 0 {
				copy(result, w)
			}
		}()
	}
	wg.Wait()
	diff := 0.0
	for i := range result {
		diff = max(diff, math.Abs(result[i]-single[i]))
	}
	fmt.Printf("w = (%.3f, %.3f, %.3f, %.3f); replicas agree with one process: %v\n",
		single[0], single[1], single[2], single[3], diff < 1e-12)
	// Output: w = (1.267, 0.743, 1.178, -0.642); replicas agree with one process: true
}
