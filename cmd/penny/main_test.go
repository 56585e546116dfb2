package main

import (
	"flag"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// update rewrites the files the scripts compare with (cmp) from what the
// commands print: go test -run TestScripts -update.
var update = flag.Bool("update", false, "rewrite the cmp files of testdata/*.txtar from the commands' output")

// TestMain lets the test binary run as the penny command inside the
// scripts of testdata/ (testscript installs it on their PATH).
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"penny": main,
	})
}

// TestScripts runs every testdata/*.txtar script: CLI behaviour end to end.
// $REPODATA is the repository's testdata folder (real market data), $REPO
// the repository (for a module of one's own to replace Penny with), and
// the go command's caches are this process's, so that a script can build
// a program offline from the module cache. With -update, a cmp that fails
// rewrites the file it compares with, in the script.
func TestScripts(t *testing.T) {
	repo, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	goEnv := map[string]string{}
	if out, err := exec.Command("go", "env", "GOCACHE", "GOMODCACHE", "GOPATH").Output(); err == nil {
		if v := strings.Split(strings.TrimSpace(string(out)), "\n"); len(v) == 3 {
			goEnv = map[string]string{"GOCACHE": v[0], "GOMODCACHE": v[1], "GOPATH": v[2]}
		}
	}
	testscript.Run(t, testscript.Params{Dir: "testdata", UpdateScripts: *update, Setup: func(env *testscript.Env) error {
		env.Setenv("REPODATA", filepath.Join(repo, "testdata"))
		env.Setenv("REPO", repo)
		for k, v := range goEnv {
			env.Setenv(k, v)
		}
		return nil
	}})
}
