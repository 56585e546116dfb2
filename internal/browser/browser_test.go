package browser_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pennybt/penny/internal/browser"
)

// start starts Chromium for a test, or skips the test when there is none
// (fails it when $PENNY_BROWSER_TEST is 1).
func start(t *testing.T) *browser.Browser {
	t.Helper()
	path, err := browser.Find(os.Getenv)
	if err != nil {
		if browser.Required(os.Getenv) {
			t.Fatalf("%v (%s=1 requires it)", err, browser.EnvRequired)
		}
		t.Skip(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	b, err := browser.Start(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := b.Close(); err != nil {
			t.Error(err)
		}
	})
	return b
}

const badPage = `<!DOCTYPE html><html><head><title>bad</title></head><body>
<p id="p">static</p>
<img src="http://198.51.100.1/pixel.png" alt=""/>
<script>
console.log("all-good");
console.error("boom");
document.getElementById("p").textContent = "scripted";
missing();
</script>
</body></html>`

// TestProblems opens a page that logs an error, throws and requests an
// image from the network: each is a problem; with scripts disabled only
// the request remains, and the page is as its markup says.
func TestProblems(t *testing.T) {
	b := start(t)
	path := filepath.Join(t.TempDir(), "bad.html")
	if err := os.WriteFile(path, []byte(badPage), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	for _, scripts := range []bool{true, false} {
		p, err := b.Open(ctx, "file://"+path, browser.Options{Scripts: scripts})
		if err != nil {
			t.Fatal(err)
		}
		var text string
		if err := p.Eval(ctx, `document.getElementById("p").textContent`, &text); err != nil {
			t.Fatal(err)
		}
		has := func(sub string) bool {
			return slices.ContainsFunc(p.Problems, func(s string) bool { return strings.Contains(s, sub) })
		}
		if !has("request for http://198.51.100.1/pixel.png") {
			t.Errorf("scripts %v: no problem for the request in %q", scripts, p.Problems)
		}
		if scripts != has("console.error: boom") || scripts != has("missing is not defined") || has("all-good") {
			t.Errorf("scripts %v: problems %q", scripts, p.Problems)
		}
		if want := map[bool]string{true: "scripted", false: "static"}[scripts]; text != want {
			t.Errorf("scripts %v: text %q, want %q", scripts, text, want)
		}
		png, err := p.Screenshot(ctx)
		if err != nil || !strings.HasPrefix(string(png), "\x89PNG") {
			t.Errorf("screenshot: %d bytes, %v", len(png), err)
		}
		if err := p.Eval(ctx, `(() => { throw new Error("nope") })()`, nil); err == nil || !strings.Contains(err.Error(), "nope") {
			t.Errorf("a throwing expression: %v", err)
		}
		if err := p.Close(ctx); err != nil {
			t.Error(err)
		}
	}
}

func TestFind(t *testing.T) {
	env := map[string]string{browser.EnvChromium: "/no/such/chromium"}
	if _, err := browser.Find(func(k string) string { return env[k] }); err == nil || !strings.Contains(err.Error(), "/no/such/chromium") {
		t.Errorf("Find with a missing %s: %v", browser.EnvChromium, err)
	}
	if !browser.Required(func(k string) string { return map[string]string{browser.EnvRequired: "1"}[k] }) || browser.Required(func(string) string { return "" }) {
		t.Error("Required does not follow " + browser.EnvRequired)
	}
}
