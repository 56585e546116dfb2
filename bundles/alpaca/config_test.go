package alpaca

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pennybt/penny/pkg/market"
)

func TestValidate(t *testing.T) {
	ok := Config{Symbols: []string{"AAPL"}, Start: day("2024-01-01"), End: day("2024-01-31")}
	tests := []struct {
		name string
		edit func(c *Config)
		want string // "" for valid
	}{
		{"valid", func(c *Config) {}, ""},
		{"lower case is upper-cased", func(c *Config) { c.Symbols = []string{"brk.b"} }, ""},
		{"no symbols", func(c *Config) { c.Symbols = nil }, "no symbols"},
		{"twice", func(c *Config) { c.Symbols = []string{"AAPL", "aapl"} }, "symbol AAPL given twice"},
		{"bad character", func(c *Config) { c.Symbols = []string{"AA PL"} }, `symbol "AA PL": character ' '`},
		{"comma", func(c *Config) { c.Symbols = []string{"A,B"} }, `character ','`},
		{"crypto pair as stock", func(c *Config) { c.Symbols = []string{"BTC/USD"} }, "looks like a crypto pair"},
		{"stock as crypto", func(c *Config) { c.Crypto = true }, `crypto symbol "AAPL" is not a pair`},
		{"no dates", func(c *Config) { c.Start = time.Time{} }, "start and end dates are required"},
		{"reversed", func(c *Config) { c.Start, c.End = c.End, c.Start }, "start 2024-01-31 is after end 2024-01-01"},
		{"feed", func(c *Config) { c.Feed = "nasdaq" }, `unknown feed "nasdaq"`},
		{"adjustment", func(c *Config) { c.Adjustment = "some" }, `unknown adjustment "some"`},
		{"crypto feed", func(c *Config) { c.Crypto, c.Symbols, c.Feed = true, []string{"BTC/USD"}, "sip" }, "crypto has none"},
		{"base URL", func(c *Config) { c.BaseURL = "ftp://x" }, "is not an http(s) URL"},
		{"frequency", func(c *Config) { c.Frequency = 9 }, "unknown frequency"},
		{"batch", func(c *Config) { c.BatchSize = -1 }, "batch size -1"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := ok
			tc.edit(&c)
			err := c.Validate()
			if tc.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want %q", err, tc.want)
			}
		})
	}
}

