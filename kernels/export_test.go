package kernels

// Test-only access for the external tests (package kernels_test).
var (
	FullTests  = fullTests
	TestLevels = testLevels
)
