package store

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/market"
)

// sum returns the manifest's checksum: the SHA-256, in hex, of its JSON
// without the checksum itself, compact, as encoding/json writes a
// Manifest (fields in their order, map keys sorted). Every field is in
// it, so that editing any value of the manifest (a lot size, the
// frequency, a symbol) changes it, while the indentation does not.
func (m *Manifest) sum() (string, error) {
	c := *m
	c.Checksum = ""
	b, err := json.Marshal(&c)
	if err != nil {
		return "", fmt.Errorf("store: %w", err)
	}
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:]), nil
}

// seal sets the manifest's checksum.
func (m *Manifest) seal() error {
	s, err := m.sum()
	m.Checksum = s
	return err
}

// Sealed reports whether the manifest has a checksum, which was verified
// when it was read: false for the manifests written before Penny
// checksummed them (format 1, and format 2 until then), whose edits
// cannot be detected. Their fields are validated all the same.
func (m *Manifest) Sealed() bool { return m.Checksum != "" }

// UnsealedWarning is the warning for a manifest without a checksum, for
// the commands that load it to print.
func (m *Manifest) UnsealedWarning() string {
	return fmt.Sprintf("bundle %q ingest %s: its manifest has no checksum (written by an earlier penny): an edit to it cannot be detected; ingest the bundle again to add one",
		m.Name, IngestName(m.IngestTime))
}

