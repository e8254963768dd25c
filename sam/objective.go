package sam

// Objective is a twice-differentiable loss over float64 parameters with an
// exact Hessian-vector product, the interface the sharpness measures, the
// tests, the examples and cmd/samkern work with.
type Objective interface {
	// Dim is the number of parameters.
	Dim() int
	// Loss returns L(w).
	Loss(w []float64) float64
	// Grad writes ∇L(w) into g and returns L(w).
	Grad(w, g []float64) float64
	// HVP writes H(w)·v into hv, where H is the Hessian of L.
	HVP(w, v, hv []float64)
}

// Sampled is an Objective that is the mean of per-sample losses,
// L = (1/M) Σ_k L_k, as stochastic and m-SAM steps need.
type Sampled interface {
	Objective
	// Samples is M, the number of per-sample losses.
	Samples() int
	// GradSamples writes the gradient of the mean of the listed samples'
	// losses at w into g and returns that mean loss.
	GradSamples(w, g []float64, idx []int) float64
}