func TestPlan(t *testing.T) {
	c := Config{Symbols: []string{"C", "A", "B"}, Start: day("2024-01-15"), End: day("2024-03-02"), BatchSize: 2}.withDefaults()
	var got []string
	for _, w := range plan(c, newYork) {
		got = append(got, fmt.Sprintf("%s %s %s..%s", w.ID, strings.Join(w.Symbols, ","), w.Start.Format(time.RFC3339), w.End.Format(time.RFC3339)))
	}
	want := []string{
		"b000-2024-01 A,B 2024-01-15T00:00:00-05:00..2024-02-01T00:00:00-05:00",
		"b001-2024-01 C 2024-01-15T00:00:00-05:00..2024-02-01T00:00:00-05:00",
		"b000-2024-02 A,B 2024-02-01T00:00:00-05:00..2024-03-01T00:00:00-05:00",
		"b001-2024-02 C 2024-02-01T00:00:00-05:00..2024-03-01T00:00:00-05:00",
		"b000-2024-03 A,B 2024-03-01T00:00:00-05:00..2024-03-03T00:00:00-05:00",
		"b001-2024-03 C 2024-03-01T00:00:00-05:00..2024-03-03T00:00:00-05:00",
		"a000 A,B 2024-01-15T00:00:00-05:00..2024-03-03T00:00:00-05:00",
		"a001 C 2024-01-15T00:00:00-05:00..2024-03-03T00:00:00-05:00",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("plan:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestNoSecrets: credentials print, log and marshal redacted, and the
// options recorded in a manifest hold none (nor a URL's password).
func TestNoSecrets(t *testing.T) {
	creds := Credentials{KeyID: "PKABCDEF", SecretKey: "topsecret"}
	var out bytes.Buffer
	fmt.Fprintf(&out, "%v %+v %#v %s %q %x", creds, creds, creds, creds, creds, creds)
	fmt.Fprintf(&out, "%+v", Source{Credentials: creds})
	slog.New(slog.NewJSONHandler(&out, nil)).Info("x", "creds", creds)
	slog.New(slog.NewTextHandler(&out, nil)).Info("x", "creds", creds)
	b, _ := json.Marshal(struct{ C Credentials }{creds})
	out.Write(b)
	if s := out.String(); strings.Contains(s, "PKABCDEF") || strings.Contains(s, "topsecret") || strings.Contains(s, "504b") {
		t.Errorf("credentials leaked: %s", s)
	}
	c := Config{Symbols: []string{"AAPL"}, Start: day("2024-01-01"), End: day("2024-01-31"), BaseURL: "https://user:topsecret@example.com/"}
	opts := c.Options()
	if s := fmt.Sprint(opts); strings.Contains(s, "topsecret") || strings.Contains(s, "user") {
		t.Errorf("options leak the URL's credentials: %s", s)
	}
	want := map[string]string{"symbols": "AAPL", "frequency": "daily", "start": "2024-01-01", "end": "2024-01-31",
		"crypto": "false", "feed": "iex", "adjustment": "raw", "base_url": "https://example.com", "actions": "true"}
	if fmt.Sprint(opts) != fmt.Sprint(want) {
		t.Errorf("options %v, want %v", opts, want)
	}
}

func TestCredentialsFromEnv(t *testing.T) {
	env := map[string]string{EnvKeyID: "k"}
	_, err := CredentialsFromEnv(func(k string) string { return env[k] })
	if err == nil || !strings.Contains(err.Error(), "set APCA_API_SECRET_KEY") {
		t.Errorf("error %v", err)
	}
	env[EnvSecretKey] = "s"
	c, err := CredentialsFromEnv(func(k string) string { return env[k] })
	if err != nil || c.KeyID != "k" || c.SecretKey != "s" {
		t.Errorf("%v", err)
	}
}

// TestStamps checks the stamp rule against hand-written facts of the
// calendars.
func TestStamps(t *testing.T) {
	tests := []struct {
		name  string
		cfg   Config
		start string // the API bar's start, RFC 3339
		want  string // Penny's stamp, or "" when outside the sessions
	}{
		{"daily winter", Config{}, "2024-01-02T05:00:00Z", "2024-01-02T21:00:00Z"},
		{"daily summer", Config{}, "2024-07-02T04:00:00Z", "2024-07-02T20:00:00Z"},
		{"daily early close", Config{}, "2024-07-03T04:00:00Z", "2024-07-03T17:00:00Z"},
		{"daily holiday", Config{}, "2024-07-04T04:00:00Z", ""},
		{"minute first", Config{Frequency: market.Minute}, "2024-07-02T13:30:00Z", "2024-07-02T13:31:00Z"},
		{"minute last", Config{Frequency: market.Minute}, "2024-07-02T19:59:00Z", "2024-07-02T20:00:00Z"},
		{"minute pre-market", Config{Frequency: market.Minute}, "2024-07-02T13:29:00Z", ""},
		{"minute after hours", Config{Frequency: market.Minute}, "2024-07-02T20:00:00Z", ""},
		{"minute after early close", Config{Frequency: market.Minute}, "2024-07-03T17:00:00Z", ""},
		{"hourly first half", Config{Frequency: market.Hourly}, "2024-07-02T13:30:00Z", "2024-07-02T14:30:00Z"},
		{"hourly second half", Config{Frequency: market.Hourly}, "2024-07-02T14:00:00Z", "2024-07-02T14:30:00Z"},
		{"hourly last", Config{Frequency: market.Hourly}, "2024-07-02T19:30:00Z", "2024-07-02T20:00:00Z"},
		{"hourly early close", Config{Frequency: market.Hourly}, "2024-07-03T16:30:00Z", "2024-07-03T17:00:00Z"},
		{"crypto daily", Config{Crypto: true}, "2024-07-02T23:00:00Z", "2024-07-03T00:00:00Z"},
		{"crypto daily first hour", Config{Crypto: true}, "2024-07-02T00:00:00Z", "2024-07-03T00:00:00Z"},
		{"crypto hourly", Config{Crypto: true, Frequency: market.Hourly}, "2024-07-02T23:00:00Z", "2024-07-03T00:00:00Z"},
		{"crypto minute", Config{Crypto: true, Frequency: market.Minute}, "2024-07-04T12:00:00Z", "2024-07-04T12:01:00Z"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := tc.cfg
			c.Start, c.End = day("2024-01-01"), day("2024-07-05")
			cal := c.Calendar()
			sessions, err := cal.Sessions(c.Start, c.End)
			if err != nil {
				t.Fatal(err)
			}
			st := newStamper(c.withDefaults(), sessions, cal.Location())
			start, _ := time.Parse(time.RFC3339, tc.start)
			got, ok := st.stamp(start)
			if tc.want == "" {
				if ok {
					t.Errorf("stamped %s, want outside the sessions", time.Unix(0, got).UTC().Format(time.RFC3339))
				}
				return
			}
			if !ok || time.Unix(0, got).UTC().Format(time.RFC3339) != tc.want {
				t.Errorf("stamp %s (%v), want %s", time.Unix(0, got).UTC().Format(time.RFC3339), ok, tc.want)
			}
		})
	}
}

var windowSeeds = []string{
	"penny-alpaca-window v1 b000-2024-01 1\nAAPL\t2024-01-02T14:30:00Z\t187.15\t188.44\t183.885\t185.64\t82488700\n",
	"penny-alpaca-window v1 b000-2024-01 0\n",
	"penny-alpaca-window v1 b000-2024-01 2\nAAPL\t2024-01-02T14:30:00Z\t1\t1\t1\t1\t1\n",
	"",
	"garbage\n",
}

// FuzzReadWindow: any staging file content reads or fails cleanly; what
// reads encodes back to the same bytes.
func FuzzReadWindow(f *testing.F) {
	for _, s := range windowSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, content string) {
		dir := t.TempDir()
		os.MkdirAll(filepath.Join(dir, windowsDir), 0o755)
		if err := os.WriteFile(windowPath(dir, "b000-2024-01"), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		bars, err := readWindow(dir, "b000-2024-01")
		if err != nil {
			return
		}
		again := encodeWindow("b000-2024-01", bars)
		if err := os.WriteFile(windowPath(dir, "b000-2024-01"), again, 0o644); err != nil {
			t.Fatal(err)
		}
		bars2, err := readWindow(dir, "b000-2024-01")
		if err != nil || len(bars2) != len(bars) {
			t.Fatalf("re-encoded window does not read back: %v", err)
		}
		for i := range bars {
			b1, b2 := bars[i], bars2[i]
			b1.line, b2.line = 0, 0
			if !b1.Start.Equal(b2.Start) || b1.Symbol != b2.Symbol || b1.Open != b2.Open || b1.Vol != b2.Vol {
				t.Fatalf("bar %d: %+v then %+v", i, b1, b2)
			}
		}
	})
}

// TestRedact: whole occurrences of a key long enough to be a secret are
// removed (every occurrence of a key as long as Alpaca's); a key of a few characters is not removed from every word it
// is in (a key "k" took the k out of "key" and "check").
func TestRedact(t *testing.T) {
	long := Credentials{KeyID: "PKTESTKEY123", SecretKey: "s3cr3t-SECRET-value"}
	short := Credentials{KeyID: "k", SecretKey: "ke"}
	tests := []struct {
		c        Credentials
		in, want string
	}{
		{long, "key PKTESTKEY123 secret s3cr3t-SECRET-value refused", "key [redacted] secret [redacted] refused"},
		{long, `{"key":"PKTESTKEY123"}`, `{"key":"[redacted]"}`},
		{long, "PKTESTKEY123s3cr3t-SECRET-value", "[redacted][redacted]"},
		{long, "s3cr3t-SECRET-valuePKTESTKEY123: refused", "[redacted][redacted]: refused"},
		{long, "xs3cr3t-SECRET-value", "xs3cr3t-SECRET-value"},
		{Credentials{KeyID: "PKTESTKEY123", SecretKey: "/s3cr3t+value="}, "x/s3cr3t+value=y", "x[redacted]y"}, // its edges are no letters
		{long, "PKTESTKEY1234 and XPKTESTKEY123 are other keys", "PKTESTKEY1234 and XPKTESTKEY123 are other keys"},
		{long, "nothing to hide", "nothing to hide"},
		{Credentials{KeyID: "PKTESTKEY1234567890A", SecretKey: "s3cr3t"}, "xPKTESTKEY1234567890Ay", "x[redacted]y"}, // Alpaca's length: anywhere
		{short, "forbidden: check the key k and the secret ke", "forbidden: check the key k and the secret ke"},
		{Credentials{KeyID: "abcdefgh", SecretKey: "abcdefghij"}, "abcdefghij abcdefgh", "[redacted] [redacted]"},
	}
	for _, tt := range tests {
		if got := tt.c.redact(tt.in); got != tt.want {
			t.Errorf("redact(%q) with %q/%q = %q, want %q", tt.in, tt.c.KeyID, tt.c.SecretKey, got, tt.want)
		}
	}
}
