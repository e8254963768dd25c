package main

import (
	"context"
	"errors"
	"runtime"
	"sync"

	"github.com/samkern/samkern/models"
	"github.com/samkern/samkern/sam"
)

// parallel runs task(0) … task(n−1), one per CPU at a time, and returns
// their errors joined; a cancelled run returns context.Canceled alone.
func parallel(n int, task func(i int) error) error {
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			errs[i] = task(i)
		}()
	}
	wg.Wait()
	err := errors.Join(errs...)
	if errors.Is(err, context.Canceled) {
		return context.Canceled
	}
	return err
}

// mlpTrainer is an MLP's parameters as a trainer holds them, per-layer
// groups of one flat vector, with the optimizer over them.
type mlpTrainer[T models.Float] struct {
	net           *models.MLP[T]
	flat          []T
	params, grads [][]T
	opt           *sam.Optimizer[T]
}

// newMLPTrainer draws the initialization from seed and builds the
// optimizer over the groups.
func newMLPTrainer[T models.Float](net *models.MLP[T], seed uint64, cfg sam.Config[T]) (*mlpTrainer[T], error) {
	flat, params := net.NewParams(seed)
	t := &mlpTrainer[T]{net: net, flat: flat, params: params, grads: net.Split(make([]T, net.Dim()))}
	groups := make([]sam.Group[T], len(params))
	for k := range params {
		groups[k] = sam.Group[T]{Params: params[k], Grads: t.grads[k]}
	}
	var err error
	t.opt, err = sam.New(cfg, groups...)
	return t, err
}
