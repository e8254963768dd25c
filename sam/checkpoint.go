package sam

import (
	"encoding/binary"

	"fmt"
	"hash/crc32"
	"math"
)

const (
	ckptMagic   = "SAMKSTAT"
	ckptVersion = 1
	ckptHeader  = 8 + 4 + 4 + 8 + 8 + 8 + 4
)

// MarshalBinary encodes the optimizer's whole state for UnmarshalBinary to
// restore: the step count, the base learning rate and radius, the momentum
// or AdamW's moments, and the variants' state. A run that is saved, loaded
// into a fresh optimizer over the same groups and continued is bit for bit
// the uninterrupted run. It must be called between steps.
//
// The format, version 1, little-endian throughout:
//
//	magic    8 bytes   "SAMKSTAT"
//	version  uint32    1
//	elem     uint8     4 (float32) or 8 (float64)
//	base     uint8     1 SGD, 2 AdamW
//	perturb  uint8     the Perturbation
//	_        uint8     0
//	step     uint64    completed steps (where the schedules stand)
//	lr, rho  float64   the base learning rate and radius (SetLR, SetRho)
//	groups   uint32    the number of groups, then one uint64 length each
//	vectors  the momentum of each group (AdamW: m), then for AdamW each
//	         group's v, as raw IEEE-754 elements
//	extra    uint32 length, then that many bytes of per-perturbation state
//	crc      uint32    CRC-32 (IEEE) of every byte before it
//
// The configuration (closures, hyperparameters) is not in it: the program
// that resumes builds its Optimizer from its own Config and then loads the
// state into it.
func (o *Optimizer[T]) MarshalBinary() ([]byte, error) {
	if o.phase != idle {
		return nil, invalid("MarshalBinary during a step")
	}
	elem := o.elemSize()
	n := 0
	for _, g := range o.groups {
		n += len(g.Params)
	}
	vecs := 1
	if o.cfg.AdamW != nil {
		vecs = 2
	}
	buf := make([]byte, 0, ckptHeader+8*len(o.groups)+vecs*n*elem+4+o.extraSize()+4)
	buf = append(buf, ckptMagic...)
	buf = binary.LittleEndian.AppendUint32(buf, ckptVersion)
	buf = append(buf, byte(elem), o.baseKind(), byte(o.cfg.Perturbation), 0)
	buf = binary.LittleEndian.AppendUint64(buf, uint64(o.step))
	buf = binary.LittleEndian.AppendUint64(buf, math.Float64bits(o.lr))
	buf = binary.LittleEndian.AppendUint64(buf, math.Float64bits(o.rho))
	buf = binary.LittleEndian.AppendUint32(buf, uint32(len(o.groups)))
	for _, g := range o.groups {
		buf = binary.LittleEndian.AppendUint64(buf, uint64(len(g.Params)))
	}
	for k := range o.groups {
		buf = appendVec(buf, o.st[k].m)
	}
	if vecs == 2 {
		for k := range o.groups {
			buf = appendVec(buf, o.st[k].v)
		}
	}
	extra := o.appendExtra(nil)
	buf = binary.LittleEndian.AppendUint32(buf, uint32(len(extra)))
	buf = append(buf, extra...)
	return binary.LittleEndian.AppendUint32(buf, crc32.ChecksumIEEE(buf)), nil
}

