package runner

import (
	"testing"

	"github.com/pennybt/penny/internal/specialize"
)

// TestGeneratedCodeIsCurrent fails when the dispatcher go generate writes
// (SweepBackendByName) differs from what the source asks for.
func TestGeneratedCodeIsCurrent(t *testing.T) {
	if err := specialize.Check("."); err != nil {
		t.Fatal(err)
	}
}
