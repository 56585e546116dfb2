package alpaca

import (
	"fmt"
	"log/slog"
	"strings"
)

// Environment variables that hold the API keys.
const (
	EnvKeyID     = "APCA_API_KEY_ID"
	EnvSecretKey = "APCA_API_SECRET_KEY"
)

// Credentials are an Alpaca API key pair. They are sent in request headers
// and nowhere else: every way of printing or logging a Credentials
// (fmt's verbs, slog, JSON) shows "[redacted]", and the text of every error of this
// package has the key and the secret removed, even when the server
// echoes them back.
type Credentials struct {
	KeyID     string
	SecretKey string
}

// CredentialsFromEnv reads APCA_API_KEY_ID and APCA_API_SECRET_KEY through
// getenv. A missing variable is an error that names it.
func CredentialsFromEnv(getenv func(string) string) (Credentials, error) {
	c := Credentials{KeyID: getenv(EnvKeyID), SecretKey: getenv(EnvSecretKey)}
	var missing []string
	if c.KeyID == "" {
		missing = append(missing, EnvKeyID)
	}
	if c.SecretKey == "" {
		missing = append(missing, EnvSecretKey)
	}
	if len(missing) > 0 {
		return Credentials{}, fmt.Errorf("alpaca: set %s to your Alpaca API key and secret", strings.Join(missing, " and "))
	}
	return c, nil
}

const redacted = "[redacted]"

// Format prints "[redacted]" for every verb.
func (Credentials) Format(f fmt.State, verb rune) { fmt.Fprint(f, "alpaca.Credentials"+redacted) }

// String returns "alpaca.Credentials[redacted]".
func (Credentials) String() string { return "alpaca.Credentials" + redacted }

// LogValue keeps the keys out of slog output.
func (Credentials) LogValue() slog.Value { return slog.StringValue(redacted) }

// MarshalJSON keeps the keys out of JSON.
func (Credentials) MarshalJSON() ([]byte, error) { return []byte(`"` + redacted + `"`), nil }

// MarshalText keeps the keys out of text encodings (YAML, ...).
func (Credentials) MarshalText() ([]byte, error) { return []byte(redacted), nil }

// redact removes the key and the secret from s.
func (c Credentials) redact(s string) string {
	for _, k := range []string{c.SecretKey, c.KeyID} {
		if k != "" {
			s = strings.ReplaceAll(s, k, redacted)
		}
	}
	return s
}
