package browser

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
	"time"
)

// EnvChromium names the Chromium binary to use instead of looking for one
// on the PATH; EnvRequired, set to 1, makes tests fail rather than skip
// when no Chromium is found (see Required).
const (
	EnvChromium = "PENNY_CHROMIUM"
	EnvRequired = "PENNY_BROWSER_TEST"
)

// ErrNotFound is returned by Find when no Chromium is installed.
var ErrNotFound = errors.New("browser: no Chromium found (install Debian's chromium, or set " + EnvChromium + ")")

// Find returns the path of the Chromium binary: $PENNY_CHROMIUM when set,
// else the first of chromium, chromium-browser, google-chrome on the PATH.
func Find(getenv func(string) string) (string, error) {
	if p := getenv(EnvChromium); p != "" {
		if _, err := exec.LookPath(p); err != nil {
			return "", fmt.Errorf("browser: %s=%s: %w", EnvChromium, p, err)
		}
		return p, nil
	}
	for _, c := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(c); err == nil {
			return p, nil
		}
	}
	return "", ErrNotFound
}

// Required reports whether a missing browser must fail the tests rather
// than skip them: $PENNY_BROWSER_TEST is 1.
func Required(getenv func(string) string) bool { return getenv(EnvRequired) == "1" }

// Flags returns the command-line flags Chromium runs with (besides the
// profile directory and the pipe), as a new slice.
func Flags() []string {
	return []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--disable-dev-shm-usage", "--disable-extensions", "--mute-audio", "--hide-scrollbars"}
}

// Browser is a running headless Chromium.
type Browser struct {
	cmd     *exec.Cmd
	profile string
	toChrome,
	fromChrome *os.File
	stderrMu sync.Mutex
	stderr   bytes.Buffer

	mu      sync.Mutex
	nextID  int
	waiting map[int]chan message
	events  map[string][]message // by session ID
	notify  chan struct{}        // closed and replaced when an event arrives
	readErr error
	done    chan struct{} // closed when the reader stops
}

// message is a DevTools protocol message: a response (ID set) or an event.
type message struct {
	ID        int             `json:"id,omitempty"`
	SessionID string          `json:"sessionId,omitempty"`
	Method    string          `json:"method,omitempty"`
	Params    json.RawMessage `json:"params,omitempty"`
	Result    json.RawMessage `json:"result,omitempty"`
	Error     *struct {
		Code    int    `json:"code"`
		Message string `json:"message"`
	} `json:"error,omitempty"`
}

// Start runs Chromium at path, headless, with a fresh profile.
func Start(ctx context.Context, path string) (*Browser, error) {
	profile, err := os.MkdirTemp("", "penny-chromium-")
	if err != nil {
		return nil, fmt.Errorf("browser: %w", err)
	}
	// Chromium reads commands on fd 3 and writes answers on fd 4.
	cmdR, cmdW, err := os.Pipe()
	if err != nil {
		os.RemoveAll(profile)
		return nil, fmt.Errorf("browser: %w", err)
	}
	outR, outW, err := os.Pipe()
	if err != nil {
		cmdR.Close()
		cmdW.Close()
		os.RemoveAll(profile)
		return nil, fmt.Errorf("browser: %w", err)
	}
	args := append(Flags(), "--user-data-dir="+profile, "--remote-debugging-pipe", "about:blank")
	b := &Browser{profile: profile, toChrome: cmdW, fromChrome: outR, waiting: map[int]chan message{},
		events: map[string][]message{}, notify: make(chan struct{}), done: make(chan struct{})}
	b.cmd = exec.Command(path, args...)
	b.cmd.ExtraFiles = []*os.File{cmdR, outW}
	b.cmd.Stderr = &lockedWriter{w: &b.stderr, mu: &b.stderrMu}
	if err := b.cmd.Start(); err != nil {
		cmdR.Close()
		outW.Close()
		b.closeFiles()
		os.RemoveAll(profile)
		return nil, fmt.Errorf("browser: starting %s: %w", path, err)
	}
	cmdR.Close()
	outW.Close()
	go b.read()
	// The browser answers once it is up.
	if _, err := b.call(ctx, "", "Browser.getVersion", nil); err != nil {
		b.Close()
		return nil, err
	}
	return b, nil
}

