package sam

import (
	"math"

	"github.com/samkern/samkern/internal/check"
	"github.com/samkern/samkern/kernels"
)

// Optimizer is a SAM-family optimizer over parameters of type T.
//
// The two-phase protocol, for trainers that own their forward and backward
// passes:
//
//	(trainer writes ∇L(w) into the groups' Grads)
//	opt.Ascend()   // saves w and perturbs it: w ← w + e
//	(trainer writes ∇L(w + e) into Grads)
//	opt.Descend()  // restores the saved w and applies the base update
//
// Who clears what: the optimizer only reads Grads, unless Config.ZeroGrads
// is set, in which case it zeroes them in Ascend, Accumulate and Descend,
// right after it has read them, so that an autodiff that adds into the
// buffers finds them zero for the next gradient. Without ZeroGrads, a
// trainer whose autodiff accumulates must clear Grads before each of the
// two gradients itself: clearing only once per step trains on
// ∇L(w) + ∇L(w + e), which is not SAM.
//
// m-SAM repeats Ascend, a gradient, and Accumulate for each micro-batch
// (each gets its own perturbation from the same w) and then calls Descend,
// which steps with the mean of the accumulated perturbed gradients. Step
// and StepMicro do the same with a gradient closure.
//
// Data-parallel trainers: the perturbation needs the global gradient norm.
// Call LocalSumSq, all-reduce the value (a sum) with your own transport,
// and pass the result to AscendGlobal. Perturbing each replica with its own
// local norm instead (plain Ascend on unreduced gradients) is per-replica,
// m-sharpness SAM, with m the replica's batch: a different algorithm, which
// the paper's Theorem 5.4 ties to the trace of the Hessian rather than λ1.
//
// Every call that fails returns an error and leaves the weights, the
// optimizer's state and its step count exactly as they were before the step
// began. An Optimizer is not safe for concurrent use.
type Optimizer[T Float] struct {
	cfg    Config[T] // copied; cfg.SGD and cfg.AdamW point at sgd and adam
	sgd    SGD
	adam   AdamW
	groups []Group[T]
	st     []groupState[T]
	ops    vecOps[T]
	grads  [][]T // scratch: the gradient each group descends along
	qbuf   [][]T // AscentGD: the groups' q and h, as the HVP takes them
	hbuf   [][]T

	lr, rho  float64 // the base learning rate and radius (setters)
	eps, eta float64 // resolved ε and ASAM η

	// Variant state: LookSAM's ‖g_v‖² and whether g_v exists; FSAM's
	// "average started"; AESAM's moments (and the ones the step in
	// progress would commit). reuse and skip describe the step in
	// progress: a LookSAM step between SAM steps, an AESAM base step.
	g0s, gvs, gradsG  [][]T   // the groups' g0, g_v and Grads as lists (built in New)
	mSumSq            float64 // Σ m² after the last Descend, for MSAM's next norm
	mKnown            bool    // mSumSq holds (false after a checkpoint is loaded)
	lookGv2           float64
	lookValid         bool
	fsamInit          bool
	aeMu, aeVar       float64
	aeMuNew, aeVarNew float64
	reuse, skip       bool

	step  int
	phase phase
	nAcc  int     // micro-batches accumulated since Ascend
	gnorm float64 // ‖g‖ (ASAM: ‖T·g‖) at the last Ascend
	rhoF  float64 // the radius multiplier used at the last Ascend
	lrF   float64 // the learning-rate multiplier of the step in progress
	clip  float64 // the clipping factor of the last Descend (1: none)
}

type phase int

const (
	idle phase = iota
	ascended
	accumulated
)

