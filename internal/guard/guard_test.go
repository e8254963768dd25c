//go:build unix

package guard

import (
	"runtime/debug"
	"testing"
	"unsafe"
)

// TestGuardFaults checks that the pages around a buffer really are
// inaccessible: a read one element before Head or one past Tail faults
// (SetPanicOnFault turns the fault into a panic the test can see), while
// the slices themselves are readable and writable to the last byte.
func TestGuardFaults(t *testing.T) {
	b, err := New(3 * 4096)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Free()
	h, tl := Head[float64](b, 5), Tail[float64](b, 7)
	for i := range h {
		h[i] = float64(i)
	}
	for i := range tl {
		tl[i] = float64(i)
	}
	if uintptr(unsafe.Pointer(&h[0])) != uintptr(unsafe.Pointer(&b.Bytes()[0])) {
		t.Error("Head is not flush against the leading guard page")
	}
	end := uintptr(unsafe.Pointer(&b.Bytes()[len(b.Bytes())-1])) + 1
	if uintptr(unsafe.Pointer(&tl[len(tl)-1]))+8 != end {
		t.Error("Tail is not flush against the trailing guard page")
	}
	faults := func(p *float64) (faulted bool) {
		defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
		defer func() { faulted = recover() != nil }()
		_ = *p
		return false
	}
	before := (*float64)(unsafe.Add(unsafe.Pointer(&h[0]), -8))
	after := (*float64)(unsafe.Add(unsafe.Pointer(&tl[len(tl)-1]), 8))
	if !faults(before) {
		t.Error("reading the element before Head did not fault")
	}
	if !faults(after) {
		t.Error("reading the element after Tail did not fault")
	}
	if faults(&h[4]) || faults(&tl[0]) {
		t.Error("reading inside the slices faulted")
	}
	if n := len(Tail[float32](b, 0)); n != 0 {
		t.Errorf("Tail of 0 elements has length %d", n)
	}
}
