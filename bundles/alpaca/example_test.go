package alpaca_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"time"

	"github.com/pennybt/penny/bundles/alpaca"
	"github.com/pennybt/penny/numeric"
)

func Example() {
	// A stand-in for data.alpaca.markets that knows one daily bar and one
	// corporate action.
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/v1/corporate-actions" {
			fmt.Fprint(w, `{"corporate_actions":{"cash_dividends":[{"symbol":"AAPL","rate":0.24,"special":false,"foreign":false,"process_date":"2024-01-02","ex_date":"2024-01-02","record_date":"2024-01-02","payable_date":"2024-01-16"}]},"next_page_token":null}`)
			return
		}
		fmt.Fprint(w, `{"bars":{"AAPL":[{"t":"2024-01-02T05:00:00Z","o":187.15,"h":188.44,"l":183.885,"c":185.64,"v":82488700}]},"next_page_token":null}`)
	}))
	defer srv.Close()

	staging, _ := os.MkdirTemp("", "staging")
	defer os.RemoveAll(staging)
	env := map[string]string{"APCA_API_KEY_ID": "PK...", "APCA_API_SECRET_KEY": "..."}
	creds, err := alpaca.CredentialsFromEnv(func(k string) string { return env[k] })
	if err != nil {
		fmt.Println(err)
		return
	}
	src := &alpaca.Source{
		Config: alpaca.Config{
			Symbols: []string{"AAPL"},
			Start:   time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC),
			End:     time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC),
			BaseURL: srv.URL,
		},
		Credentials: creds,
		HTTPClient:  srv.Client(),
	}
	ds, actions, rep, err := alpaca.Fetch[numeric.Fixed](context.Background(), src, staging)
	if err != nil {
		fmt.Println(err)
		return
	}
	b := ds.Series[0].Bar(0)
	// Stamped at the session's close, 16:00 New York; prices exact.
	fmt.Println(ds.Series[0].Asset.Symbol, b.At().Format(time.RFC3339), b.Open, b.Low, b.Close, b.Volume)
	// The corporate actions of raw bars come with them, exactly.
	fmt.Println(actions[0], "paid", actions[0].PayDate.Format(time.DateOnly))
	fmt.Println(rep.Requests, "requests,", creds)
	// Output:
	// AAPL 2024-01-02T21:00:00Z 187.15 183.885 185.64 82488700
	// 2024-01-02 AAPL cash_dividend 0.24 paid 2024-01-16
	// 2 requests, alpaca.Credentials[redacted]
}
