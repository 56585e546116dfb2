package cli

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/pennybt/penny/strategies/builtin"
)

// TestReadme keeps the README true: the output it shows is what
// "penny run configs/sma_daily.yaml" prints (but for the timing lines), and
// the Go code it shows is the example that runs in strategies/.
func TestReadme(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(readme)

	shown := block(t, text, "<!-- output: penny run configs/sma_daily.yaml -->")
	var out, errOut bytes.Buffer
	e := &env{strategies: builtin.Table(), stdout: &out, stderr: &errOut, getenv: func(string) string { return "" }}
	if code := run(e, []string{"run", "../configs/sma_daily.yaml"}); code != 0 {
		t.Fatalf("penny run: exit %d: %s", code, errOut.String())
	}
	if a, b := untimed(shown), untimed(out.String()); a != b {
		t.Fatalf("the README shows:\n%s\npenny run prints:\n%s", a, b)
	}

	code := block(t, text, "<!-- example: strategies/example_test.go -->")
	src, err := os.ReadFile("../strategies/example_test.go")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(src), code) {
		t.Fatalf("the README's Go example is not the code of strategies/example_test.go:\n%s", code)
	}
}

// block returns the fenced code block that follows marker.
func block(t *testing.T, text, marker string) string {
	t.Helper()
	i := strings.Index(text, marker)
	if i < 0 {
		t.Fatalf("README: no %s", marker)
	}
	rest := text[i+len(marker):]
	start := strings.Index(rest, "```")
	rest = rest[start+3:]
	rest = rest[strings.IndexByte(rest, '\n')+1:]
	end := strings.Index(rest, "```")
	return rest[:end]
}

// untimed drops the lines that depend on the machine's speed.
func untimed(s string) string {
	var keep []string
	for _, l := range strings.Split(s, "\n") {
		if strings.HasPrefix(l, "elapsed") || strings.HasPrefix(l, "asset-bars/s") {
			continue
		}
		keep = append(keep, l)
	}
	return strings.Join(keep, "\n")
}