// groupState is the optimizer's per-group memory.
type groupState[T Float] struct {
	saved     []T  // the weights before the perturbation
	unsaved   bool // not perturbed this step: the weights are their own saved copy
	m, v      []T  // momentum or AdamW's first moment; AdamW's second moment
	acc       []T  // m-SAM's sum of perturbed gradients
	g0        []T  // the gradient at w: AscentGD, GSAM, WSAM, LookSAM
	gt        []T  // AscentGD: the gradient at w̃, kept across the HVP
	q, h      []T  // AscentGD: (I − n nᵀ)·g̃ and H·q
	dir       []T  // a combined direction written out (clipping; FSAM's d when its squares overflow)
	gv        []T  // LookSAM: the kept component g_v
	ema, ema2 []T  // FSAM: the average of past gradients, and the next one
}

// Stats describes the last step.
type Stats struct {
	// Steps is the number of completed steps.
	Steps int
	// GradNorm is ‖g‖ at the last Ascend (ASAM: ‖T·g‖), global across
	// groups.
	GradNorm float64
	// RhoFactor is the schedule's multiplier used at the last Ascend (1
	// without a schedule).
	RhoFactor float64
	// Clip is the factor the last update direction was scaled by to meet
	// Config.ClipNorm (1 when it was not clipped).
	Clip float64
}

// New returns an Optimizer over the given parameter groups. It copies and
// checks the configuration and the groups, and allocates the state: saved
// weights, and momentum or AdamW's two moments, one vector each per
// parameter. Every problem is an error wrapping ErrInvalid that names the
// field and the group: a missing or doubled base optimizer, an unknown
// perturbation, a NaN, an Inf or an out-of-range value in any field, no
// groups, Grads of another length than Params, or two slices (Params or
// Grads, in one group or in two) that share memory.
func New[T Float](cfg Config[T], groups ...Group[T]) (*Optimizer[T], error) {
	return newOn(kernels.Active(), cfg, groups...)
}

// newOn is New on a given kernel level, for the tests that run every one.
func newOn[T Float](l kernels.Level, cfg Config[T], groups ...Group[T]) (*Optimizer[T], error) {
	if err := checkConfig(&cfg); err != nil {
		return nil, err
	}
	if err := checkGroups(cfg, groups); err != nil {
		return nil, err
	}
	o := &Optimizer[T]{cfg: cfg, ops: opsFor[T](l), rho: cfg.Rho, rhoF: 1, lrF: 1, clip: 1, mKnown: true}
	o.eps, o.eta = cfg.Eps, cfg.ASAMEta
	if o.eps == 0 && !cfg.ZeroEps {
		o.eps = DefaultEps
	}
	if o.eta == 0 && !cfg.ZeroASAMEta {
		o.eta = DefaultASAMEta
	}
	if cfg.SGD != nil {
		o.sgd = *cfg.SGD
		o.cfg.SGD, o.cfg.AdamW = &o.sgd, nil
		o.lr = o.sgd.LR
	} else {
		o.adam = *cfg.AdamW
		if o.adam.Beta1 == 0 {
			o.adam.Beta1 = 0.9
		}
		if o.adam.Beta2 == 0 {
			o.adam.Beta2 = 0.999
		}
		if o.adam.Eps == 0 {
			o.adam.Eps = 1e-8
		}
		o.cfg.SGD, o.cfg.AdamW = nil, &o.adam
		o.lr = o.adam.LR
	}
	o.groups = append([]Group[T](nil), groups...)
	o.st = make([]groupState[T], len(groups))
	o.grads = make([][]T, len(groups))
	for k, g := range o.groups {
		n := len(g.Params)
		s := &o.st[k]
		s.saved, s.m = make([]T, n), make([]T, n)
		if cfg.AdamW != nil {
			s.v = make([]T, n)
		}
		switch cfg.Perturbation {
		case AscentGD:
			s.g0, s.gt, s.q, s.h = make([]T, n), make([]T, n), make([]T, n), make([]T, n)
		case GSAM, WSAM:
			s.g0 = make([]T, n)
		case LookSAM:
			s.g0, s.gv = make([]T, n), make([]T, n)
		case FSAM:
			s.ema, s.ema2 = make([]T, n), make([]T, n)
		}
		// A combined direction is written out only for clipping, which
		// needs its norm before the update (see Descend).
		if cfg.ClipNorm > 0 && (cfg.Perturbation == GSAM || cfg.Perturbation == WSAM || cfg.Perturbation == LookSAM) {
			s.dir = make([]T, n)
		}
	}
	// The per-group vectors as the lists the variants and the HVP take,
	// built once so that a step allocates nothing.
	lists := func(pick func(k int) []T) [][]T {
		l := make([][]T, len(o.groups))
		for k := range l {
			l[k] = pick(k)
		}
		return l
	}
	o.gradsG = lists(func(k int) []T { return o.groups[k].Grads })
	switch cfg.Perturbation {
	case AscentGD:
		o.qbuf = lists(func(k int) []T { return o.st[k].q })
		o.hbuf = lists(func(k int) []T { return o.st[k].h })
	case GSAM, WSAM, LookSAM:
		o.g0s = lists(func(k int) []T { return o.st[k].g0 })
		o.gvs = lists(func(k int) []T { return o.st[k].gv }) // nil entries but for LookSAM
	}
	return o, nil
}