type lockedWriter struct {
	w  io.Writer
	mu *sync.Mutex
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// read dispatches the messages from Chromium until the pipe closes.
func (b *Browser) read() {
	defer close(b.done)
	r := bufio.NewReaderSize(b.fromChrome, 1<<20)
	for {
		raw, err := r.ReadBytes(0)
		if err != nil {
			b.mu.Lock()
			b.readErr = err
			for id, ch := range b.waiting {
				close(ch)
				delete(b.waiting, id)
			}
			b.mu.Unlock()
			return
		}
		var m message
		if err := json.Unmarshal(raw[:len(raw)-1], &m); err != nil {
			continue
		}
		b.mu.Lock()
		if m.ID != 0 {
			if ch, ok := b.waiting[m.ID]; ok {
				ch <- m
				delete(b.waiting, m.ID)
			}
		} else {
			b.events[m.SessionID] = append(b.events[m.SessionID], m)
			close(b.notify)
			b.notify = make(chan struct{})
		}
		b.mu.Unlock()
	}
}

// call sends a command (to the browser when session is "", else to that
// page's session) and returns its result.
func (b *Browser) call(ctx context.Context, session, method string, params any) (json.RawMessage, error) {
	b.mu.Lock()
	if b.readErr != nil {
		b.mu.Unlock()
		return nil, fmt.Errorf("browser: %s: Chromium is gone (%v): %s", method, b.readErr, b.stderrTail())
	}
	b.nextID++
	id := b.nextID
	ch := make(chan message, 1)
	b.waiting[id] = ch
	b.mu.Unlock()

	m := map[string]any{"id": id, "method": method}
	if session != "" {
		m["sessionId"] = session
	}
	if params != nil {
		m["params"] = params
	}
	data, err := json.Marshal(m)
	if err != nil {
		return nil, fmt.Errorf("browser: %s: %w", method, err)
	}
	if _, err := b.toChrome.Write(append(data, 0)); err != nil {
		return nil, fmt.Errorf("browser: %s: %w", method, err)
	}
	select {
	case resp, ok := <-ch:
		if !ok {
			return nil, fmt.Errorf("browser: %s: Chromium is gone: %s", method, b.stderrTail())
		}
		if resp.Error != nil {
			return nil, fmt.Errorf("browser: %s: %s (code %d)", method, resp.Error.Message, resp.Error.Code)
		}
		return resp.Result, nil
	case <-ctx.Done():
		b.mu.Lock()
		delete(b.waiting, id)
		b.mu.Unlock()
		return nil, fmt.Errorf("browser: %s: %w", method, ctx.Err())
	}
}

// stderrTail returns the end of what Chromium wrote on stderr.
func (b *Browser) stderrTail() string {
	b.stderrMu.Lock()
	s := b.stderr.String()
	b.stderrMu.Unlock()
	if len(s) > 2000 {
		s = s[len(s)-2000:]
	}
	return strings.TrimSpace(s)
}

// Close closes the browser (asking it first, killing it after 5
// seconds) and removes its profile.
func (b *Browser) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_, _ = b.call(ctx, "", "Browser.close", nil)
	exited := make(chan error, 1)
	go func() { exited <- b.cmd.Wait() }()
	select {
	case <-exited:
	case <-time.After(5 * time.Second):
		_ = b.cmd.Process.Kill()
		<-exited
	}
	b.closeFiles()
	<-b.done
	return os.RemoveAll(b.profile)
}

func (b *Browser) closeFiles() {
	b.toChrome.Close()
	b.fromChrome.Close()
}

// Options are the choices of Open.
type Options struct {
	// Scripts runs the page's scripts; false opens it as a browser with
	// JavaScript disabled does.
	Scripts bool
	// Width and Height are the viewport, in CSS pixels (1200 x 900 when
	// zero).
	Width, Height int
}

