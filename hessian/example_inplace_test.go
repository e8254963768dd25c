package hessian_test

import (
	"context"
	"fmt"
	"log"

	"github.com/samkern/samkern/hessian"
	"github.com/samkern/samkern/lanczos"
	"github.com/samkern/samkern/models"
)

// A trainer that holds its model as per-layer groups and has only a
// gradient closure gets the Hessian's top eigenvalue in place: InPlace
// moves the trainer's own parameters by ±h·v̂ around each product, calls the
// closure, and copies them back bit for bit. Here the "trainer" is a small
// ReLU MLP whose exact R-operator product checks the answer.
func Example_inPlace() {
	x, y := models.GaussianClusters(200, 5, 2, 1)
	labels := make([]int, len(y))
	for i, v := range y {
		labels[i] = int(v+1) / 2 // ±1 to the classes 0 and 1
	}
	net, err := models.NewMLP([]int{5, 16, 2}, models.ReLU, x, labels)
	if err != nil {
		log.Fatal(err)
	}
	flat, params := net.NewParams(1) // the trainer's parameters
	grads := net.Split(make([]float64, net.Dim()))
	p, err := hessian.NewInPlace(hessian.Groups[float64]{
		Params: params,
		Grads:  grads,
		Grad:   func() (float64, error) { return net.Grad(grads, params, nil), nil },
	}, nil)
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	fd, err := hessian.Eigen(ctx, p, 1, &lanczos.Options{Tol: 1e-6})
	if err != nil {
		log.Fatal(err) // an *hessian.FDError says what kept a product from its tolerance
	}
	exact, err := hessian.Eigen(ctx, hessian.At(net.Flat(nil), flat), 1, &lanczos.Options{Tol: 1e-6})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("λ1 in place %.4f, exact %.4f\n", fd.Values[0], exact.Values[0])
	// Output: λ1 in place 3.4134, exact 3.4134
}