// NewFlat is New for one flat slice of parameters and its gradient.
func NewFlat[T Float](cfg Config[T], params, grads []T) (*Optimizer[T], error) {
	return New(cfg, Group[T]{Params: params, Grads: grads})
}

// finite reports whether x is neither NaN nor ±Inf.
func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// checkNonNeg returns an error unless v is finite and ≥ 0.
func checkNonNeg(name string, v float64) error {
	if !finite(v) || v < 0 {
		return invalid("%s = %v, want a finite value ≥ 0", name, v)
	}
	return nil
}

// checkUnit returns an error unless v is in [0, 1).
func checkUnit(name string, v float64) error {
	if !(v >= 0 && v < 1) {
		return invalid("%s = %v, want a value in [0, 1)", name, v)
	}
	return nil
}

func checkConfig[T Float](c *Config[T]) error {
	switch {
	case (c.SGD == nil) == (c.AdamW == nil):
		return invalid("set exactly one of Config.SGD and Config.AdamW")
	case c.Perturbation < 0 || c.Perturbation >= numPerturbations:
		return invalid("Config.Perturbation = %d, an unknown perturbation", int(c.Perturbation))
	case c.Perturbation == AscentGD && c.HVP == nil:
		return invalid("Config.Perturbation = AscentGD needs Config.HVP")
	}
	for _, f := range []struct {
		name string
		v    float64
	}{{"Config.Rho", c.Rho}, {"Config.Eps", c.Eps}, {"Config.ASAMEta", c.ASAMEta}, {"Config.ClipNorm", c.ClipNorm}} {
		if err := checkNonNeg(f.name, f.v); err != nil {
			return err
		}
	}
	if c.ZeroEps && c.Eps != 0 {
		return invalid("Config.ZeroEps with Config.Eps = %v: ask for one ε", c.Eps)
	}
	if c.ZeroASAMEta && c.ASAMEta != 0 {
		return invalid("Config.ZeroASAMEta with Config.ASAMEta = %v: ask for one η", c.ASAMEta)
	}
	if err := checkVariants(c); err != nil {
		return err
	}
	if s := c.SGD; s != nil {
		if err := checkNonNeg("Config.SGD.LR", s.LR); err != nil {
			return err
		}
		if err := checkUnit("Config.SGD.Momentum", s.Momentum); err != nil {
			return err
		}
		if s.Nesterov && s.Momentum == 0 {
			return invalid("Config.SGD.Nesterov needs Momentum > 0")
		}
		if err := checkNonNeg("Config.SGD.WeightDecay", s.WeightDecay); err != nil {
			return err
		}
	}
	if a := c.AdamW; a != nil {
		if err := checkNonNeg("Config.AdamW.LR", a.LR); err != nil {
			return err
		}
		if err := checkUnit("Config.AdamW.Beta1", a.Beta1); err != nil {
			return err
		}
		if err := checkUnit("Config.AdamW.Beta2", a.Beta2); err != nil {
			return err
		}
		if err := checkNonNeg("Config.AdamW.Eps", a.Eps); err != nil {
			return err
		}
		if err := checkNonNeg("Config.AdamW.WeightDecay", a.WeightDecay); err != nil {
			return err
		}
	}
	return nil
}

