package store

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/format"

	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/corpaction"
)

// ActionsFile is the name, in an ingest directory, of the corporate
// actions table.
const ActionsFile = "actions.parquet"

// Columns of the actions table, one row per action (see the package
// documentation, "Corporate actions").
const (
	actDate       = "date"
	actSymbol     = "symbol"
	actType       = "type"
	actSpecial    = "special"
	actRatioNew   = "ratio_new"
	actRatioOld   = "ratio_old"
	actAmount     = "amount"
	actPayDate    = "pay_date"
	actRecordDate = "record_date"
	actTarget     = "target"
	actOrigin     = "origin"
	actLine       = "line"
)

// Actions describes the corporate actions table of an ingest in its
// manifest, as File does a bars file.
type Actions struct {
	// Path is relative to the ingest directory ("actions.parquet").
	Path   string `json:"path"`
	Rows   int    `json:"rows"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
	// Decimals is the scale of the amount column.
	Decimals int `json:"decimals"`
}

// actionsTable is a table of actions encoded for writing: no backend left.
type actionsTable struct {
	rows   []actionRow
	amount scaled
}

type actionRow struct {
	date, pay, record   time.Time
	symbol, typ, target string
	special             bool
	ratio               corpaction.Ratio
	origin              string
	line                int64
}

// SetActions adds corporate actions to the ingest: Commit writes them as
// the bundle's actions table, beside the bars, in the same atomic step.
// Each action is validated (corpaction.Check: the rules of the CSV
// reader, duplicates refused); Commit also refuses one whose symbol or
// target has no bars in the dataset. An amount the table cannot hold
// exactly (more than 18 significant digits) is a *ValueError. Calling
// SetActions again replaces the actions; with none, the ingest has no
// table.
func SetActions[N numeric.Number[N]](in *Ingest, as []corpaction.Action[N]) error {
	if in.committed {
		return errors.New("store: ingest already committed")
	}
	if err := corpaction.Check(as); err != nil {
		return fmt.Errorf("store: bundle %q: %w", in.name, err)
	}
	if len(as) == 0 {
		in.actions = nil
		return nil
	}
	sorted := append([]corpaction.Action[N](nil), as...)
	corpaction.Sort(sorted)
	amounts := make([]N, len(sorted))
	t := &actionsTable{rows: make([]actionRow, len(sorted))}
	for i, a := range sorted {
		amounts[i] = a.Amount
		t.rows[i] = actionRow{date: a.Date, pay: a.PayDate, record: a.RecordDate, symbol: a.Symbol, typ: a.Type.String(),
			target: a.Target, special: a.Special, ratio: a.Ratio, origin: a.Origin.File, line: int64(a.Origin.Line)}
	}
	amt, err := encode(amounts, nil, ActionsFile, actAmount)
	if err != nil {
		return fmt.Errorf("store: %w", err)
	}
	t.amount = amt
	in.actions = t
	return nil
}

// check refuses an action whose symbol or target is not in symbols.
func (t *actionsTable) check(symbols map[string]bool) error {
	for _, r := range t.rows {
		for _, f := range []struct{ col, sym string }{{actSymbol, r.symbol}, {actTarget, r.target}} {
			if f.sym != "" && !symbols[f.sym] {
				where := r.origin
				if r.line > 0 {
					where = fmt.Sprintf("%s:%d", r.origin, r.line)
				}
				return fmt.Errorf("%s: %s %s %s: field %q value %q: %w: it has no bars in the bundle: ingest its bars too, or leave the action out",
					where, r.date.Format(time.DateOnly), r.symbol, r.typ, f.col, f.sym, corpaction.ErrUnknownSymbol)
			}
		}
	}
	return nil
}

// actionsSchema returns the schema of an actions table whose amounts have
// the given scale. Dates are DATE (days since 1970-01-01); pay_date,
// record_date and target are null when unset.
func actionsSchema(scale int) *parquet.Schema {
	req := func(n parquet.Node) parquet.Node { return parquet.Required(n) }
	return parquet.NewSchema("actions", parquet.Group{
		actDate:       req(parquet.Date()),
		actSymbol:     req(parquet.String()),
		actType:       req(parquet.String()),
		actSpecial:    req(parquet.Leaf(parquet.BooleanType)),
		actRatioNew:   req(parquet.Int(64)),
		actRatioOld:   req(parquet.Int(64)),
		actAmount:     req(parquet.Decimal(scale, MaxDigits, parquet.Int64Type)),
		actPayDate:    parquet.Optional(parquet.Date()),
		actRecordDate: parquet.Optional(parquet.Date()),
		actTarget:     parquet.Optional(parquet.String()),
		actOrigin:     req(parquet.String()),
		actLine:       req(parquet.Int(64)),
	})
}

func days(t time.Time) int32 { return int32(t.Unix() / 86400) }

// writeActions writes the table as Parquet to w.
func writeActions(w io.Writer, t *actionsTable) error {
	schema := actionsSchema(t.amount.scale)
	col := func(name string) int {
		leaf, _ := schema.Lookup(name)
		return leaf.ColumnIndex
	}
	pw := parquet.NewWriter(w, schema,
		parquet.KeyValueMetadata(metaFormat, fmt.Sprint(FormatVersion)),
		parquet.CreatedBy("penny", "", ""),
	)
	rows := make([]parquet.Row, len(t.rows))
	for i, r := range t.rows {
		row := make(parquet.Row, len(schema.Columns()))
		set := func(name string, v parquet.Value) { c := col(name); row[c] = v.Level(0, 0, c) }
		opt := func(name string, v parquet.Value, ok bool) {
			c := col(name)
			if !ok {
				row[c] = parquet.NullValue().Level(0, 0, c)
				return
			}
			row[c] = v.Level(0, 1, c)
		}
		set(actDate, parquet.Int32Value(days(r.date)))
		set(actSymbol, parquet.ByteArrayValue([]byte(r.symbol)))
		set(actType, parquet.ByteArrayValue([]byte(r.typ)))
		set(actSpecial, parquet.BooleanValue(r.special))
		set(actRatioNew, parquet.Int64Value(r.ratio.New))
		set(actRatioOld, parquet.Int64Value(r.ratio.Old))
		set(actAmount, parquet.Int64Value(t.amount.unscaled[i]))
		opt(actPayDate, parquet.Int32Value(days(r.pay)), !r.pay.IsZero())
		opt(actRecordDate, parquet.Int32Value(days(r.record)), !r.record.IsZero())
		opt(actTarget, parquet.ByteArrayValue([]byte(r.target)), r.target != "")
		set(actOrigin, parquet.ByteArrayValue([]byte(r.origin)))
		set(actLine, parquet.Int64Value(r.line))
		rows[i] = row
	}
	if _, err := pw.WriteRows(rows); err != nil {
		return err
	}
	return pw.Close()
}

// commitActions writes the ingest's actions table, if any, into its
// directory, and returns its manifest entry (nil without a table).
func commitActions(in *Ingest) (*Actions, error) {
	if in.actions == nil {
		return nil, nil
	}
	var b bytes.Buffer
	if err := writeActions(&b, in.actions); err != nil {
		return nil, fmt.Errorf("store: writing the actions table: %w", err)
	}
	path := filepath.Join(in.dir, ActionsFile)
	if err := writeSynced(path, b.Bytes()); err != nil {
		return nil, err
	}
	sum := sha256.Sum256(b.Bytes())
	return &Actions{Path: ActionsFile, Rows: len(in.actions.rows), Size: int64(b.Len()),
		SHA256: hex.EncodeToString(sum[:]), Decimals: in.actions.amount.scale}, nil
}

// writeSynced creates path (which must not exist), writes data and syncs
// it.
func writeSynced(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return fmt.Errorf("store: %w", err)
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("store: writing %s: %w", path, err)
	}
	return nil
}

// LoadActions reads the corporate actions table of an ingest of bundle
// name under home (ingest as for Load: pass the manifest's ingest name,
// store.IngestName(m.IngestTime), to read the same ingest as a Load)
// into backend N, sorted as corpaction.Sort sorts them. An ingest without
// a table has no actions (nil, no error). The table's size and checksum
// are checked against the manifest and every row is validated
// (corpaction.Action.Validate); a missing, altered or malformed table is
// a *CorruptError naming it (matching ErrCorrupt), and an amount N cannot
// hold a *ValueError.
func LoadActions[N numeric.Number[N]](home, name, ingest string) ([]corpaction.Action[N], error) {
	ing, err := resolveIngest(home, name, ingest)
	if err != nil {
		return nil, err
	}
	dir := ingestDir(home, name, ing)
	m, err := readManifest(dir)
	if err != nil {
		return nil, err
	}
	if m.Actions == nil {
		return nil, nil
	}
	path := filepath.Join(dir, filepath.FromSlash(m.Actions.Path))
	data, err := verified(path, m.Actions.Size, m.Actions.SHA256)
	if err != nil {
		return nil, err
	}
	as, err := readActions[N](data, path)
	if err != nil {
		var ve *ValueError
		var ce *CorruptError
		if errors.As(err, &ve) || errors.As(err, &ce) {
			return nil, err
		}
		return nil, &CorruptError{Path: path, Reason: "not an actions table: " + err.Error()}
	}
	if len(as) != m.Actions.Rows {
		return nil, &CorruptError{Path: path, Reason: fmt.Sprintf("%d rows, the manifest says %d", len(as), m.Actions.Rows)}
	}
	return as, nil
}

// verified reads a file and checks its size and SHA-256 against the
// manifest's, as a *CorruptError naming it.
func verified(path string, size int64, sha string) ([]byte, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, &CorruptError{Path: path, Reason: "missing"}
		}
		return nil, &CorruptError{Path: path, Reason: err.Error()}
	}
	if int64(len(data)) != size {
		what := "truncated"
		if int64(len(data)) > size {
			what = "longer than written"
		}
		return nil, &CorruptError{Path: path, Reason: fmt.Sprintf("%s: %d bytes, the manifest says %d", what, len(data), size)}
	}
	sum := sha256.Sum256(data)
	if hex.EncodeToString(sum[:]) != sha {
		return nil, &CorruptError{Path: path, Reason: "checksum mismatch: the file was altered or damaged after it was written"}
	}
	return data, nil
}

// actionColumns are the columns of the table with their physical kind
// and, for the optional ones, whether they may be null.
var actionColumns = []struct {
	name     string
	kind     parquet.Kind
	optional bool
}{
	{actDate, parquet.Int32, false}, {actSymbol, parquet.ByteArray, false}, {actType, parquet.ByteArray, false},
	{actSpecial, parquet.Boolean, false}, {actRatioNew, parquet.Int64, false}, {actRatioOld, parquet.Int64, false},
	{actAmount, parquet.Int64, false}, {actPayDate, parquet.Int32, true}, {actRecordDate, parquet.Int32, true},
	{actTarget, parquet.ByteArray, true}, {actOrigin, parquet.ByteArray, false}, {actLine, parquet.Int64, false},
}

// readActions decodes a verified actions table. A malformed one is an
// error (made a *CorruptError by the caller); nothing panics.
func readActions[N numeric.Number[N]](data []byte, path string) (out []corpaction.Action[N], err error) {
	defer func() {
		if r := recover(); r != nil {
			out, err = nil, fmt.Errorf("unreadable: %v", r)
		}
	}()
	f, err := parquet.OpenFile(bytes.NewReader(data), int64(len(data)), parquet.SkipBloomFilters(true), parquet.SkipPageIndex(true))
	if err != nil {
		return nil, err
	}
	idx := map[string]int{}
	scale := 0
	for _, c := range actionColumns {
		leaf, ok := f.Schema().Lookup(c.name)
		if !ok {
			return nil, fmt.Errorf("no column %q", c.name)
		}
		if leaf.MaxRepetitionLevel != 0 || leaf.MaxDefinitionLevel != map[bool]int{false: 0, true: 1}[c.optional] {
			return nil, fmt.Errorf("column %q is not a flat column of the layout", c.name)
		}
		if k := leaf.Node.Type().Kind(); k != c.kind {
			return nil, fmt.Errorf("column %q is %s, want %s", c.name, k, c.kind)
		}
		if c.name == actAmount {
			dt, ok := logicalValue[*format.DecimalType](leaf.Node.Type().LogicalType())
			if !ok || dt.Scale < 0 || dt.Scale > MaxDigits || dt.Precision > MaxDigits {
				return nil, fmt.Errorf("column %q is not DECIMAL(18, s) with 0 <= s <= 18", c.name)
			}
			scale = int(dt.Scale)
		}
		idx[c.name] = leaf.ColumnIndex
	}
	var unscaled []int64
	var rows []actionRow
	buf := make([]parquet.Row, 64)
	for _, rg := range f.RowGroups() {
		rs := rg.Rows()
		for {
			n, err := rs.ReadRows(buf)
			for _, row := range buf[:n] {
				get := func(name string) parquet.Value {
					c := idx[name]
					for _, v := range row {
						if v.Column() == c {
							return v
						}
					}
					return parquet.NullValue()
				}
				str := func(name string) string { return string(get(name).ByteArray()) }
				date := func(name string) time.Time {
					v := get(name)
					if v.IsNull() {
						return time.Time{}
					}
					return time.Unix(int64(v.Int32())*86400, 0).UTC()
				}
				r := actionRow{date: date(actDate), pay: date(actPayDate), record: date(actRecordDate),
					symbol: str(actSymbol), typ: str(actType), target: str(actTarget), special: get(actSpecial).Boolean(),
					ratio:  corpaction.Ratio{New: get(actRatioNew).Int64(), Old: get(actRatioOld).Int64()},
					origin: str(actOrigin), line: get(actLine).Int64()}
				rows = append(rows, r)
				unscaled = append(unscaled, get(actAmount).Int64())
			}
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				rs.Close()
				return nil, err
			}
		}
		if err := rs.Close(); err != nil {
			return nil, err
		}
	}
	amounts := make([]N, len(rows))
	if err := decode(amounts, unscaled, scale, path, actAmount, 0); err != nil {
		return nil, err
	}
	out = make([]corpaction.Action[N], len(rows))
	for i, r := range rows {
		a := corpaction.Action[N]{Date: r.date, PayDate: r.pay, RecordDate: r.record, Symbol: r.symbol, Target: r.target,
			Special: r.special, Ratio: r.ratio, Amount: amounts[i], Origin: corpaction.Origin{File: r.origin, Line: int(r.line)}}
		t, special, err := corpaction.ParseType(r.typ)
		if err != nil || special {
			return nil, &CorruptError{Path: path, Reason: fmt.Sprintf("row %d: column type: %q is not an action type", i+1, r.typ)}
		}
		a.Type = t
		if err := a.Validate(); err != nil {
			return nil, &CorruptError{Path: path, Reason: fmt.Sprintf("row %d: %v", i+1, err)}
		}
		out[i] = a
	}
	if err := corpaction.Check(out); err != nil {
		return nil, &CorruptError{Path: path, Reason: err.Error()}
	}
	corpaction.Sort(out)
	return out, nil
}