// decodeManifest decodes the bytes of a manifest strictly: every field
// present (but those that may be empty), no unknown field, values of the
// right types; errors in the words of the file, with its line.
func decodeManifest(b []byte) (*Manifest, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var m Manifest
	if err := dec.Decode(&m); err != nil {
		return nil, jsonError(b, err)
	}
	if dec.More() {
		return nil, errors.New("more than one JSON value")
	}
	// Required keys: a key left out would decode as its zero value (a
	// missing frequency as daily).
	var top map[string]json.RawMessage
	var assets []map[string]json.RawMessage
	if err := json.Unmarshal(b, &top); err != nil {
		return nil, jsonError(b, err)
	}
	if err := json.Unmarshal(top["assets"], &assets); err != nil {
		return nil, jsonError(b, err)
	}
	var errs []error
	for _, k := range []string{"format", "name", "ingest_time", "source", "frequency", "calendar", "start", "end", "rows", "symbols", "assets"} {
		if _, ok := top[k]; !ok {
			errs = append(errs, fmt.Errorf("field %q: missing", k))
		}
	}
	for i, a := range assets {
		for _, k := range []string{"symbol", "path", "rows", "start", "end", "size", "sha256", "decimals"} {
			if _, ok := a[k]; !ok {
				errs = append(errs, fmt.Errorf("field \"assets[%d].%s\": missing", i, k))
			}
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return &m, nil
}

// jsonError says what encoding/json refused, without Go's type names, at
// the line of the file.
func jsonError(b []byte, err error) error {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return fmt.Errorf("line %d: not valid JSON: %s", lineAt(b, se.Offset), se.Error())
	case errors.As(err, &te):
		return fmt.Errorf("line %d: field %q: a JSON %s, want %s", lineAt(b, te.Offset), te.Field, te.Value, jsonKind(te.Type.Kind().String()))
	}
	msg := strings.TrimPrefix(err.Error(), "json: ")
	if strings.HasPrefix(msg, "unknown field") {
		return fmt.Errorf("%s: not a field of a manifest", msg)
	}
	return errors.New(msg)
}

// jsonKind names what a Go kind holds, for an error.
func jsonKind(kind string) string {
	switch {
	case strings.HasPrefix(kind, "int"), strings.HasPrefix(kind, "uint"):
		return "a whole number"
	case kind == "string":
		return "a string"
	case kind == "slice", kind == "array":
		return "a list"
	case kind == "map", kind == "struct":
		return "an object"
	}
	return "another kind of value"
}

// lineAt returns the line of byte offset off of b.
func lineAt(b []byte, off int64) int {
	off = min(max(off, 0), int64(len(b)))
	return 1 + bytes.Count(b[:off], []byte("\n"))
}

// validate checks every field of a manifest read from the ingest
// directory dir: that it names the bundle and ingest it is in, and that
// its values are possible and agree with each other (the totals with the
// assets, the symbols with the assets', the assets in symbol order).
// Each problem names the field and its value.
func (m *Manifest) validate(dir string) error {
	var errs []error
	bad := func(field string, value any, format string, args ...any) {
		errs = append(errs, fmt.Errorf("field %q value %q: %s", field, fmt.Sprint(value), fmt.Sprintf(format, args...)))
	}
	if name := filepath.Base(filepath.Dir(dir)); m.Name != name {
		bad("name", m.Name, "the manifest is in bundle %q", name)
	}
	if ing := filepath.Base(dir); IngestName(m.IngestTime) != ing {
		bad("ingest_time", m.IngestTime.Format(time.RFC3339Nano), "the manifest is in ingest %s", ing)
	}
	if m.Source == "" {
		bad("source", m.Source, "empty")
	}
	if _, _, err := bundleCalendar(m.Calendar, m.TimeZone); err != nil {
		if m.Calendar != "" && !strings.EqualFold(m.Calendar, "data") {
			bad("calendar", m.Calendar, "%v", err)
		} else {
			bad("timezone", m.TimeZone, "%v", err)
		}
	}
	if m.Frequency != market.Daily && m.Frequency != market.Hourly && m.Frequency != market.Minute {
		bad("frequency", m.Frequency, "want daily, hourly or minute")
	}
	if len(m.Assets) == 0 {
		bad("assets", "[]", "no asset")
	}
	var rows int64
	var start, end time.Time
	syms := make([]string, 0, len(m.Assets))
	for i := range m.Assets {
		a := &m.Assets[i]
		f := func(name string) string { return fmt.Sprintf("assets[%d].%s", i, name) }
		syms = append(syms, a.Symbol)
		if a.Symbol == "" {
			bad(f("symbol"), a.Symbol, "empty")
		} else if i > 0 && a.Symbol <= m.Assets[i-1].Symbol {
			bad(f("symbol"), a.Symbol, "not after %q: the assets are in symbol order, each once", m.Assets[i-1].Symbol)
		}
		if _, err := market.ParseClass(a.Class); err != nil {
			bad(f("class"), a.Class, "want equity or crypto")
		}
		if err := checkIncrement(a.TickSize); err != nil {
			bad(f("tick_size"), a.TickSize, "%v", err)
		}
		if err := checkIncrement(a.LotSize); err != nil {
			bad(f("lot_size"), a.LotSize, "%v", err)
		}
		if a.Path == "" || filepath.IsAbs(a.Path) || !filepath.IsLocal(a.Path) {
			bad(f("path"), a.Path, "not a path inside the ingest")
		}
		if a.Rows <= 0 {
			bad(f("rows"), a.Rows, "want a number of bars above 0")
		}
		rows += int64(a.Rows)
		if a.Start.IsZero() || a.End.IsZero() || a.End.Before(a.Start) {
			bad(f("end"), a.End.Format(time.RFC3339Nano), "not at or after start %s", a.Start.Format(time.RFC3339Nano))
		}
		if i == 0 || a.Start.Before(start) {
			start = a.Start
		}
		if i == 0 || a.End.After(end) {
			end = a.End
		}
		if a.Size <= 0 {
			bad(f("size"), a.Size, "want a number of bytes above 0")
		}
		if !isSHA256(a.SHA256) {
			bad(f("sha256"), a.SHA256, "want 64 hexadecimal digits")
		}
		if got := slices.Sorted(maps.Keys(a.Decimals)); !slices.Equal(got, slices.Sorted(slices.Values(priceColumns[:]))) {
			bad(f("decimals"), strings.Join(got, ","), "want the scales of %s", strings.Join(priceColumns[:], ", "))
		}
		for _, c := range priceColumns {
			if d, ok := a.Decimals[c]; ok && (d < 0 || d > MaxDigits) {
				bad(f("decimals."+c), d, "want 0 to %d", MaxDigits)
			}
		}
	}
	if len(m.Assets) > 0 {
		if !m.Start.Equal(start) {
			bad("start", m.Start.Format(time.RFC3339Nano), "the assets start at %s", start.Format(time.RFC3339Nano))
		}
		if !m.End.Equal(end) {
			bad("end", m.End.Format(time.RFC3339Nano), "the assets end at %s", end.Format(time.RFC3339Nano))
		}
	}
	if m.Rows != rows {
		bad("rows", m.Rows, "the assets hold %d", rows)
	}
	if !slices.Equal(m.Symbols, syms) {
		bad("symbols", strings.Join(m.Symbols, ","), "the assets are %s", strings.Join(syms, ","))
	}
	if a := m.Actions; a != nil {
		if a.Path == "" || filepath.IsAbs(a.Path) || !filepath.IsLocal(a.Path) {
			bad("actions.path", a.Path, "not a path inside the ingest")
		}
		if a.Rows < 0 {
			bad("actions.rows", a.Rows, "negative")
		}
		if a.Size <= 0 {
			bad("actions.size", a.Size, "want a number of bytes above 0")
		}
		if !isSHA256(a.SHA256) {
			bad("actions.sha256", a.SHA256, "want 64 hexadecimal digits")
		}
		if a.Decimals < 0 || a.Decimals > MaxDigits {
			bad("actions.decimals", a.Decimals, "want 0 to %d", MaxDigits)
		}
	}
	return errors.Join(errs...)
}

// checkIncrement checks a tick or lot size: empty (unknown), or a
// positive decimal number, which every backend parses as it does prices.
func checkIncrement(s string) error {
	if s == "" {
		return nil
	}
	d, err := numeric.Parse[numeric.Decimal](s)
	if err != nil || d.Sign() <= 0 {
		return errors.New("want a positive decimal number (0.01)")
	}
	return nil
}

// isSHA256 reports 64 lower-case hexadecimal digits.
func isSHA256(s string) bool {
	if len(s) != 64 {
		return false
	}
	for _, c := range s {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}
