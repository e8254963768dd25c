// Package lanczos computes eigenvalues, traces and spectral densities of
// symmetric operators given only as matrix-vector products, such as the
// Hessian of a training loss through Hessian-vector products.
package lanczos
