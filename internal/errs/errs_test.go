package errs_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/samkern/samkern/internal/errs"
	"github.com/samkern/samkern/lanczos"
	"github.com/samkern/samkern/sam"
)

// TestOneSentinel: an error from either package answers errors.Is for the
// other's name of the condition.
func TestOneSentinel(t *testing.T) {
	fromLanczos := fmt.Errorf("lanczos: the operator returned %w", lanczos.ErrNonFinite)
	fromSam := fmt.Errorf("sam: %w in the gradient", sam.ErrNonFinite)
	for _, err := range []error{fromLanczos, fromSam} {
		if !errors.Is(err, sam.ErrNonFinite) || !errors.Is(err, lanczos.ErrNonFinite) || !errors.Is(err, errs.ErrNonFinite) {
			t.Errorf("%v: not recognized by every package's sentinel", err)
		}
	}
}
