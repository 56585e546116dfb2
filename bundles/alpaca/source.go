package alpaca

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"time"

	"github.com/alpacahq/alpaca-trade-api-go/v3/marketdata"

	"github.com/pennybt/penny/internal/atomicfile"
	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/corpaction"
	"github.com/pennybt/penny/pkg/market"
)

// Source fetches bars from Alpaca's market data API. Fill in Config and
// Credentials; the other fields are optional.
type Source struct {
	Config      Config
	Credentials Credentials
	// HTTPClient makes the requests (when nil, a client with the
	// timeouts of Config: ConnectTimeout, HeaderTimeout, RequestTimeout).
	// Its Transport, if any, is wrapped, not replaced.
	HTTPClient *http.Client
	// Sleep waits between attempts; it must return early with ctx's error
	// when ctx ends. Tests inject one that records the waits.
	Sleep func(ctx context.Context, d time.Duration) error
	// Logger receives a warning for each retry (nothing when nil).
	Logger *slog.Logger
	// Progress, when set, is called after each window with the number of
	// windows done (fetched or resumed) and the total.
	Progress func(done, total int)
}

// Report tells what a download and a conversion did.
type Report struct {
	// Windows is the number of requests (symbol batch x month) planned;
	// Fetched were downloaded now, Resumed were already staged.
	Windows, Fetched, Resumed int
	// Requests counts HTTP requests, pages and retries included; Retries
	// counts the failed attempts that were retried.
	Requests, Retries int
	// Bars is the number of bars built; Received the number of API bars
	// they came from (more when bars are aggregated: see the package doc).
	Bars, Received int
	// OffSession counts, by symbol, the bars dropped for falling outside
	// the calendar's sessions (extended hours).
	OffSession map[string]int
	// Actions is the number of corporate actions kept; ActionsLeftOut
	// counts those left out, by reason ("other symbol": an action of a
	// symbol not requested, such as a merger seen from the acquirer's
	// side; "rights distribution": not modelled; "duplicate": the same
	// action twice).
	Actions        int
	ActionsLeftOut map[string]int
}

// Dropped returns the number of bars dropped outside the sessions.
func (r *Report) Dropped() int {
	n := 0
	for _, k := range r.OffSession {
		n += k
	}
	return n
}

// Fetch downloads the bars and corporate actions into staging (see
// Download) and builds the dataset and the actions from them (see
// Dataset and Actions).
func Fetch[N numeric.Number[N]](ctx context.Context, s *Source, staging string) (*market.Dataset[N], []corpaction.Action[N], *Report, error) {
	rep, err := s.Download(ctx, staging)
	if err != nil {
		return nil, nil, rep, err
	}
	ds, crep, err := Dataset[N](s, staging)
	if crep != nil {
		rep.Bars, rep.Received, rep.OffSession = crep.Bars, crep.Received, crep.OffSession
	}
	if err != nil {
		return nil, nil, rep, err
	}
	as, arep, err := Actions[N](s, staging)
	if arep != nil {
		rep.Actions, rep.ActionsLeftOut = arep.Actions, arep.ActionsLeftOut
	}
	return ds, as, rep, err
}

