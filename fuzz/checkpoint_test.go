package fuzz

import (
	"bytes"
	"testing"

	"github.com/samkern/samkern/sam"
)

// FuzzCheckpoint feeds arbitrary bytes to sam.Optimizer.UnmarshalBinary:
// it must never panic; a rejected input must leave the optimizer's state
// exactly as it was; and an accepted one must be what MarshalBinary then
// writes back (the format has no slack, so acceptance means a well-formed
// state). The seeds are real checkpoints of an SGD and an AdamW optimizer.
func FuzzCheckpoint(f *testing.F) {
	mk := func(adam bool) (*sam.Optimizer[float32], func() error) {
		w, g := []float32{0.5, -1, 2}, make([]float32, 3)
		cfg := sam.Config[float32]{Perturbation: sam.SAM, Rho: 0.05, SGD: &sam.SGD{LR: 0.1, Momentum: 0.9}}
		if adam {
			cfg.SGD, cfg.AdamW = nil, &sam.AdamW{LR: 0.01}
		}
		o, err := sam.NewFlat(cfg, w, g)
		if err != nil {
			f.Fatal(err)
		}
		return o, func() error { g[0], g[1], g[2] = w[0], 2*w[1], -w[2]; return nil }
	}
	for _, adam := range []bool{false, true} {
		o, grad := mk(adam)
		for range 3 {
			if err := o.Step(grad); err != nil {
				f.Fatal(err)
			}
		}
		data, err := o.MarshalBinary()
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data, adam)
	}
	f.Fuzz(func(t *testing.T, data []byte, adam bool) {
		o, grad := mk(adam)
		if err := o.Step(grad); err != nil {
			t.Fatal(err)
		}
		before, err := o.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		if err := o.UnmarshalBinary(data); err != nil {
			after, _ := o.MarshalBinary()
			if !bytes.Equal(before, after) {
				t.Fatalf("rejected input (%v) changed the state", err)
			}
			return
		}
		again, err := o.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(again, data) {
			t.Fatalf("accepted %d bytes but writes back %d different ones", len(data), len(again))
		}
	})
}
