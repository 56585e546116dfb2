package builtin

import (
	"testing"

	"github.com/pennybt/penny/internal/specialize"
)

// TestGeneratedCodeIsCurrent fails when the dispatchers go generate
// writes (smacrossForByName and the others) differ from what the source
// asks for.
func TestGeneratedCodeIsCurrent(t *testing.T) {
	if err := specialize.Check("."); err != nil {
		t.Fatal(err)
	}
}
