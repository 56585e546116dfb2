package alpaca

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/pennybt/penny/numeric"
)

// TestRepeatedPageToken: a server that answers every page with the same
// next_page_token would make the client loop forever, its memory
// growing; the download stops at the second time the token comes back,
// naming the window, and does not retry.
func TestRepeatedPageToken(t *testing.T) {
	a, src, _ := stockDaily(t)
	a.fault = func(n int, w http.ResponseWriter, r *http.Request) bool {
		writeJSON(w, r, http.StatusOK, map[string]any{
			"bars":            map[string]any{"AAPL": []map[string]any{{"t": "2024-01-02T05:00:00Z", "o": 1, "h": 1, "l": 1, "c": 1, "v": 1}}},
			"next_page_token": "c2FtZQ==",
			"currency":        "USD",
		})
		return true
	}
	err := fetchErr(t, src)
	var re *RequestError
	if !errors.Is(err, ErrRepeatedPage) || !errors.As(err, &re) || re.Window != "2024-01" || a.count() != 2 {
		t.Fatalf("err %v after %d requests served, want ErrRepeatedPage for window 2024-01 after 2", err, a.count())
	}
	if !strings.Contains(err.Error(), `page token "c2FtZQ==" came back after 2 pages`) {
		t.Errorf("message %q", err)
	}
}

// TestHangingServer: a server that never answers is given up after the
// header timeout of each attempt, and the attempts are counted.
func TestHangingServer(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	t.Cleanup(srv.Close)
	t.Cleanup(func() { close(release) })
	sl := &sleeps{}
	src := &Source{
		Config: Config{Symbols: []string{"AAPL"}, Start: day("2024-01-01"), End: day("2024-01-31"), MaxAttempts: 2,
			BaseURL: srv.URL, HeaderTimeout: 50 * time.Millisecond, NoActions: true},
		Credentials: Credentials{KeyID: "PKTESTKEY123", SecretKey: "s3cr3t-SECRET-value"},
		Sleep:       sl.sleep,
	}
	_, _, rep, err := Fetch[numeric.Fixed](context.Background(), src, t.TempDir())
	if !errors.Is(err, ErrRetries) || !strings.Contains(err.Error(), "timeout awaiting response headers") || rep.Requests != 2 {
		t.Fatalf("err %v after %d requests, want ErrRetries on the header timeout after 2", err, rep.Requests)
	}
}

// TestCannotHeal: a host name that does not resolve and a TLS
// certificate that is not trusted fail at the first attempt.
func TestCannotHeal(t *testing.T) {
	tlsSrv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	t.Cleanup(tlsSrv.Close)
	for _, tc := range []struct {
		name, url, want string
	}{
		{"no such host", "http://nosuchhost.invalid", "no such host nosuchhost.invalid"},
		{"untrusted certificate", tlsSrv.URL, "TLS: "},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sl := &sleeps{}
			src := &Source{
				Config:      Config{Symbols: []string{"AAPL"}, Start: day("2024-01-01"), End: day("2024-01-31"), BaseURL: tc.url, NoActions: true},
				Credentials: Credentials{KeyID: "PKTESTKEY123", SecretKey: "s3cr3t-SECRET-value"},
				Sleep:       sl.sleep,
			}
			_, _, rep, err := Fetch[numeric.Fixed](context.Background(), src, t.TempDir())
			if errors.Is(err, ErrRetries) && strings.Contains(err.Error(), "dial") {
				t.Skipf("no resolver here: %v", err)
			}
			if !errors.Is(err, ErrUnreachable) || !strings.Contains(err.Error(), tc.want) || len(sl.d) != 0 || rep.Requests != 1 {
				t.Fatalf("err %v after %d requests and waits %v, want ErrUnreachable (%q) at once", err, rep.Requests, sl.d, tc.want)
			}
		})
	}
}