// Page is a page open in the browser.
type Page struct {
	b               *Browser
	target, session string
	// Problems lists what went wrong while the page loaded, as a person
	// would see it in the browser's console: console errors and
	// warnings, uncaught exceptions, log entries of level error, and
	// requests for anything but the page's own file. Call Check to add
	// those that happened since.
	Problems []string
	url      string
	seen     int // events of the session already read
}

// Open opens url in a new page and waits for its load event (at most
// until ctx is done).
func (b *Browser) Open(ctx context.Context, url string, opts Options) (*Page, error) {
	res, err := b.call(ctx, "", "Target.createTarget", map[string]any{"url": "about:blank"})
	if err != nil {
		return nil, err
	}
	var t struct {
		TargetID string `json:"targetId"`
	}
	if err := json.Unmarshal(res, &t); err != nil {
		return nil, fmt.Errorf("browser: Target.createTarget: %w", err)
	}
	res, err = b.call(ctx, "", "Target.attachToTarget", map[string]any{"targetId": t.TargetID, "flatten": true})
	if err != nil {
		return nil, err
	}
	var s struct {
		SessionID string `json:"sessionId"`
	}
	if err := json.Unmarshal(res, &s); err != nil {
		return nil, fmt.Errorf("browser: Target.attachToTarget: %w", err)
	}
	p := &Page{b: b, target: t.TargetID, session: s.SessionID, url: url}
	w, h := opts.Width, opts.Height
	if w == 0 || h == 0 {
		w, h = 1200, 900
	}
	for _, c := range []struct {
		method string
		params any
	}{
		{"Runtime.enable", nil},
		{"Log.enable", nil},
		{"Network.enable", nil},
		// Nothing leaves the machine: a request is reported, and fails.
		{"Network.setBlockedURLs", map[string]any{"urls": []string{"http://*", "https://*", "ws://*", "wss://*", "ftp://*"}}},
		{"Page.enable", nil},
		{"Emulation.setDeviceMetricsOverride", map[string]any{"width": w, "height": h, "deviceScaleFactor": 1, "mobile": false}},
		{"Emulation.setScriptExecutionDisabled", map[string]any{"value": !opts.Scripts}},
	} {
		if _, err := b.call(ctx, p.session, c.method, c.params); err != nil {
			return nil, err
		}
	}
	if _, err := b.call(ctx, p.session, "Page.navigate", map[string]any{"url": url}); err != nil {
		return nil, err
	}
	if err := p.waitFor(ctx, "Page.loadEventFired"); err != nil {
		return nil, err
	}
	p.Check()
	return p, nil
}

// waitFor waits for an event of the page's session.
func (p *Page) waitFor(ctx context.Context, method string) error {
	from := 0
	for {
		p.b.mu.Lock()
		evs := p.b.events[p.session]
		notify, gone := p.b.notify, p.b.readErr
		p.b.mu.Unlock()
		for _, e := range evs[from:] {
			if e.Method == method {
				return nil
			}
		}
		from = len(evs)
		if gone != nil {
			return fmt.Errorf("browser: waiting for %s: Chromium is gone: %s", method, p.b.stderrTail())
		}
		select {
		case <-notify:
		case <-ctx.Done():
			return fmt.Errorf("browser: waiting for %s: %w", method, ctx.Err())
		}
	}
}

// Check adds to Problems what the page reported since the last Check.
func (p *Page) Check() {
	p.b.mu.Lock()
	evs := p.b.events[p.session][p.seen:]
	p.seen += len(evs)
	p.b.mu.Unlock()
	for _, e := range evs {
		if s := problem(e, p.url); s != "" {
			p.Problems = append(p.Problems, s)
		}
	}
}