func checkGroups[T Float](c Config[T], groups []Group[T]) error {
	if len(groups) == 0 {
		return invalid("no parameter groups")
	}
	for k, g := range groups {
		if len(g.Grads) != len(g.Params) {
			return invalid("group %d: len(Grads) = %d, want len(Params) = %d", k, len(g.Grads), len(g.Params))
		}
		for _, f := range []struct {
			name string
			s    Setting
		}{{"Rho", g.Rho}, {"WeightDecay", g.WeightDecay}, {"LRScale", g.LRScale}} {
			if f.s.IsSet() {
				if err := checkNonNeg("group "+itoa(k)+": "+f.name, f.s.value); err != nil {
					return err
				}
			}
		}
		if g.ASAMUnscaled && c.Perturbation != ASAM {
			return invalid("group %d: ASAMUnscaled with Perturbation = %v", k, c.Perturbation)
		}
	}
	// Every pair of slices, Params and Grads, within and across groups.
	type named struct {
		what string
		k    int
		s    []T
	}
	all := make([]named, 0, 2*len(groups))
	for k, g := range groups {
		all = append(all, named{"Params", k, g.Params}, named{"Grads", k, g.Grads})
	}
	for i := range all {
		for j := i + 1; j < len(all); j++ {
			if check.Overlap(all[i].s, all[j].s) {
				return invalid("%s of group %d and %s of group %d share memory", all[i].what, all[i].k, all[j].what, all[j].k)
			}
		}
	}
	return nil
}

// itoa is strconv.Itoa for the small group numbers of error messages.
func itoa(k int) string {
	if k < 10 {
		return string(rune('0' + k))
	}
	return itoa(k/10) + string(rune('0'+k%10))
}

// Stats returns figures about the last step.
func (o *Optimizer[T]) Stats() Stats {
	return Stats{Steps: o.step, GradNorm: o.gnorm, RhoFactor: o.rhoF, Clip: o.clip}
}

// Steps returns the number of completed steps.
func (o *Optimizer[T]) Steps() int { return o.step }

// LR returns the base learning rate (before LRSchedule and the groups'
// LRScale).
func (o *Optimizer[T]) LR() float64 { return o.lr }

// SetLR sets the base learning rate from the next step on. It must be
// finite and ≥ 0; otherwise it returns an error wrapping ErrInvalid and
// changes nothing. It may be called between steps only.
func (o *Optimizer[T]) SetLR(lr float64) error {
	if o.phase != idle {
		return invalid("SetLR during a step")
	}
	if err := checkNonNeg("SetLR: lr", lr); err != nil {
		return err
	}
	o.lr = lr
	return nil
}

// Rho returns the base radius ρ of the groups that do not set their own.
func (o *Optimizer[T]) Rho() float64 { return o.rho }

// SetRho sets the base radius from the next step on, as SetLR does the
// learning rate.
func (o *Optimizer[T]) SetRho(rho float64) error {
	if o.phase != idle {
		return invalid("SetRho during a step")
	}
	if err := checkNonNeg("SetRho: rho", rho); err != nil {
		return err
	}
	o.rho = rho
	return nil
}

// schedule evaluates a schedule at the current step, 1 without one.
func (o *Optimizer[T]) schedule(name string, f func(int) float64) (float64, error) {
	if f == nil {
		return 1, nil
	}
	v := f(o.step)
	if !finite(v) || v < 0 {
		return 0, invalid("Config.%s(%d) = %v, want a finite value ≥ 0", name, o.step, v)
	}
	return v, nil
}

