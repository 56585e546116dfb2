package indicator

import (
	"testing"

	"github.com/pennybt/penny/internal/specialize"
)

// TestGeneratedCodeIsCurrent regenerates the package's generated files in
// memory and fails if they differ from the committed ones: a marked
// function changed without go generate fails here, not silently on every
// backend.
func TestGeneratedCodeIsCurrent(t *testing.T) {
	if err := specialize.Check("."); err != nil {
		t.Fatal(err)
	}
}
