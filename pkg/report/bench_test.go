package report_test

import (
	"io"
	"testing"

	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/report"
)

// BenchmarkWrite measures the report of a 10-year daily run of the test
// fixture (2516 sessions, a few hundred transactions and orders): the
// Summary alone (output=summary), report.html into io.Discard
// (output=html), and the whole directory on disk, fsyncs included
// (output=dir). Run:
//
//	go test -run '^$' -bench Write -benchmem ./pkg/report/
func BenchmarkWrite(b *testing.B) {
	b.Run("output=summary/backend=float", benchWrite[numeric.Float]("summary"))
	b.Run("output=summary/backend=fixed", benchWrite[numeric.Fixed]("summary"))
	b.Run("output=summary/backend=decimal", benchWrite[numeric.Decimal]("summary"))
	b.Run("output=html/backend=float", benchWrite[numeric.Float]("html"))
	b.Run("output=html/backend=fixed", benchWrite[numeric.Fixed]("html"))
	b.Run("output=html/backend=decimal", benchWrite[numeric.Decimal]("html"))
	b.Run("output=dir/backend=float", benchWrite[numeric.Float]("dir"))
	b.Run("output=dir/backend=fixed", benchWrite[numeric.Fixed]("dir"))
	b.Run("output=dir/backend=decimal", benchWrite[numeric.Decimal]("dir"))
}

func benchWrite[N numeric.Number[N]](output string) func(b *testing.B) {
	return func(b *testing.B) {
		res := runFixture[N](b, "2014-01-02", "2023-12-29")
		opts := report.Options{Name: "ten years"}
		dir := b.TempDir()
		b.ResetTimer()
		for b.Loop() {
			var err error
			switch output {
			case "summary":
				_, err = report.Summarize(res, opts)
			case "html":
				var r *report.Report[N]
				if r, err = report.New(res, opts); err == nil {
					err = r.WriteHTML(io.Discard)
				}
			case "dir":
				err = report.WriteDir(dir, res, opts)
			}
			if err != nil {
				b.Fatal(err)
			}
		}
	}
}