// problem describes an event a person would see as a problem, "" for
// the others.
func problem(e message, page string) string {
	switch e.Method {
	case "Runtime.exceptionThrown":
		var v struct {
			Details struct {
				Text      string `json:"text"`
				Line      int    `json:"lineNumber"`
				Exception struct {
					Description string `json:"description"`
				} `json:"exception"`
			} `json:"exceptionDetails"`
		}
		_ = json.Unmarshal(e.Params, &v)
		return fmt.Sprintf("uncaught exception at line %d: %s %s", v.Details.Line+1, v.Details.Text, v.Details.Exception.Description)
	case "Runtime.consoleAPICalled":
		var v struct {
			Type string `json:"type"`
			Args []struct {
				Value       any    `json:"value"`
				Description string `json:"description"`
			} `json:"args"`
		}
		_ = json.Unmarshal(e.Params, &v)
		if v.Type != "error" && v.Type != "warning" && v.Type != "assert" {
			return ""
		}
		var parts []string
		for _, a := range v.Args {
			if a.Value != nil {
				parts = append(parts, fmt.Sprint(a.Value))
			} else {
				parts = append(parts, a.Description)
			}
		}
		return "console." + v.Type + ": " + strings.Join(parts, " ")
	case "Log.entryAdded":
		var v struct {
			Entry struct {
				Level, Source, Text, URL string
			} `json:"entry"`
		}
		_ = json.Unmarshal(e.Params, &v)
		if v.Entry.Level != "error" && v.Entry.Level != "warning" {
			return ""
		}
		return fmt.Sprintf("%s (%s): %s %s", v.Entry.Level, v.Entry.Source, v.Entry.Text, v.Entry.URL)
	case "Network.requestWillBeSent":
		var v struct {
			Request struct {
				URL string `json:"url"`
			} `json:"request"`
		}
		_ = json.Unmarshal(e.Params, &v)
		if u := v.Request.URL; u != page && !strings.HasPrefix(u, "data:") && u != "about:blank" {
			return "request for " + u
		}
	}
	return ""
}

// Eval evaluates a JavaScript expression in the page (whether or not
// its own scripts run) and stores its value, as JSON, in v. A thrown
// exception is an error.
func (p *Page) Eval(ctx context.Context, expr string, v any) error {
	res, err := p.b.call(ctx, p.session, "Runtime.evaluate", map[string]any{"expression": expr, "returnByValue": true, "awaitPromise": true})
	if err != nil {
		return err
	}
	var r struct {
		Result struct {
			Value json.RawMessage `json:"value"`
		} `json:"result"`
		Exception *struct {
			Text      string `json:"text"`
			Exception struct {
				Description string `json:"description"`
			} `json:"exception"`
		} `json:"exceptionDetails"`
	}
	if err := json.Unmarshal(res, &r); err != nil {
		return fmt.Errorf("browser: Runtime.evaluate: %w", err)
	}
	if r.Exception != nil {
		return fmt.Errorf("browser: evaluating %.60q: %s %s", expr, r.Exception.Text, r.Exception.Exception.Description)
	}
	if v == nil {
		return nil
	}
	if len(r.Result.Value) == 0 {
		return fmt.Errorf("browser: evaluating %.60q: no value", expr)
	}
	return json.Unmarshal(r.Result.Value, v)
}

// Close closes the page.
func (p *Page) Close(ctx context.Context) error {
	_, err := p.b.call(ctx, "", "Target.closeTarget", map[string]any{"targetId": p.target})
	return err
}

// Screenshot returns a PNG of the whole page (beyond the viewport), for a
// person to look at when a test fails.
func (p *Page) Screenshot(ctx context.Context) ([]byte, error) {
	res, err := p.b.call(ctx, p.session, "Page.captureScreenshot", map[string]any{"format": "png", "captureBeyondViewport": true})
	if err != nil {
		return nil, err
	}
	var r struct {
		Data []byte `json:"data"` // base64 in JSON, decoded by encoding/json
	}
	if err := json.Unmarshal(res, &r); err != nil {
		return nil, fmt.Errorf("browser: Page.captureScreenshot: %w", err)
	}
	return r.Data, nil
}