// Download fetches every window of the request that staging does not
// hold yet, writing each to its own file there (synced and renamed into
// place) and recording it in a progress file. staging must be a
// directory kept between attempts: a download that fails or is killed
// resumes from the windows already written, without fetching them again.
// Staged windows of a different request (other symbols, dates, frequency,
// feed, ...) are discarded first.
//
// Each request is tried up to Config.MaxAttempts times on HTTP 429 and
// 5xx, network errors and truncated or garbled bodies, waiting with
// exponential backoff between tries; 401 and 403 fail at once with
// ErrAuth, other 4xx with ErrRefused.
func (s *Source) Download(ctx context.Context, staging string) (*Report, error) {
	if err := s.Config.Validate(); err != nil {
		return nil, err
	}
	if s.Credentials.KeyID == "" || s.Credentials.SecretKey == "" {
		return nil, fmt.Errorf("alpaca: no credentials: set %s and %s", EnvKeyID, EnvSecretKey)
	}
	cfg := s.Config.withDefaults()
	windows := plan(cfg, cfg.Calendar().Location())
	rep := &Report{Windows: len(windows)}
	if err := os.MkdirAll(filepath.Join(staging, windowsDir), 0o755); err != nil {
		return rep, fmt.Errorf("alpaca: %w", err)
	}
	prog, err := readProgress(staging)
	if err != nil {
		return rep, fmt.Errorf("alpaca: %w", err)
	}
	if prog == nil || prog.Fingerprint != cfg.fingerprint() {
		if prog != nil {
			s.logger().Info("alpaca: discarding the staged download of a different request", "dir", staging)
		}
		if err := os.RemoveAll(filepath.Join(staging, windowsDir)); err != nil {
			return rep, fmt.Errorf("alpaca: %w", err)
		}
		if err := os.MkdirAll(filepath.Join(staging, windowsDir), 0o755); err != nil {
			return rep, fmt.Errorf("alpaca: %w", err)
		}
		prog = &progress{Fingerprint: cfg.fingerprint(), Windows: len(windows)}
		if err := writeProgress(staging, prog); err != nil {
			return rep, fmt.Errorf("alpaca: %w", err)
		}
	}
	done := make(map[string]bool, len(prog.Done))
	for _, id := range prog.Done {
		if _, err := os.Stat(windowPath(staging, id)); err == nil {
			done[id] = true
		}
	}

	tr := &transport{base: timeoutTransport(cfg), creds: s.Credentials}
	hc := &http.Client{Timeout: cfg.RequestTimeout}
	if s.HTTPClient != nil {
		c := *s.HTTPClient
		hc = &c
	}
	if hc.Transport != nil {
		tr.base = hc.Transport
	}
	hc.Transport = tr
	client := marketdata.NewClient(marketdata.ClientOpts{
		APIKey:    s.Credentials.KeyID,
		APISecret: s.Credentials.SecretKey,
		BaseURL:   cfg.BaseURL,
		// The transport turns every error status into an error before the
		// library's retry loop sees it; RetryLimit -1 also switches that
		// loop off (0 would mean the library's default, 10 retries).
		RetryLimit: -1,
		RetryDelay: time.Nanosecond,
		HTTPClient: hc,
	})
	defer func() { rep.Requests = int(tr.requests.Load()) }()

	n := 0
	for _, w := range windows {
		if done[w.ID] {
			rep.Resumed++
		} else {
			var path string
			var data []byte
			if w.Actions {
				text, err := s.fetchActions(ctx, client, cfg, w, rep)
				if err != nil {
					return rep, err
				}
				path, data = actionsPath(staging, w.ID), text
			} else {
				bars, err := s.fetchWindow(ctx, client, cfg, w, rep)
				if err != nil {
					return rep, err
				}
				path, data = windowPath(staging, w.ID), encodeWindow(w.ID, bars)
			}
			if err := atomicfile.WriteFile(path, data); err != nil {
				return rep, fmt.Errorf("alpaca: staging window %s: %w", w.ID, err)
			}
			prog.Done = append(prog.Done, w.ID)
			if err := writeProgress(staging, prog); err != nil {
				return rep, fmt.Errorf("alpaca: %w", err)
			}
			rep.Fetched++
		}
		n++
		if s.Progress != nil {
			s.Progress(n, len(windows))
		}
	}
	return rep, nil
}

func (s *Source) logger() *slog.Logger {
	if s.Logger == nil {
		return slog.New(slog.DiscardHandler)
	}
	return s.Logger
}

