// Package sam is the Sharpness-Aware Minimization optimizer family analysed
// in "How Does Sharpness-Aware Minimization Minimize Sharpness?" (Wen, Ma,
// Li, ICLR 2023), on samkern's fused kernels: SAM, USAM, ASAM, m-SAM
// (1-SAM), gradient descent on the ascent-direction loss L_Asc, an
// unperturbed control, and the variants GSAM, LookSAM, WSAM, Momentum-SAM,
// F-SAM and AE-SAM, over SGD (momentum, Nesterov, decoupled or L2 weight
// decay) or AdamW.
//
// Trainers drive an Optimizer either with a closure that evaluates the
// gradient (Step) or in two phases around their own forward and backward
// passes (Ascend, then Descend). A SAM step makes four passes over the
// vectors: the first gradient's norm, one fused pass that saves and
// perturbs the weights, the second gradient's norm (which also checks it
// for NaN and Inf before anything is written), and one fused pass that
// restores the weights and applies the base update. Config.ZeroGrads and
// Config.ClipNorm add none: those passes zero the gradient buffers and
// scale the direction as they read them. A step that does not perturb a
// group (a zero gradient, a radius of 0, the control, LookSAM between its
// SAM steps, an AE-SAM base step) does not save its weights. The variants'
// extra work is fused the same way; each Perturbation's doc comment says
// what it adds.
//
// The package depends on the kernels only. The sharpness measures and
// Hessian-vector products live in package hessian, the test and demo
// models in package models.
package sam
