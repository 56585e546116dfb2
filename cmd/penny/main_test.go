package main

import (
	"path/filepath"
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
// $REPODATA is the repository's testdata folder (real market data).
func TestScripts(t *testing.T) {
	repodata, err := filepath.Abs(filepath.Join("..", "..", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{Dir: "testdata", Setup: func(env *testscript.Env) error {
		env.Setenv("REPODATA", repodata)
		return nil
	}})
}
