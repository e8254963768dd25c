package lanczos_test

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/samkern/samkern/kernels"
	"github.com/samkern/samkern/lanczos"
)

// The top eigenvalue and the trace of a Hessian that is given only as a
// Hessian-vector product: logistic regression on 400 samples with 60
// parameters, whose loss L(w) = (1/M)·Σ_i log(1 + exp(−y_i·x_iᵀw)) has
// the Hessian H = (1/M)·Xᵀ·diag(p_i(1−p_i))·X, p_i = σ(y_i·x_iᵀw). A
// trainer would get H·v from its autodiff; here kernels.GramVec computes
// it in one pass over X, and H itself is never formed.
func Example() {
	const samples, params = 400, 60
	r := rand.New(rand.NewPCG(1, 2))
	x := make([]float64, samples*params) // one sample per row
	for i := range x {
		// Feature j has scale 1/(1+j): the few large directions that
		// make Hessian spectra decay.
		x[i] = r.NormFloat64() / float64(1+i%params)
	}
	w := make([]float64, params) // the current parameters
	for i := range w {
		w[i] = 0.3 * r.NormFloat64() / math.Sqrt(params)
	}
	d := make([]float64, samples) // p(1−p)/M per sample (y_i = ±1 drops out)
	for i := range d {
		p := 1 / (1 + math.Exp(-kernels.Dot(x[i*params:(i+1)*params], w)))
		d[i] = p * (1 - p) / samples
	}
	hvp := lanczos.Func{N: params, F: func(dst, v []float64) {
		kernels.GramVec(samples, params, x, params, d, v, dst)
	}}

	ctx := context.Background()
	top, err := lanczos.Eigs(ctx, hvp, 1, &lanczos.Options{Tol: 1e-10})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("λ₁ = %.6f, ‖H·v₁ − λ₁·v₁‖ < 1e-10·λ₁: %v\n",
		top.Values[0], top.Residuals[0] < 1e-10*top.Values[0])

	tr, err := lanczos.HutchPlusPlus(ctx, hvp, &lanczos.TraceOptions{RelTol: 0.002, MinProbes: 30, Sketch: 20, MaxOps: 400})
	if err != nil {
		fmt.Println(err)
		return
	}
	// The exact trace, for comparison: tr(XᵀDX) = Σ_i d_i·‖x_i‖².
	var exact float64
	for i, di := range d {
		exact += di * kernels.SumSq(x[i*params:(i+1)*params])
	}
	fmt.Printf("tr(H) ≈ %.4f ± %.4f (exact %.4f), stopping rule met: %v\n",
		tr.Estimate, tr.StdErr, exact, tr.Converged)
	// Output:
	// λ₁ = 0.259526, ‖H·v₁ − λ₁·v₁‖ < 1e-10·λ₁: true
	// tr(H) ≈ 0.4174 ± 0.0005 (exact 0.4178), stopping rule met: true
}
