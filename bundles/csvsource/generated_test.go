package csvsource

import (
	"testing"

	"github.com/pennybt/penny/internal/specialize"
)

//go:generate go run github.com/pennybt/penny/internal/specialize/cmd/specialize

// TestGeneratedCodeIsCurrent fails when the code go generate writes for
// the //penny:backends tests differs from what their source asks for.
func TestGeneratedCodeIsCurrent(t *testing.T) {
	if err := specialize.Check("."); err != nil {
		t.Fatal(err)
	}
}
