package cli

import (
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// TestMain lets the test binary run as the penny command under that name,
// for the tests that run it as a process of its own (TestIngestKilled).
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"penny": func() { Main() },
	})
}