// checkVariants checks the variants' options: those of the selected
// perturbation against their ranges, the others for being unset.
func checkVariants[T Float](c *Config[T]) error {
	p := c.Perturbation
	unset := func(name string, set bool, want Perturbation) error {
		if set && p != want {
			return invalid("Config.%s is set but Config.Perturbation = %v", name, p)
		}
		return nil
	}
	for _, u := range []struct {
		name string
		set  bool
		want Perturbation
	}{
		{"GSAM", c.GSAM != (GSAMOptions{}), GSAM},
		{"LookSAM", c.LookSAM != (LookSAMOptions{}), LookSAM},
		{"WSAM", c.WSAM != (WSAMOptions{}), WSAM},
		{"FSAM", c.FSAM != (FSAMOptions{}), FSAM},
		{"AESAM", c.AESAM != (AESAMOptions{}), AESAM},
	} {
		if err := unset(u.name, u.set, u.want); err != nil {
			return err
		}
	}
	inUnit := func(name string, v float64) error { // [0, 1]
		if !(v >= 0 && v <= 1) {
			return invalid("%s = %v, want a value in [0, 1]", name, v)
		}
		return nil
	}
	switch p {
	case GSAM:
		g := c.GSAM
		if err := inUnit("Config.GSAM.Alpha", g.Alpha); err != nil {
			return err
		}
		if !g.Couple {
			if g.RhoMin != 0 || g.LRMin != 0 || g.LRMax != 0 {
				return invalid("Config.GSAM.RhoMin, LRMin and LRMax need Couple")
			}
			break
		}
		if c.RhoSchedule != nil {
			return invalid("Config.GSAM.Couple replaces Config.RhoSchedule: set one")
		}
		for _, f := range []struct {
			name string
			v    float64
		}{{"Config.GSAM.RhoMin", g.RhoMin}, {"Config.GSAM.LRMin", g.LRMin}, {"Config.GSAM.LRMax", g.LRMax}} {
			if err := checkNonNeg(f.name, f.v); err != nil {
				return err
			}
		}
		switch {
		case g.RhoMin > c.Rho:
			return invalid("Config.GSAM.RhoMin = %v above Config.Rho = %v (ρ_max)", g.RhoMin, c.Rho)
		case g.LRMax < g.LRMin:
			return invalid("Config.GSAM.LRMax = %v below LRMin = %v", g.LRMax, g.LRMin)
		case g.LRMax == g.LRMin && g.RhoMin != c.Rho:
			return invalid("Config.GSAM.LRMax = LRMin = %v leaves ρ undefined unless RhoMin = Config.Rho", g.LRMin)
		}
	case LookSAM:
		if c.LookSAM.K < 1 {
			return invalid("Config.LookSAM.K = %d, want an interval ≥ 1", c.LookSAM.K)
		}
		if err := inUnit("Config.LookSAM.Alpha", c.LookSAM.Alpha); err != nil {
			return err
		}
	case WSAM:
		if err := checkUnit("Config.WSAM.Gamma", c.WSAM.Gamma); err != nil {
			return err
		}
	case FSAM:
		if err := checkNonNeg("Config.FSAM.Sigma", c.FSAM.Sigma); err != nil {
			return err
		}
		if err := checkUnit("Config.FSAM.Lambda", c.FSAM.Lambda); err != nil {
			return err
		}
	case AESAM:
		a := c.AESAM
		switch a.Policy {
		case AEAlways, AENever:
		case AEAdaptive:
			if err := checkUnit("Config.AESAM.Delta", a.Delta); err != nil {
				return err
			}
			if !finite(a.Lambda1) || !finite(a.Lambda2) {
				return invalid("Config.AESAM.Lambda1 = %v, Lambda2 = %v: want finite values", a.Lambda1, a.Lambda2)
			}
			if a.Steps < 1 {
				return invalid("Config.AESAM.Steps = %d, want T ≥ 1", a.Steps)
			}
		default:
			return invalid("Config.AESAM.Policy = %d, an unknown policy", int(a.Policy))
		}
	}
	return nil
}
