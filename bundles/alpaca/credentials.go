package alpaca

import (
	"cmp"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
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

// minSecret is the length below which a key is not redacted: Alpaca's
// key IDs have 20 characters and its secrets 40, so a shorter key is a
// mistake the server refuses, and removing a key of a few characters
// would remove those characters all over a message (a key "k" would take
// the k out of every word).
const minSecret = 8

// anywhere is the length from which a key is removed wherever it is,
// even inside a longer word: Alpaca's own keys are this long or longer,
// and a string of 20 characters does not turn up in a message by chance.
const anywhere = 20

// redact replaces the whole occurrences of the key and the secret in s
// with "[redacted]", for keys of minSecret characters or more. An
// occurrence is whole when it is not part of a longer word: the
// characters on either side of it are not letters or digits (or are the
// other key's occurrence: the two keys run together are both removed).
// A key of anywhere characters or more is removed from inside words too.
// Text is redacted before it is clipped, so that no start of a key is
// left at the end of a clipped message.
func (c Credentials) redact(s string) string {
	type span struct{ i, j int }
	var spans []span
	for _, k := range []string{c.SecretKey, c.KeyID} {
		if len(k) < minSecret {
			continue
		}
		for off := 0; ; {
			i := strings.Index(s[off:], k)
			if i < 0 {
				break
			}
			spans = append(spans, span{off + i, off + i + len(k)})
			off += i + 1
		}
	}
	if len(spans) == 0 {
		return s
	}
	adjacent := func(p int, end bool) bool {
		for _, o := range spans {
			if end && o.j == p || !end && o.i == p {
				return true
			}
		}
		return false
	}
	whole := func(sp span) bool {
		if sp.j-sp.i >= anywhere {
			return true
		}
		first, _ := utf8.DecodeRuneInString(s[sp.i:])
		before, _ := utf8.DecodeLastRuneInString(s[:sp.i])
		last, _ := utf8.DecodeLastRuneInString(s[:sp.j])
		after, _ := utf8.DecodeRuneInString(s[sp.j:])
		left := sp.i == 0 || !wordRune(first) || !wordRune(before) || adjacent(sp.i, true)
		right := sp.j == len(s) || !wordRune(last) || !wordRune(after) || adjacent(sp.j, false)
		return left && right
	}
	slices.SortFunc(spans, func(a, b span) int { return cmp.Or(a.i-b.i, b.j-a.j) })
	var b strings.Builder
	done := 0
	for _, sp := range spans {
		if sp.i < done || !whole(sp) {
			continue
		}
		b.WriteString(s[done:sp.i])
		b.WriteString(redacted)
		done = sp.j
	}
	b.WriteString(s[done:])
	return b.String()
}

// wordRune reports a letter or a digit: a rune of a word a key may be
// part of.
func wordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