// UnmarshalBinary restores a state written by MarshalBinary. It checks the
// format's version, the checksum, the element type, the base optimizer and
// the perturbation against this optimizer's, and the number and lengths of
// the groups; a checkpoint that is truncated, corrupt or does not fit is an
// error wrapping ErrInvalid, and the optimizer is left untouched. It must
// be called between steps.
func (o *Optimizer[T]) UnmarshalBinary(data []byte) error {
	if o.phase != idle {
		return invalid("UnmarshalBinary during a step")
	}
	bad := func(format string, args ...any) error {
		return invalid("checkpoint: "+format, args...)
	}
	if len(data) < ckptHeader+4+4 {
		return bad("%d bytes, too short for a header", len(data))
	}
	if string(data[:8]) != ckptMagic {
		return bad("not a samkern optimizer state (magic %q)", data[:8])
	}
	body, sum := data[:len(data)-4], binary.LittleEndian.Uint32(data[len(data)-4:])
	if crc32.ChecksumIEEE(body) != sum {
		return bad("checksum mismatch: the data are corrupt or truncated")
	}
	if v := binary.LittleEndian.Uint32(data[8:]); v != ckptVersion {
		return bad("version %d, this package reads version %d", v, ckptVersion)
	}
	if e := int(data[12]); e != o.elemSize() {
		return bad("float%d elements, this optimizer holds float%d", 8*e, 8*o.elemSize())
	}
	if b := data[13]; b != o.baseKind() {
		names := map[byte]string{1: "SGD", 2: "AdamW"}
		return bad("saved with %s as the base optimizer, this one uses %s", names[b], names[o.baseKind()])
	}
	if p := Perturbation(data[14]); p != o.cfg.Perturbation {
		return bad("saved with Perturbation %v, this optimizer uses %v", p, o.cfg.Perturbation)
	}
	step := binary.LittleEndian.Uint64(data[16:])
	lr := math.Float64frombits(binary.LittleEndian.Uint64(data[24:]))
	rho := math.Float64frombits(binary.LittleEndian.Uint64(data[32:]))
	if step > math.MaxInt64 {
		return bad("step count %d out of range", step)
	}
	if !finite(lr) || lr < 0 || !finite(rho) || rho < 0 {
		return bad("learning rate %v or radius %v out of range", lr, rho)
	}
	ng := binary.LittleEndian.Uint32(data[40:])
	if int(ng) != len(o.groups) {
		return bad("%d groups, this optimizer has %d", ng, len(o.groups))
	}
	off := ckptHeader
	if len(body) < off+8*int(ng) {
		return bad("truncated in the group lengths")
	}
	for k, g := range o.groups {
		n := binary.LittleEndian.Uint64(data[off:])
		if n != uint64(len(g.Params)) {
			return bad("group %d holds %d parameters, this optimizer's holds %d", k, n, len(g.Params))
		}
		off += 8
	}
	elem := o.elemSize()
	vecs := 1
	if o.cfg.AdamW != nil {
		vecs = 2
	}
	need := 0
	for _, g := range o.groups {
		need += vecs * len(g.Params) * elem
	}
	wantExtra := o.extraSize()
	if len(body) != off+need+4+wantExtra {
		return bad("%d bytes of state, want %d", len(body)-off, need+4+wantExtra)
	}
	if x := binary.LittleEndian.Uint32(body[off+need:]); int(x) != wantExtra {
		return bad("%d bytes of %v state, want %d", x, o.cfg.Perturbation, wantExtra)
	}
	extra := body[off+need+4:]
	if err := o.checkExtra(extra); err != nil {
		return bad("%v state: %v", o.cfg.Perturbation, err)
	}
	// The moments a real run saves are finite, and AdamW's second moment
	// is not negative: refuse anything else rather than train on it.
	for i, p := 0, off; i < need/elem; i++ {
		var x float64
		if elem == 8 {
			x = math.Float64frombits(binary.LittleEndian.Uint64(data[p:]))
		} else {
			x = float64(math.Float32frombits(binary.LittleEndian.Uint32(data[p:])))
		}
		if !finite(x) {
			return bad("a state vector holds %v", x)
		}
		if vecs == 2 && i >= need/elem/2 && x < 0 {
			return bad("AdamW's second moment holds %v < 0", x)
		}
		p += elem
	}
	// Every check passed: nothing below can fail, so the state changes
	// all at once or not at all.
	for k := range o.groups {
		off = readVec(o.st[k].m, data, off)
	}
	if vecs == 2 {
		for k := range o.groups {
			off = readVec(o.st[k].v, data, off)
		}
	}
	o.readExtra(extra)
	o.step, o.lr, o.rho = int(step), lr, rho
	return nil
}

// The per-perturbation state: LookSAM a flag byte (g_v exists), ‖g_v‖²
// and every group's g_v; FSAM a flag byte (the average has started) and
// every group's average; AESAM the two moments μ and σ².

func (o *Optimizer[T]) nParams() int {
	n := 0
	for _, g := range o.groups {
		n += len(g.Params)
	}
	return n
}

func (o *Optimizer[T]) extraSize() int {
	switch o.cfg.Perturbation {
	case LookSAM:
		return 1 + 8 + o.nParams()*o.elemSize()
	case FSAM:
		return 1 + o.nParams()*o.elemSize()
	case AESAM:
		return 16
	}
	return 0
}

