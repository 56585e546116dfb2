// Package alpaca is the Alpaca market data source of Penny's bundles: it
// downloads stock or crypto bars from Alpaca's API through the official
// client library (github.com/alpacahq/alpaca-trade-api-go/v3/marketdata)
// and builds a market.Dataset from them, exactly and resumably.
//
// # Use
//
// Fill in a Source (Config, Credentials, and optionally an *http.Client,
// a Sleep function, a Logger, a Progress callback) and call Fetch, or
// Download then Dataset. The keys come from APCA_API_KEY_ID and
// APCA_API_SECRET_KEY, read by the caller (CredentialsFromEnv takes a
// getenv function); this package reads no environment variable itself.
//
// # Credentials
//
// The key and the secret are sent in the request headers, set by this
// package's own transport under the library's client, and go nowhere
// else: Credentials prints and logs as "[redacted]", Config.Options (what
// a bundle's manifest records) holds no key and strips any user and
// password from the base URL, and the text of every error has the key and
// the secret removed, even where the server echoes them. What is removed
// is a key's whole occurrences (not inside a longer word), and only for
// a key of 8 characters or more: a key of a few characters is a mistake
// the server refuses, and removing it would cut those characters out of
// every word of the message. A key of 20 characters or more (Alpaca's
// own length) is removed wherever it is. A message is redacted before it
// is clipped.
//
// # Prices: the float64 rule
//
// The client library decodes prices (and crypto volumes) into float64 and
// keeps no raw text. Each float64 f is therefore converted to the
// shortest decimal text that reads back as the same float64,
// strconv.FormatFloat(f, 'f', -1, 64), and that text is parsed into the
// backend N with numeric.Parse. For the prices the API sends (a few
// decimals, at most 15 significant digits) this is exactly the decimal the
// API wrote: 187.15 arrives as the float64 nearest to 187.15, whose
// shortest text is "187.15". Fixed refuses a value with more than 8
// decimals (numeric.ErrPrecision) rather than round it; Decimal takes any.
// Stock volumes are integers and are printed as such.
//
// # Windows, retries and resuming
//
// The library loads every page of a call into memory and retries only
// 429 and 500, with a fixed delay. So Download asks for bounded windows:
// one calendar month (in the calendar's zone) of a batch of symbols
// (Config.BatchSize) per call, and writes each window to its own file in
// the staging directory (written to a temporary name, synced, renamed),
// then records it in progress.json. A download that fails or is killed
// leaves those files; the next Download with the same request skips them
// and fetches only the rest. The staging directory of a bundle ingest is
// the store's Ingest.Staging, which survives failed attempts.
//
// Under the library sits this package's HTTP transport, which turns every
// error status into an error before the library sees it, so the library
// never retries (its RetryLimit is also set to -1). This package's policy
// governs instead: a request is tried up to Config.MaxAttempts times (6)
// on HTTP 429 and 5xx, network errors, and truncated or garbled bodies,
// waiting Config.Backoff (1 s), then twice as long each time, up to
// Config.MaxBackoff (1 min); a longer Retry-After of a 429 is honoured up
// to 5 minutes. 401 and 403 fail at once (ErrAuth), as do other 4xx
// statuses (ErrRefused). A host name that does not resolve and a TLS
// certificate that is not trusted fail at once too (ErrUnreachable):
// another try cannot heal them. The wait is Source.Sleep, so tests do not
// wait.
//
// Each request has three timeouts (when Source.HTTPClient brings no
// transport of its own): Config.ConnectTimeout to connect, TCP and TLS
// (10 s), Config.HeaderTimeout for the response's headers once the
// request is sent (30 s), Config.RequestTimeout for the whole request,
// body included (2 min). A request that times out is retried like a
// network error, so a server that never answers costs MaxAttempts times
// the header timeout, not hours.
//
// Paging (next_page_token until it is null) is the library's; the
// transport remembers the tokens of the call under way, and a token the
// API gives a second time fails the window with ErrRepeatedPage instead
// of looping forever while the library's memory grows.
//
// # Stamps
//
// Alpaca stamps a bar at the START of its interval; Penny at its END (see
// package market). Stocks follow the XNYS calendar, crypto the 24/7
// calendar (package calendar), and the bars are converted as follows:
//
//	stocks, daily:   1Day bars; the bar of date D (stamped 00:00 New York)
//	                 is stamped at the close of the session of D.
//	stocks, hourly:  30Min bars, aggregated into Penny's hours counted from
//	                 the 09:30 open (10:30, ..., 15:30, and 16:00 for the
//	                 last half hour; 13:00 on early closes), as package
//	                 clock stamps them. Alpaca's own 1Hour bars start on the
//	                 clock hour (09:00-10:00) and mix pre-market trades
//	                 into the first hour, so they are not used.
//	stocks, minute:  1Min bars, stamped at start + 1 minute.
//	crypto, daily:   1Hour bars aggregated into UTC days, stamped at 24:00
//	                 UTC (Alpaca's own crypto days are not UTC days).
//	crypto, hourly:  1Hour bars, stamped at start + 1 hour.
//	crypto, minute:  1Min bars, stamped at start + 1 minute.
//
// Aggregation takes the first open, the highest high, the lowest low, the
// last close and the sum of the volumes, exactly in N. An intraday bar is
// in a session when its whole interval is; Alpaca's stock bars outside
// the sessions (the extended hours, 04:00-09:30 and 16:00-20:00 New York)
// are dropped by default and counted by symbol in the Report
// (OffSessionError refuses them instead).
//
// # Corporate actions
//
// Raw stock bars (Adjustment "raw", the default) come with the corporate
// actions of their symbols over the same dates, from
// GET /v1/corporate-actions (the client library's GetCorporateActions,
// paged until next_page_token is null), one request per batch of symbols
// after the bars, staged and resumed like them; Actions reads them into
// N. Their rates are float64: an amount is the shortest round-trip
// decimal of its rate (0.24 stays 0.24), and a ratio keeps the API's
// new and old rates as new/old (4 for 1 is 4:1, 1.5 for 1 is 3:2). What
// Penny makes of each kind (see convertActions): splits (forward and
// reverse) at their ex-date; cash dividends (special ones marked) with
// their pay and record dates; stock dividends; spin-offs; cash, stock,
// and stock-and-cash mergers at their effective date; redemptions as
// cash per share; unit splits as a spin-off of the alternate symbol and
// an exchange into the new one; name changes; worthless removals. A pay
// or record date before the ex-date is dropped (the cash is paid at the
// ex-date). Rights distributions are left out (not modelled), as are the
// actions of a symbol not requested (an acquisition seen from the
// acquirer's side) and exact duplicates: the Report counts them. An
// action whose target (an acquirer, a new symbol) is not requested is an
// *ActionSymbolsError: its bars are needed to value the position it
// becomes. Adjusted bars and crypto come without actions (adjusted
// prices already reflect them: applying them again would count them
// twice), and NoActions leaves them out of raw bars.
//
// # Errors
//
// A request that fails is a *RequestError naming the endpoint, the
// symbols, the month, the HTTP status and the attempts, matching ErrAuth,
// ErrRefused or ErrRetries. Symbols that end with no bar are a
// *NoDataError naming them all (ErrNoData). A bad value is an error
// naming the symbol, the bar, the field and the value. Nothing panics on
// what the server sends.
package alpaca
