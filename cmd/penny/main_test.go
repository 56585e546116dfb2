package main

import (
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// TestMain lets the test binary run as the penny command inside the
// scripts of testdata/ (testscript installs it on their PATH).
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"penny": main,
	})
}

// TestScripts runs every testdata/*.txtar script: CLI behaviour end to end.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{Dir: "testdata"})
}
