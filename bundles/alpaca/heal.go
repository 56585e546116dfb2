package alpaca

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/http"
	"sync"
	"time"
)

// timeoutTransport returns the transport of a Source without an HTTP
// client of its own: http.DefaultTransport's settings with cfg's connect
// and header timeouts.
func timeoutTransport(cfg Config) http.RoundTripper {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.DialContext = (&net.Dialer{Timeout: cfg.ConnectTimeout, KeepAlive: 30 * time.Second}).DialContext
	t.TLSHandshakeTimeout = cfg.ConnectTimeout
	t.ResponseHeaderTimeout = cfg.HeaderTimeout
	return t
}

// cannotHeal returns why err will fail again however often it is tried
// ("" when another try may succeed): a host name that does not resolve
// (not a resolver that timed out or failed for the moment), or a TLS
// certificate that is not trusted or not for the host. (A bad URL is
// refused by Config.Validate before any request.)
func cannotHeal(err error) string {
	var de *net.DNSError
	if errors.As(err, &de) && de.IsNotFound {
		return fmt.Sprintf("no such host %s", de.Name)
	}
	var (
		ua  x509.UnknownAuthorityError
		he  x509.HostnameError
		ce  x509.CertificateInvalidError
		cve *tls.CertificateVerificationError
		rhe tls.RecordHeaderError
	)
	switch {
	case errors.As(err, &ua), errors.As(err, &he), errors.As(err, &ce), errors.As(err, &cve):
		return "TLS: " + clip(rootCause(err).Error(), 200)
	case errors.As(err, &rhe):
		return "TLS: the server does not speak TLS (an http:// URL given as https://?)"
	}
	return ""
}

// rootCause unwraps err to its innermost error.
func rootCause(err error) error {
	for {
		u := errors.Unwrap(err)
		if u == nil {
			return err
		}
		err = u
	}
}

// pageError is a next_page_token the API gave twice in one call.
type pageError struct {
	token string
	pages int
}

func (e *pageError) Error() string { return ErrRepeatedPage.Error() + ": " + e.detail() }
func (e *pageError) Unwrap() error { return ErrRepeatedPage }

func (e *pageError) detail() string {
	return fmt.Sprintf("page token %q came back after %d pages; following it would loop forever", clip(e.token, 40), e.pages)
}

// pages remembers the page tokens a call has followed.
type pages struct {
	mu   sync.Mutex
	seen map[string]bool
	n    int
}

// follow records a request's page token and fails on one already
// followed in the call. A request without a token starts a call (calls
// are made one at a time).
func (t *transport) follow(req *http.Request) error {
	t.pages.mu.Lock()
	defer t.pages.mu.Unlock()
	tok := req.URL.Query().Get("page_token")
	if tok == "" {
		t.pages.seen, t.pages.n = map[string]bool{}, 1
		return nil
	}
	t.pages.n++
	if t.pages.seen == nil {
		t.pages.seen = map[string]bool{}
	}
	if t.pages.seen[tok] {
		return &pageError{token: tok, pages: t.pages.n - 1}
	}
	t.pages.seen[tok] = true
	return nil
}
