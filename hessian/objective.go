package hessian

// Objective is a twice-differentiable loss over float64 parameters with a
// Hessian-vector product, the interface the sharpness measures, the tests,
// the examples and cmd/samkern work with. The models in package models
// implement it with exact products; FDObjective builds one from a gradient
// alone.
type Objective interface {
	// Dim is the number of parameters.
	Dim() int
	// Loss returns L(w).
	Loss(w []float64) float64
	// Grad writes ∇L(w) into g and returns L(w).
	Grad(g, w []float64) float64
	// HVP writes H(w)·v into hv, where H is the Hessian of L.
	HVP(hv, w, v []float64)
}
