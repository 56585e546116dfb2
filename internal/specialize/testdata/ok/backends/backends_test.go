package backends

import (
	"testing"

	"github.com/pennybt/penny/numeric"
)

// testDescribe checks describe on backend N.
//
//penny:backends
func testDescribe[N numeric.Number[N]](t *testing.T) {
	got, err := describe[N]("1.5")
	if want := numeric.Backend[N]() + " 1.5"; err != nil || got != want {
		t.Fatalf("describe = %q, %v; want %q", got, err, want)
	}
}

func TestDescribe(t *testing.T) {
	for _, b := range []string{"float", "fixed", "decimal"} {
		f, ok := testDescribeByName(b)
		if !ok {
			t.Fatalf("no test for %s", b)
		}
		t.Run(b, f)
	}
	if _, ok := testDescribeByName("quad"); ok {
		t.Fatal("a test for quad")
	}
	if _, err := Describe("quad", "1"); err == nil {
		t.Fatal("Describe accepts quad")
	}
	if got, ok := halfTextByName("fixed"); !ok || got([]string{"3"})[0] != "1.5" {
		t.Fatal("halfText on fixed")
	}
}

func TestName(t *testing.T) {
	for _, b := range []string{"float", "fixed", "decimal"} {
		if f, ok := nameByName(b); !ok || f() != b {
			t.Fatalf("nameByName(%s)", b)
		}
	}
}