func flag(b bool) byte {
	if b {
		return 1
	}
	return 0
}

func (o *Optimizer[T]) appendExtra(buf []byte) []byte {
	switch o.cfg.Perturbation {
	case LookSAM:
		buf = append(buf, flag(o.lookValid))
		buf = binary.LittleEndian.AppendUint64(buf, math.Float64bits(o.lookGv2))
		for k := range o.st {
			buf = appendVec(buf, o.st[k].gv)
		}
	case FSAM:
		buf = append(buf, flag(o.fsamInit))
		for k := range o.st {
			buf = appendVec(buf, o.st[k].ema)
		}
	case AESAM:
		buf = binary.LittleEndian.AppendUint64(buf, math.Float64bits(o.aeMu))
		buf = binary.LittleEndian.AppendUint64(buf, math.Float64bits(o.aeVar))
	}
	return buf
}

// checkExtra validates the per-perturbation state without storing it.
func (o *Optimizer[T]) checkExtra(x []byte) error {
	vec := func(b []byte) error {
		e := o.elemSize()
		for p := 0; p < len(b); p += e {
			var v float64
			if e == 8 {
				v = math.Float64frombits(binary.LittleEndian.Uint64(b[p:]))
			} else {
				v = float64(math.Float32frombits(binary.LittleEndian.Uint32(b[p:])))
			}
			if !finite(v) {
				return fmt.Errorf("a vector holds %v", v)
			}
		}
		return nil
	}
	switch o.cfg.Perturbation {
	case LookSAM:
		if x[0] > 1 {
			return fmt.Errorf("flag %d", x[0])
		}
		if g := math.Float64frombits(binary.LittleEndian.Uint64(x[1:])); !finite(g) || g < 0 {
			return fmt.Errorf("‖g_v‖² = %v", g)
		}
		return vec(x[9:])
	case FSAM:
		if x[0] > 1 {
			return fmt.Errorf("flag %d", x[0])
		}
		return vec(x[1:])
	case AESAM:
		mu := math.Float64frombits(binary.LittleEndian.Uint64(x))
		v := math.Float64frombits(binary.LittleEndian.Uint64(x[8:]))
		if !finite(mu) || !finite(v) || v < 0 {
			return fmt.Errorf("moments μ = %v, σ² = %v", mu, v)
		}
	}
	return nil
}

func (o *Optimizer[T]) readExtra(x []byte) {
	o.mKnown = false // the loaded momentum's Σ m² is taken afresh
	switch o.cfg.Perturbation {
	case LookSAM:
		o.lookValid = x[0] == 1
		o.lookGv2 = math.Float64frombits(binary.LittleEndian.Uint64(x[1:]))
		off := 9
		for k := range o.st {
			off = readVec(o.st[k].gv, x, off)
		}
	case FSAM:
		o.fsamInit = x[0] == 1
		off := 1
		for k := range o.st {
			off = readVec(o.st[k].ema, x, off)
		}
	case AESAM:
		o.aeMu = math.Float64frombits(binary.LittleEndian.Uint64(x))
		o.aeVar = math.Float64frombits(binary.LittleEndian.Uint64(x[8:]))
	}
}

func (o *Optimizer[T]) elemSize() int {
	var z T
	if _, ok := any(z).(float32); ok {
		return 4
	}
	return 8
}

func (o *Optimizer[T]) baseKind() byte {
	if o.cfg.AdamW != nil {
		return 2
	}
	return 1
}

func appendVec[T Float](buf []byte, v []T) []byte {
	switch v := any(v).(type) {
	case []float64:
		for _, x := range v {
			buf = binary.LittleEndian.AppendUint64(buf, math.Float64bits(x))
		}
	case []float32:
		for _, x := range v {
			buf = binary.LittleEndian.AppendUint32(buf, math.Float32bits(x))
		}
	}
	return buf
}

func readVec[T Float](dst []T, data []byte, off int) int {
	switch d := any(dst).(type) {
	case []float64:
		for i := range d {
			d[i] = math.Float64frombits(binary.LittleEndian.Uint64(data[off:]))
			off += 8
		}
	case []float32:
		for i := range d {
			d[i] = math.Float32frombits(binary.LittleEndian.Uint32(data[off:]))
			off += 4
		}
	}
	return off
}