func (s *Source) sleep(ctx context.Context, d time.Duration) error {
	if s.Sleep != nil {
		return s.Sleep(ctx, d)
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// endpoint returns the path of a window's endpoint, for messages.
func endpoint(cfg Config, w window) string {
	if w.Actions {
		return actionsEndpoint
	}
	if cfg.Crypto {
		return "/v1beta3/crypto/us/bars"
	}
	return "/v2/stocks/bars"
}

// fetchWindow gets one window's bars, retrying by the policy.
func (s *Source) fetchWindow(ctx context.Context, client *marketdata.Client, cfg Config, w window, rep *Report) ([]rawBar, error) {
	var bars []rawBar
	err := s.retry(ctx, cfg, w, rep, func() error {
		var err error
		bars, err = s.call(client, cfg, w)
		return err
	})
	return bars, err
}

// retry makes a window's call until it succeeds, by the policy of the
// package documentation; the error is a *RequestError.
func (s *Source) retry(ctx context.Context, cfg Config, w window, rep *Report, call func() error) error {
	fail := func(status, attempts int, msg string, err error) error {
		return &RequestError{Endpoint: endpoint(cfg, w), Symbols: w.Symbols, Window: w.Month, Status: status,
			Attempts: attempts, Message: s.Credentials.redact(msg), Err: err}
	}
	wait := cfg.Backoff
	for attempt := 1; ; attempt++ {
		if err := ctx.Err(); err != nil {
			return fail(0, attempt-1, "", err)
		}
		err := call()
		if err == nil {
			return nil
		}
		status, msg, retry, after := classify(err)
		if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
			if ctxErr := ctx.Err(); ctxErr != nil {
				return fail(0, attempt, "", ctxErr)
			}
		}
		if !retry {
			sentinel := ErrRefused
			switch {
			case status == http.StatusUnauthorized || status == http.StatusForbidden:
				sentinel = ErrAuth
			case errors.Is(err, ErrRepeatedPage):
				sentinel = ErrRepeatedPage
			case status == 0:
				sentinel = ErrUnreachable
			}
			return fail(status, attempt, msg, sentinel)
		}
		if attempt >= cfg.MaxAttempts {
			return fail(status, attempt, msg, ErrRetries)
		}
		d := wait
		if after > d {
			d = min(after, maxRetryAfter)
		}
		rep.Retries++
		s.logger().Warn("alpaca: retrying", "window", w.ID, "attempt", attempt, "status", status,
			"reason", s.Credentials.redact(msg), "wait", d)
		if err := s.sleep(ctx, d); err != nil {
			return fail(status, attempt, msg, err)
		}
		wait = min(wait*2, cfg.MaxBackoff)
	}
}

// classify says whether a failed call may be retried, with the HTTP
// status (0 if none), a message and the server's Retry-After.
func classify(err error) (status int, msg string, retry bool, after time.Duration) {
	var se *statusError
	if errors.As(err, &se) {
		retry = se.code == http.StatusTooManyRequests || se.code >= 500
		return se.code, se.message, retry, se.retryAfter
	}
	if errors.Is(err, ErrRepeatedPage) {
		var pe *pageError
		errors.As(err, &pe)
		return 0, pe.detail(), false, 0
	}
	if reason := cannotHeal(err); reason != "" {
		return 0, reason, false, 0
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		// The URL holds no secret, but it is long: name the cause only.
		return 0, "network error: " + clip(ue.Err.Error(), 200), true, 0
	}
	var ne net.Error
	if errors.As(err, &ne) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return 0, "network error: " + clip(err.Error(), 200), true, 0
	}
	// Anything else comes from decoding the body: a truncated or garbled
	// response, worth another try.
	return 0, "bad response body: " + clip(err.Error(), 200), true, 0
}

// call makes one library call for a window and converts its bars to text.
func (s *Source) call(client *marketdata.Client, cfg Config, w window) ([]rawBar, error) {
	tf := requestTimeFrame(cfg)
	end := w.End.Add(-time.Nanosecond) // the API's end is inclusive
	var out []rawBar
	ff := func(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }
	if cfg.Crypto {
		res, err := client.GetCryptoMultiBars(w.Symbols, marketdata.GetCryptoBarsRequest{TimeFrame: tf, Start: w.Start, End: end})
		if err != nil {
			return nil, err
		}
		for sym, bars := range res {
			for _, b := range bars {
				out = append(out, rawBar{Symbol: sym, Start: b.Timestamp.UTC(), Open: ff(b.Open), High: ff(b.High), Low: ff(b.Low), Close: ff(b.Close), Vol: ff(b.Volume)})
			}
		}
	} else {
		res, err := client.GetMultiBars(w.Symbols, marketdata.GetBarsRequest{
			TimeFrame: tf, Adjustment: marketdata.Adjustment(cfg.Adjustment), Feed: cfg.Feed, Start: w.Start, End: end,
		})
		if err != nil {
			return nil, err
		}
		for sym, bars := range res {
			for _, b := range bars {
				out = append(out, rawBar{Symbol: sym, Start: b.Timestamp.UTC(), Open: ff(b.Open), High: ff(b.High), Low: ff(b.Low), Close: ff(b.Close), Vol: strconv.FormatUint(b.Volume, 10)})
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Symbol != out[j].Symbol {
			return out[i].Symbol < out[j].Symbol
		}
		return out[i].Start.Before(out[j].Start)
	})
	return out, nil
}

// requestTimeFrame is the bar size asked of the API for the config (see
// the package documentation): the Penny frequency itself, or a finer one
// that the conversion aggregates.
func requestTimeFrame(cfg Config) marketdata.TimeFrame {
	switch {
	case cfg.Frequency == market.Minute:
		return marketdata.OneMin
	case cfg.Frequency == market.Hourly && !cfg.Crypto:
		return marketdata.NewTimeFrame(30, marketdata.Min) // hours count from the 09:30 open
	case cfg.Frequency == market.Hourly, cfg.Crypto:
		return marketdata.OneHour // crypto daily bars are built from UTC hours
	}
	return marketdata.OneDay
}
