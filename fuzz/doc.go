// Package fuzz holds samkern's differential fuzz targets: every kernel, in
// float64 and float32, on every instruction-set level this machine runs,
// against the pure-Go reference and the error bounds of internal/ref. The
// inputs are raw bytes read as IEEE bit patterns, so NaNs, infinities,
// subnormals and signed zeros arrive as often as ordinary numbers.
//
// Run one target with, for example,
//
//	go test -run XXX -fuzz '^FuzzDot$' -fuzztime 30s ./fuzz/
//
// Seed corpora live in testdata/fuzz/<target>/.
package fuzz
