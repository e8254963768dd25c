// Package sam is the Sharpness-Aware Minimization optimizer family analysed
// in "How Does Sharpness-Aware Minimization Minimize Sharpness?" (Wen, Ma,
// Li, ICLR 2023), on samkern's fused kernels: SAM, USAM, ASAM, m-SAM
// (1-SAM), gradient descent on the ascent-direction loss L_Asc, and an
// unperturbed control, over SGD (momentum, Nesterov, decoupled or L2
// weight decay) or AdamW.
//
// Trainers drive an Optimizer either with a closure that evaluates the
// gradient (Step) or in two phases around their own forward and backward
// passes (Ascend, then Descend). One step costs one pass for the gradient
// norm, one fused pass that saves and perturbs the weights, and one fused
// pass that restores them and applies the base update.
//
// The package depends on the kernels only. The sharpness measures and
// Hessian-vector products live in package hessian, the test and demo
// models in package models.
package sam
